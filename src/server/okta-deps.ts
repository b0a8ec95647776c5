import type { RolePermissionTable } from '../iam/index.ts';
import { DEFAULT_LUMOS_RULE_SET, DEFAULT_ROLE_PERMISSION_TABLE } from '../iam/index.ts';
import {
  type CatalogCache,
  type CatalogCacheOptions,
  createCachedDirectory,
  createCatalogCache,
  createPassThroughCache,
} from '../okta/cache.ts';
import {
  createOktaClient,
  type OktaClient,
  type OktaClientOptions,
  type OktaCredentials,
} from '../okta/client.ts';
import { createOktaDirectory } from '../okta/directory.ts';
import { createLoaders } from '../okta/loaders.ts';
import type { UpstreamMetrics } from '../okta/metrics.ts';
import { probeGatewayAccess } from '../okta/probes.ts';
import type { SharedState } from '../okta/shared/shared-state.ts';
import type { GatewayDeps } from '../yoga.ts';
import { createAccessCheck } from './access-check.ts';

export interface OktaDepsOptions {
  orgUrl: string;
  credentials: OktaCredentials;
  metrics?: UpstreamMetrics;
  /** Most Okta requests in flight. Default 20. */
  maxConcurrency?: number;
  cache?: CatalogCacheOptions;
  /** Replicas' shared state (REDIS_URL): the Okta budget, and a Redis tier behind the cache. */
  shared?: SharedState;
  roleTable?: RolePermissionTable;
  /**
   * Naive mode, a benchmark baseline: loaders neither batch nor memoize, requests share no
   * catalog list, and the catalog cache keeps nothing, so every field pays its own upstream
   * calls. Default false.
   */
  naive?: boolean;
  /** Per-attempt timeout, rate-limit wait cap and retries of the Okta client (defaults: see OktaClientOptions). */
  client?: Pick<
    OktaClientOptions,
    'requestTimeoutMs' | 'maxRateLimitWaitMs' | 'retries' | 'rateLimitReserve'
  >;
}

export interface OktaDeps {
  client: OktaClient;
  cache: CatalogCache;
  /** Everything createGateway needs to read Okta, minus logger, metrics and HTTP settings. */
  gatewayDeps: Pick<
    GatewayDeps,
    'directory' | 'createLoaders' | 'roleTable' | 'ruleSet' | 'accessCheck' | 'memoize'
  >;
}

/**
 * Okta client -> directory -> shared catalog cache; the access check (gatewayAccess, /readyz)
 * probes through the client, uncached, and only when asked.
 */
export function createOktaDeps(options: OktaDepsOptions): OktaDeps {
  const client = createOktaClient({
    orgUrl: options.orgUrl,
    credentials: options.credentials,
    maxConcurrency: options.maxConcurrency,
    metrics: options.metrics,
    ...options.client,
    ...(options.shared && { budget: options.shared.budget }),
  });
  const raw = createOktaDirectory(client, { shareTargetReads: !options.naive });
  const local = options.naive
    ? createPassThroughCache(options.metrics)
    : createCatalogCache({ ...options.cache, metrics: options.metrics });
  const cache = options.shared && !options.naive ? options.shared.shareCache(local, options.metrics) : local;
  return {
    client,
    cache,
    gatewayDeps: {
      directory: createCachedDirectory(raw, cache),
      createLoaders: options.naive ? (d) => createLoaders(d, { naive: true }) : createLoaders,
      roleTable: options.roleTable ?? DEFAULT_ROLE_PERMISSION_TABLE,
      ruleSet: DEFAULT_LUMOS_RULE_SET,
      memoize: !options.naive,
      accessCheck: createAccessCheck(() =>
        probeGatewayAccess(client, {
          scopes: options.credentials.mode === 'privateKey' ? options.credentials.scopes : [],
        }),
      ),
    },
  };
}
