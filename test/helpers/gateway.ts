import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { ExecutionResult } from 'graphql';
import { print } from 'graphql/index.js';
import { createUpstreamCounters, type UpstreamCounters } from '../../src/okta/metrics.ts';
import { parseApiKeys } from '../../src/server/auth.ts';
import { createGatewayMetrics, teeUpstreamMetrics } from '../../src/server/metrics.ts';
import { createOktaDeps, type OktaDeps } from '../../src/server/okta-deps.ts';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/sim/index.ts';
import { createGateway, type Gateway, type GatewayDeps, GRAPHQL_PATH } from '../../src/yoga.ts';

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

/** Starts the demo-org simulator and a gateway reading it with the simulator's API token. */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const sim = await startSimulator({ rateLimits: false, ...options.sim });
  const upstream = createUpstreamCounters();
  const metrics = createGatewayMetrics();
  const okta = createOktaDeps({
    orgUrl: sim.url,
    credentials: { mode: 'apiToken', token: sim.apiToken },
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
    close: () => sim.close(),
  };
}
