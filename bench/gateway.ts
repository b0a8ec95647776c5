/**
 * A gateway built the way src/http/start.ts builds it (createOktaDeps -> createGateway), over
 * a simulator that is already running, in this process or another.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOktaDeps, type OktaDeps, type OktaDepsOptions } from '../src/open-okta.ts';
import { createGateway, type Gateway, GRAPHQL_PATH } from '../src/yoga.ts';
import { createNaiveOktaDeps } from './naive.ts';

export interface UpstreamTarget {
  url: string;
  apiToken: string;
}

export interface BenchGatewayOptions {
  /** Naive mode: no batching, no memo, no shared cache (the field-per-call baseline, bench/naive.ts). */
  naive?: boolean;
  /** The gateway's cap on Okta requests in flight; default the gateway's own (20). */
  maxConcurrency?: number;
  /** OKTA_MAX_RATE_LIMIT_WAIT_MS; default the gateway's own (10 s). */
  maxRateLimitWaitMs?: number;
  /** CACHE_MAX_ENTRIES; default the gateway's own (20000). */
  cacheMaxEntries?: number;
}

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface BenchGateway {
  gateway: Gateway;
  okta: OktaDeps;
  /** POSTs one operation through yoga.fetch (no socket); throws on any GraphQL error. */
  query(query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Listens on 127.0.0.1 (a random port) for load tests over a real socket. */
  listen(): Promise<{ url: string; close(): Promise<void> }>;
}

export function createBenchGateway(target: UpstreamTarget, options: BenchGatewayOptions = {}): BenchGateway {
  const depsOptions: OktaDepsOptions = {
    orgUrl: target.url,
    credentials: { mode: 'apiToken', token: target.apiToken },
    ...(options.maxConcurrency ? { maxConcurrency: options.maxConcurrency } : {}),
    ...(options.maxRateLimitWaitMs ? { client: { maxRateLimitWaitMs: options.maxRateLimitWaitMs } } : {}),
    ...(options.cacheMaxEntries ? { cache: { max: options.cacheMaxEntries } } : {}),
  };
  const okta = options.naive ? createNaiveOktaDeps(depsOptions) : createOktaDeps(depsOptions);
  const gateway = createGateway(okta.gatewayDeps);
  return {
    gateway,
    okta,
    async query(query, variables) {
      const response = await gateway.yoga.fetch(`http://gateway.bench${GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLAnswer;
      if (body.errors?.length || !body.data) {
        const first = body.errors?.[0];
        throw new Error(
          `GraphQL error (${response.status}): ${first?.message ?? 'no data'} ${JSON.stringify(first?.extensions ?? {})}`,
        );
      }
      return body.data;
    },
    async listen() {
      const server: Server = createServer(gateway.yoga);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}${GRAPHQL_PATH}`,
        close: async () => {
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    },
  };
}
