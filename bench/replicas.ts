/**
 * Replicas and one Okta budget: the same workload through one gateway, through three that each
 * believe they own the org's budget, and through three sharing it (and the cache) in Redis. Each
 * scenario on a fresh simulator whose org allows GATEWAY_CONCURRENCY requests in flight (the share
 * of Okta's 75 the gateway is configured to, OKTA_MAX_CONCURRENCY), with 50 ms latency and Okta's
 * per-minute buckets; the simulator counts upstream requests, 429s and its in-flight peak.
 *
 * The replicas run in this process, each with its own Okta client, cache and Redis connections
 * (in-process gateways: their requests share one event loop, which favours none of the scenarios).
 */

import { openSharedState, type SharedState } from '../src/okta/shared/shared-state.ts';
import { createOktaDeps } from '../src/open-okta.ts';
import { startSimulator } from '../src/sim/index.ts';
import { createGateway, GRAPHQL_PATH } from '../src/yoga.ts';
import { CATALOG_QUERY, READINESS_QUERY } from './operations.ts';
import { GATEWAY_CONCURRENCY, LATENCY_MS } from './orgs.ts';
import { HAS_REDIS_SERVER, NO_REDIS_SERVER, startRedisServer } from './redis-server.ts';
import { formatSummary, type Summary, summarize } from './stats.ts';

export const REPLICAS_START = '<!-- replicas:start -->';
export const REPLICAS_END = '<!-- replicas:end -->';

/** Principals whose readiness the workload asks, cold, split evenly between the replicas. */
const PRINCIPALS = 150;
/** GraphQL requests in flight at once, all replicas together (split evenly between them). */
const CLIENT_CONCURRENCY = 30;
const RUNS = 3;

export interface ReplicaRow {
  scenario: string;
  replicas: number;
  upstream: Summary;
  tooMany: Summary;
  inFlightPeak: Summary;
  answersPerSecond: Summary;
  wallMs: Summary;
  failed: number;
}

export type ReplicaSection = { rows: ReplicaRow[] } | { skipped: string };

interface RunFigures {
  upstream: number;
  tooMany: number;
  inFlightPeak: number;
  wallMs: number;
  answers: number;
  failed: number;
}

type Scenario = 'one' | 'alone' | 'shared';

const SCENARIOS: Record<Scenario, { label: string; replicas: number }> = {
  one: { label: 'One replica', replicas: 1 },
  alone: { label: 'Three replicas, each with its own budget (no Redis)', replicas: 3 },
  shared: { label: 'Three replicas sharing one budget and cache (REDIS_URL)', replicas: 3 },
};

