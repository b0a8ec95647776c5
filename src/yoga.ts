import { EnvelopArmor } from '@escape.tech/graphql-armor';
// graphql/index.js: the same graphql instance yoga validates with (vitest would pick index.mjs).
import { NoSchemaIntrospectionCustomRule } from 'graphql/index.js';
import { createYoga, type Plugin, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { type ContextDeps, createContext, type GatewayContext } from './context.ts';
import { readyzResponse } from './http/access-check.ts';
import type { ApiKeySet } from './http/auth.ts';
import { toCallerError } from './http/errors.ts';
import { DEFAULT_EXAMPLE_QUERY, graphiqlExampleTabs } from './http/graphiql-examples.ts';
import type { ExampleOrg } from './http/graphiql-tabs.ts';
import {
  DEFAULT_MAX_BODY_BYTES,
  useBodyLimit,
  useSecurityHeaders,
  useStableErrorCodes,
} from './http/hardening.ts';
import type { LogFollowerReadiness } from './http/log-following.ts';
import { createLogger } from './http/logging.ts';
import { createGatewayMetrics, type GatewayMetrics } from './http/metrics.ts';
import {
  HEALTH_PATH,
  READY_PATH,
  requestInfo,
  useCsrfPrevention,
  useErrorMetrics,
  useGatewayHttp,
  useMetricsEndpoint,
} from './http/plugins.ts';
import type { SharedReadiness } from './http/replicas.ts';
import { schema } from './schema/index.ts';

/** Query limits; the defaults suit the contract's deepest saved operations with room to spare. */
export interface GatewayLimits {
  /** Most nested selection levels, not counting introspection. Default 12. */
  maxDepth?: number;
  /** Most aliases in one operation. Default 30. */
  maxAliases?: number;
  /** Most tokens in one document. Default 4000. */
  maxTokens?: number;
  /** Most graphql-armor cost units in one operation. Default 20000. */
  maxCost?: number;
}

export interface GatewayDeps extends ContextDeps {
  logger?: Logger;
  /** Metrics registry; pass the same one the Okta client writes its upstream metrics to. */
  metrics?: GatewayMetrics;
  /** Accepted API keys; null or absent: no authentication (loopback only, enforced by main). */
  apiKeys?: ApiKeySet | null;
  /** Serve GraphiQL on GET /graphql. Default true. */
  graphiql?: boolean;
  /** The org GraphiQL's saved operations are for: `demo` names the demo org's principals. Default `any` (`me` and what the org lists). */
  graphiqlExamplesFor?: ExampleOrg;
  /** Answer introspection queries. Default true. */
  introspection?: boolean;
  /** Development: unexpected errors keep their message (never a stack). Default false. */
  development?: boolean;
  limits?: GatewayLimits;
  /** Largest request body accepted, in bytes; larger: 413. Default 1,000,000. */
  maxBodyBytes?: number;
  /** What /readyz shows of the System Log follower (the server's); absent: nothing. */
  logFollower?: () => LogFollowerReadiness;
  /** What /readyz shows of the state shared with other replicas (REDIS_URL); absent: nothing. */
  sharedState?: () => SharedReadiness;
}

export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  metrics: GatewayMetrics;
  logger: Logger;
}

export const GRAPHQL_PATH = '/graphql';

function useNoIntrospection(): Plugin {
  return { onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) };
}

/** Builds the gateway's yoga instance. It never listens: main.ts or a test does. */
export function createGateway(deps: GatewayDeps): Gateway {
  const logger = deps.logger ?? createLogger('silent');
  const metrics = deps.metrics ?? createGatewayMetrics();
  const limits = deps.limits ?? {};
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.maxDepth ?? 12, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases ?? 30 },
    maxTokens: { n: limits.maxTokens ?? 4000 },
    costLimit: { maxCost: limits.maxCost ?? 20000, ignoreIntrospection: true },
    maxDirectives: { n: 50 },
    blockFieldSuggestion: { enabled: !deps.development },
  });
  const contextDeps: ContextDeps = {
    directory: deps.directory,
    createLoaders: deps.createLoaders,
    roleTable: deps.roleTable,
    ruleSet: deps.ruleSet,
    accessCheck: deps.accessCheck,
    createOnce: deps.createOnce,
  };

  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: HEALTH_PATH,
    landingPage: false,
    // GraphiQL's bundle, styles and editor workers inlined: it renders with no CDN, on closed networks.
    // Loaded on the first page view: the 9 MB bundle costs about 47 MB of memory once parsed.
    renderGraphiQL: async (options) =>
      (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    cors: false,
    multipart: false,
    batching: false,
    logging: {
      debug: (...args) => logger.debug({ args }, 'yoga'),
      info: (...args) => logger.info({ args }, 'yoga'),
      warn: (...args) => logger.warn({ args }, 'yoga'),
      error: (...args) => logger.error({ args: args.map(String) }, 'yoga'),
    },
    maskedErrors: {
      isDev: deps.development ?? false,
      maskError: (error, message, isDev) => toCallerError(error, message, isDev ?? false),
    },
    graphiql:
      deps.graphiql === false
        ? false
        : {
            title: 'okta-iam-graphql',
            defaultQuery: DEFAULT_EXAMPLE_QUERY,
            defaultTabs: graphiqlExampleTabs(deps.graphiqlExamplesFor ?? 'any'),
            ...(deps.apiKeys ? { headers: JSON.stringify({ Authorization: 'Bearer <your API key>' }) } : {}),
          },
    context: ({ request }) => {
      const info = requestInfo.get(request);
      return createContext(
        contextDeps,
        info?.requestId ?? crypto.randomUUID(),
        info?.caller ?? { keyFingerprint: null },
      );
    },
    plugins: [
      useGatewayHttp({ logger, metrics, apiKeys: deps.apiKeys ?? null, graphqlPath: GRAPHQL_PATH }),
      useSecurityHeaders({ healthPath: HEALTH_PATH }),
      useBodyLimit(deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
      useMetricsEndpoint(metrics),
      useReadinessCheck({
        endpoint: READY_PATH,
        // 200 when Okta answers and accepts the credential; the body lists the reads it refuses.
        check: async () => {
          try {
            return readyzResponse(
              await deps.accessCheck.current(),
              deps.logFollower?.() ?? null,
              deps.sharedState?.() ?? null,
            );
          } catch (error) {
            logger.warn(
              { err: error instanceof Error ? error.message : String(error) },
              'access check failed',
            );
            return false;
          }
        },
      }),
      useCsrfPrevention(GRAPHQL_PATH),
      ...armor.protect().plugins,
      ...(deps.introspection === false ? [useNoIntrospection()] : []),
      useStableErrorCodes(deps.development ?? false),
      useErrorMetrics(metrics),
    ],
  });
  return { yoga, metrics, logger };
}
