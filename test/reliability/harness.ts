/**
 * A gateway over the demo-org simulator with short upstream timeouts, for fault and security
 * tests. Unlike test/helpers/gateway.ts it takes Okta client options, credentials, a logger and
 * a socket-free raw request helper.
 */
import type { ExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import { parseApiKeys } from '../../src/http/auth.ts';
import { createGatewayMetrics } from '../../src/http/metrics.ts';
import type { OktaCredentials } from '../../src/okta/client.ts';
import { createOktaDeps, type OktaDeps, type OktaDepsOptions } from '../../src/open-okta.ts';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/sim/index.ts';
import { createGateway, type Gateway, type GatewayDeps, GRAPHQL_PATH } from '../../src/yoga.ts';

export interface HarnessOptions {
  sim?: SimulatorOptions;
  /** Default: the simulator's API token. */
  credentials?: (sim: Simulator) => Promise<OktaCredentials> | OktaCredentials;
  /** Default: 400 ms timeout, 600 ms rate-limit wait cap, 2 retries. */
  client?: OktaDepsOptions['client'];
  apiKeys?: string[];
  logger?: Logger;
  gateway?: Partial<GatewayDeps>;
}

export interface Harness extends Gateway {
  sim: Simulator;
  okta: OktaDeps;
  /** POSTs a query; returns the parsed body, status, headers and elapsed ms. */
  query(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<ExecutionResult & { status: number; ms: number; headers: Headers; text: string }>;
  /** Any request to the gateway, by path (default /graphql). */
  raw(init: RequestInit & { path?: string }): Promise<Response>;
  close(): Promise<void>;
}

export const SHORT_CLIENT = { requestTimeoutMs: 400, maxRateLimitWaitMs: 600, retries: 2 } as const;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startSimulator({ rateLimits: false, ...options.sim });
  const metrics = createGatewayMetrics();
  const credentials = options.credentials
    ? await options.credentials(sim)
    : ({ mode: 'apiToken', token: sim.apiToken } as const);
  const okta = createOktaDeps({
    orgUrl: sim.url,
    credentials,
    metrics: metrics.upstream,
    client: options.client ?? SHORT_CLIENT,
  });
  const gateway = createGateway({
    ...okta.gatewayDeps,
    metrics,
    apiKeys: options.apiKeys ? parseApiKeys(options.apiKeys) : null,
    ...(options.logger ? { logger: options.logger } : {}),
    ...options.gateway,
  });
  const raw = ({ path, ...init }: RequestInit & { path?: string }) =>
    Promise.resolve(gateway.yoga.fetch(`http://gateway.test${path ?? GRAPHQL_PATH}`, init));
  return {
    ...gateway,
    sim,
    okta,
    raw,
    async query(query, variables, headers = {}) {
      const started = performance.now();
      const response = await raw({
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      const ms = performance.now() - started;
      return {
        ...(JSON.parse(text) as ExecutionResult),
        status: response.status,
        ms,
        headers: response.headers,
        text,
      };
    },
    close: () => sim.close(),
  };
}

/** The `extensions.code` of every error, in order. */
export const codesOf = (result: ExecutionResult) =>
  (result.errors ?? []).map((e) => String(e.extensions?.['code']));