async function runOnce(scenario: Scenario, redisUrl: string | null): Promise<RunFigures> {
  const sim = await startSimulator({
    latencyMs: LATENCY_MS,
    rateLimits: { concurrency: GATEWAY_CONCURRENCY },
  });
  const credentials = { mode: 'apiToken', token: sim.apiToken } as const;
  const { replicas } = SCENARIOS[scenario];
  const shared: SharedState[] = [];
  try {
    const gateways = Array.from({ length: replicas }, () => {
      const state =
        scenario === 'shared' && redisUrl
          ? openSharedState({
              redisUrl,
              replicas,
              orgUrl: sim.url,
              credentials,
              maxConcurrency: GATEWAY_CONCURRENCY,
              requestTimeoutMs: 15_000,
              rateLimitReserve: 0.1,
            })
          : null;
      if (state) shared.push(state);
      const okta = createOktaDeps({
        orgUrl: sim.url,
        credentials,
        maxConcurrency: GATEWAY_CONCURRENCY,
        ...(state ? { shared: state } : {}),
      });
      return createGateway(okta.gatewayDeps);
    });
    const deadline = Date.now() + 5_000;
    while (shared.some((s) => s.status().state !== 'CONNECTED')) {
      if (Date.now() > deadline) throw new Error('the replicas did not connect to Redis');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const logins = sim.org.users.slice(0, PRINCIPALS).map((u) => u.profile.login);
    sim.resetLog();
    let failed = 0;
    let answers = 0;
    const ask = async (gateway: (typeof gateways)[number], query: string, variables?: object) => {
      const response = await gateway.yoga.fetch(`http://replica.bench${GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      answers++;
      if (body.errors?.length) failed++;
    };
    const started = performance.now();
    // Every replica answers the catalog once; the principals are split between the replicas.
    await Promise.all(
      gateways.map(async (gateway, r) => {
        const mine = logins.filter((_, i) => i % replicas === r);
        const queue = [
          () => ask(gateway, CATALOG_QUERY),
          ...mine.map((p) => () => ask(gateway, READINESS_QUERY, { principal: p })),
        ];
        await Promise.all(
          Array.from({ length: CLIENT_CONCURRENCY / replicas }, async () => {
            for (let job = queue.shift(); job; job = queue.shift()) await job();
          }),
        );
      }),
    );
    const wallMs = performance.now() - started;
    const counters = sim.counters();
    return {
      upstream: counters.total,
      tooMany: counters.byStatus['429'] ?? 0,
      inFlightPeak: counters.inFlightPeak,
      wallMs,
      answers,
      failed,
    };
  } finally {
    await Promise.all(shared.map((s) => s.close()));
    await sim.close();
  }
}

/** The three scenarios, RUNS runs each; skipped (with the reason) without redis-server. */
export async function replicaFigures(log: (message: string) => void): Promise<ReplicaSection> {
  if (!HAS_REDIS_SERVER) return { skipped: NO_REDIS_SERVER };
  const redis = await startRedisServer();
  try {
    const rows: ReplicaRow[] = [];
    for (const scenario of Object.keys(SCENARIOS) as Scenario[]) {
      log(`replicas: ${SCENARIOS[scenario].label} (${RUNS} runs)`);
      const runs: RunFigures[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await runOnce(scenario, redis.url));
      const of = (pick: (r: RunFigures) => number) => summarize(runs.map(pick));
      rows.push({
        scenario: SCENARIOS[scenario].label,
        replicas: SCENARIOS[scenario].replicas,
        upstream: of((r) => r.upstream),
        tooMany: of((r) => r.tooMany),
        inFlightPeak: of((r) => r.inFlightPeak),
        answersPerSecond: of((r) => r.answers / (r.wallMs / 1000)),
        wallMs: of((r) => r.wallMs),
        failed: runs.reduce((n, r) => n + r.failed, 0),
      });
    }
    return { rows };
  } finally {
    await redis.kill();
  }
}

/** Three replicas sharing through Redis: no 429, the in-flight cap kept, and one replica's upstream cost. */
export function replicasTarget(
  section: ReplicaSection,
): { name: string; measured: string; met: boolean } | null {
  if ('skipped' in section) return null;
  const one = section.rows.find((r) => r.replicas === 1);
  const shared = section.rows.at(-1);
  if (!one || !shared) return null;
  return {
    name: `Three replicas on one Redis: no 429, in-flight peak ≤ ${GATEWAY_CONCURRENCY}, upstream requests ≤ 1.02 × one replica's`,
    measured: `${shared.tooMany.max} 429s, peak ${shared.inFlightPeak.max}, ${shared.upstream.median} upstream (one replica: ${one.upstream.median})`,
    met:
      shared.tooMany.max === 0 &&
      shared.inFlightPeak.max <= GATEWAY_CONCURRENCY &&
      shared.upstream.median <= 1.02 * one.upstream.median &&
      shared.failed === 0,
  };
}

/** The section of BENCHMARKS.md, between its markers (`npm run bench -- --replicas` rewrites it alone). */
export function renderReplicaSection(section: ReplicaSection): string {
  const lines = [REPLICAS_START, '## Replicas: one Okta budget and one cache (Redis)', ''];
  if ('skipped' in section) {
    lines.push(`_Not measured: ${section.skipped}._`, REPLICAS_END);
    return lines.join('\n');
  }
  lines.push(
    `The same workload through one gateway and through three: every replica answers the catalog once, and the`,
    `readiness of ${PRINCIPALS} principals is asked cold, split evenly between the replicas, ${CLIENT_CONCURRENCY} GraphQL requests`,
    `at a time in all (split between the replicas). Simulated org: ${LATENCY_MS} ms latency, Okta's per-minute buckets, and ${GATEWAY_CONCURRENCY} requests in flight allowed`,
    `(the gateway's OKTA_MAX_CONCURRENCY, standing for the share of Okta's 75 the org gives it); each replica is`,
    `configured with that cap. The replicas run in one process (bench/replicas.ts), each with its own Okta client,`,
    `cache and Redis connections. ${RUNS} runs, each on a fresh simulator; counts from the simulator.`,
    '',
    '| Scenario | Upstream requests | 429s | In-flight peak | GraphQL answers a second | Wall time | Failed answers |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...section.rows.map(
      (r) =>
        `| ${r.scenario} | ${formatSummary(r.upstream)} | ${formatSummary(r.tooMany)} | ${formatSummary(r.inFlightPeak)} (cap ${GATEWAY_CONCURRENCY}) | ${formatSummary(r.answersPerSecond)} | ${formatSummary(r.wallMs, 0, ' ms')} | ${r.failed} |`,
    ),
    REPLICAS_END,
  );
  return lines.join('\n');
}

/** BENCHMARKS.md's text with the replica section replaced (or put before the soak section). */
export function withReplicaSection(text: string, section: string): string {
  const start = text.indexOf(REPLICAS_START);
  const end = text.indexOf(REPLICAS_END);
  if (start !== -1 && end > start)
    return text.slice(0, start) + section + text.slice(end + REPLICAS_END.length);
  const soak = text.indexOf('\n## Soak');
  return soak === -1
    ? `${text.trimEnd()}\n\n${section}\n`
    : `${text.slice(0, soak)}\n${section}\n${text.slice(soak)}`;
}
