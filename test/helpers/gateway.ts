import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { ExecutionResult } from 'graphql';
import { print } from 'graphql/index.js';
import { DEFAULT_OKTA_SCOPES } from '../../src/config.ts';
import { parseApiKeys } from '../../src/http/auth.ts';
import { createGatewayMetrics, teeUpstreamMetrics } from '../../src/http/metrics.ts';
import type { OktaCredentials } from '../../src/okta/client.ts';
import { createUpstreamCounters, type UpstreamCounters } from '../../src/okta/metrics.ts';
import { createOktaDeps, type OktaDeps } from '../../src/open-okta.ts';
import { demoPrincipalIds, generateDemoOrg } from '../../src/sim/generate.ts';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/sim/index.ts';
import { createGateway, type Gateway, type GatewayDeps, GRAPHQL_PATH } from '../../src/yoga.ts';
import { grantScopes, serviceAppCredentials } from './service-app.ts';

export interface TestGatewayOptions {
  /** Simulator options; rate limits are off unless given. */
  sim?: SimulatorOptions;
  /** Accepted API keys (clear or sha256:); none: no authentication. */
  apiKeys?: string[];
  /** Overrides for createGateway (limits, introspection, ...). */
  gateway?: Partial<GatewayDeps>;
}

export interface TestGateway extends Gateway {
  sim: Simulator;
  okta: OktaDeps;
  /** Upstream events as plain counters (requests by bucket and status, cache hits). */
  upstream: UpstreamCounters;
  /** POSTs an operation through yoga.fetch (no socket) and returns the parsed body. */
  fetchGraphQL<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<ExecutionResult<T> & { status: number }>;
  /** Runs a typed document from test/generated (codegen of test/operations/*.graphql). */
  execute<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    headers?: Record<string, string>,
  ): Promise<ExecutionResult<TData> & { status: number }>;
  close(): Promise<void>;
}

/**
 * How the end-to-end suite signs in: the simulator's API token, or with E2E_CREDENTIAL=oauth
 * (the vitest project `e2e-oauth`) as the service app "Lumos Connector (full)" (SUPER_ADMIN) asking
 * for exactly the gateway's default scopes, which its grants are completed with.
 */
const OAUTH = process.env.E2E_CREDENTIAL === 'oauth';
export const TEST_CREDENTIAL: 'apiToken' | 'oauth' = OAUTH ? 'oauth' : 'apiToken';

async function oauthSimulator(
  options: SimulatorOptions,
): Promise<{ sim: Simulator; credentials: OktaCredentials }> {
  const org = options.org ?? generateDemoOrg({ seed: options.seed ?? 'demo' });
  grantScopes(org, demoPrincipalIds(org).serviceApps.full, DEFAULT_OKTA_SCOPES);
  const sim = await startSimulator({ rateLimits: false, ...options, org });
  // A variant may give the app another client id (client-id-chars); its app id stays.
  const clientId = demoPrincipalIds(sim.org).serviceApps.full;
  return { sim, credentials: await serviceAppCredentials(sim, clientId, DEFAULT_OKTA_SCOPES) };
}

/** Starts the demo-org simulator and a gateway reading it with the simulator's API token. */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const { sim, credentials } = OAUTH
    ? await oauthSimulator(options.sim ?? {})
    : await (async () => {
        const started = await startSimulator({ rateLimits: false, ...options.sim });
        return {
          sim: started,
          credentials: { mode: 'apiToken', token: started.apiToken } as OktaCredentials,
        };
      })();
  const upstream = createUpstreamCounters();
  const metrics = createGatewayMetrics();
  const okta = createOktaDeps({
    orgUrl: sim.url,
    credentials,
    metrics: teeUpstreamMetrics(metrics.upstream, upstream),
  });
  const gateway = createGateway({
    ...okta.gatewayDeps,
    metrics,
    apiKeys: options.apiKeys ? parseApiKeys(options.apiKeys) : null,
    ...options.gateway,
  });
  const fetchGraphQL = async <T>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<ExecutionResult<T> & { status: number }> => {
    const response = await gateway.yoga.fetch(`http://gateway.test${GRAPHQL_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as ExecutionResult<T>;
    return { ...body, status: response.status };
  };
  return {
    ...gateway,
    sim,
    okta,
    upstream,
    fetchGraphQL,
    execute: (document, variables, headers) => fetchGraphQL(print(document), variables, headers),
    async close() {
      // With the default scopes the gateway needs no read it is refused.
      const refused = OAUTH ? sim.requestLog.filter((e) => e.status === 403).map((e) => e.path) : [];
      await sim.close();
      if (refused.length > 0) throw new Error(`Okta refused ${refused.length} reads: ${refused.join(', ')}`);
    },
  };
}
