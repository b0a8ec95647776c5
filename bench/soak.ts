/**
 * Bounded soak: mixed queries against the gateway over a real socket while the simulator injects
 * faults; memory (RSS, heap) and open handles sampled at start and end must stay flat.
 *
 *   npx tsx bench/soak.ts [--minutes 3] [--concurrency 8] [--faults SPEC] [--write]
 *
 * --write replaces the soak section of BENCHMARKS.md (between <!-- soak:start --> and
 * <!-- soak:end -->). Exit code 1 when memory or handles grew past the bounds below.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createGatewayMetrics } from '../src/http/metrics.ts';
import { createOktaDeps } from '../src/open-okta.ts';
import { DEMO_USERS } from '../src/sim/demo-principals.ts';
import { OKTA_WORKFORCE_LIMITS, type RateLimitOptions, startSimulator } from '../src/sim/index.ts';
import { createGateway } from '../src/yoga.ts';
import { repoPath } from './paths.ts';

const DEFAULT_FAULTS =
  '429:0.03;resetSeconds=1,concurrency429:0.005;resetSeconds=120,5xx:0.04,reset:0.02,' +
  'latency:0.1;ms=80,malformed:0.01,timeout:0.005;ms=3000';
/** The simulator's per-minute limits, as a multiple of Okta's published Workforce figures. */
const LIMIT_FACTOR = 100;
/** Heap after gc may grow this much (MB) between the two samples: the leak signal. */
const HEAP_BOUND_MB = 15;
/** RSS may grow this much (MB): the allocator keeps freed pages, so it is looser. */
const RSS_BOUND_MB = 64;
const WARM_UP_MS = 30_000;
/** Open handles (sockets, timers) may differ by this many. */
const HANDLE_BOUND = 4;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} expects a positive number`);
  return value;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Sample {
  atSeconds: number;
  rssMb: number;
  heapMb: number;
  handles: number;
  byType: Record<string, number>;
}

function sample(startedAt: number): Sample {
  gc();
  gc();
  const memory = process.memoryUsage();
  const resources = process.getActiveResourcesInfo();
  const byType: Record<string, number> = {};
  for (const r of resources) byType[r] = (byType[r] ?? 0) + 1;
  return {
    atSeconds: Math.round((performance.now() - startedAt) / 1000),
    rssMb: +(memory.rss / 2 ** 20).toFixed(1),
    heapMb: +(memory.heapUsed / 2 ** 20).toFixed(1),
    handles: resources.length,
    byType,
  };
}

const u = DEMO_USERS;
const QUERIES: { name: string; query: string }[] = [
  {
    name: 'readiness',
    query: `{ lumosReadiness(principal: "${u.lumosTargeted.login}") { status missingRoles } }`,
  },
  { name: 'readiness-me', query: '{ lumosReadiness(principal: "me") { status connection } }' },
  { name: 'admins', query: '{ admins { key roleAssignments { role { key } assignmentType } } }' },
  {
    name: 'effective',
    query: `{ user(idOrLogin: "${u.lumosCustom.login}") { effectivePermissions { permission { name } scope } } }`,
  },
  {
    name: 'users-page',
    query: '{ users(first: 50) { edges { node { login groups { name } } } pageInfo { endCursor } } }',
  },
  { name: 'catalog', query: '{ resourceSets { key label resources { orn } } roles { key label } }' },
  { name: 'service-apps', query: '{ serviceApps { clientId lumosReadiness { status } } }' },
  {
    name: 'bad-input',
    query: '{ parseOrn(orn: "not-an-orn") { service } users(first: 0) { edges { cursor } } }',
  },
  { name: 'bad-search', query: '{ users(search: "profile.login eq") { edges { cursor } } }' },
];

async function main(): Promise<void> {
  const minutes = arg('minutes', 3);
  const concurrency = arg('concurrency', 8);
  const write = process.argv.includes('--write');
  const faultsAt = process.argv.indexOf('--faults');
  const FAULTS = faultsAt >= 0 ? (process.argv[faultsAt + 1] ?? '') : DEFAULT_FAULTS;

  // At Okta's published per-minute limits this load (about 200 operations/s) would mostly meet the
  // gateway's own pacing (UPSTREAM_RATE_LIMITED before any 429); 100x limits keep the faults in front.
  const buckets = Object.fromEntries(
    Object.entries(OKTA_WORKFORCE_LIMITS).map(([bucket, limit]) => [bucket, limit * LIMIT_FACTOR]),
  ) as RateLimitOptions['buckets'];
  const sim = await startSimulator({ rateLimits: { buckets } });
  const metrics = createGatewayMetrics();
  const okta = createOktaDeps({
    orgUrl: sim.url,
    credentials: { mode: 'apiToken', token: sim.apiToken },
    metrics: metrics.upstream,
    // Short TTLs so the soak keeps reading upstream instead of serving the cache.
    cache: { catalogTtlMs: 5_000, roleAssignmentTtlMs: 2_000, grantTtlMs: 5_000 },
    client: { requestTimeoutMs: 1_000, maxRateLimitWaitMs: 1_500, retries: 2 },
  });
  const gateway = createGateway({ ...okta.gatewayDeps, metrics });
  const server = createServer(gateway.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  const codes: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  let requests = 0;
  let responsesWithErrors = 0;
  let slowestMs = 0;
  const latencies: number[] = [];
  const run = async (query: string) => {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    const ms = performance.now() - started;
    requests++;
    latencies.push(ms);
    slowestMs = Math.max(slowestMs, ms);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (body.errors?.length) responsesWithErrors++;
    for (const e of body.errors ?? []) {
      const code = e.extensions?.code ?? 'NONE';
      codes[code] = (codes[code] ?? 0) + 1;
    }
  };

  const startedAt = performance.now();
  // The simulator runs in this process: its request log grows with every upstream request, so it
  // is emptied every few seconds (its counts kept here) to leave only the gateway's memory growing.
  const upstream = { total: 0, byStatus: {} as Record<string, number> };
  const drainSimLog = () => {
    const c = sim.counters();
    upstream.total += c.total;
    for (const [status, n] of Object.entries(c.byStatus))
      upstream.byStatus[status] = (upstream.byStatus[status] ?? 0) + n;
    sim.resetLog();
  };
  const drainer = setInterval(drainSimLog, 5_000);
  let stop = false;
  const load = async (ms: number) => {
    stop = false;
    const worker = async (w: number) => {
      for (let i = w; !stop; i++) await run((QUERIES[i % QUERIES.length] as { query: string }).query);
    };
    const workers = Array.from({ length: concurrency }, (_, w) => worker(w));
    await new Promise((resolve) => setTimeout(resolve, ms));
    stop = true;
    await Promise.all(workers);
    // Idle, keep-alive sockets open: both samples are taken in this same state.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  };
  // Warm-up without faults, then under the same faulted load as the soak: caches, JIT, socket pools.
  for (const q of QUERIES) await run(q.query);
  sim.setFaults(FAULTS);
  await load(WARM_UP_MS);
  const start = sample(startedAt);
  const requestsAtStart = requests;
  process.stderr.write(`soak: ${minutes} min, ${concurrency} workers, faults ${FAULTS}\n`);
  const ticker = setInterval(() => {
    const s = sample(startedAt);
    process.stderr.write(
      `  ${s.atSeconds}s: ${requests} requests, rss ${s.rssMb} MB, heap ${s.heapMb} MB, handles ${s.handles}\n`,
    );
  }, 30_000);
  await load(minutes * 60_000);
  clearInterval(ticker);
  sim.setFaults([]);
  const end = sample(startedAt);
  clearInterval(drainer);
  drainSimLog();
  const seconds = (performance.now() - startedAt) / 1000;

  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  const heapGrowth = end.heapMb - start.heapMb;
  const rssGrowth = end.rssMb - start.rssMb;
  const handleGrowth = end.handles - start.handles;
  const flat = heapGrowth < HEAP_BOUND_MB && rssGrowth < RSS_BOUND_MB && handleGrowth <= HANDLE_BOUND;
  const sortedCodes = Object.entries(codes).sort((a, b) => b[1] - a[1]);
  const cache = okta.cache.stats();

  const report = [
    `Bounded soak (\`npx tsx bench/soak.ts --minutes ${minutes}\`, not CI), ${new Date().toISOString().slice(0, 10)}, ` +
      `Node ${process.version}, ${cpus().length} CPUs. The gateway over a real socket reads the demo-org simulator ` +
      `with faults on (\`${FAULTS}\`) and ${LIMIT_FACTOR}x Okta's per-minute limits; upstream timeout 1 s, rate-limit wait cap 1.5 s, 2 retries; catalog cache ttl 5 s. ` +
      `${concurrency} workers loop over ${QUERIES.length} mixed operations (${QUERIES.map((q) => q.name).join(', ')}).`,
    '',
    '| | value |',
    '| --- | --- |',
    `| duration (load) | ${seconds.toFixed(0)} s (${minutes} min measured after a ${WARM_UP_MS / 1000} s warm-up under the same load; both samples idle, after gc) |`,
    `| requests | ${requests} (${requests - requestsAtStart} in the measured window, ${(requests / seconds).toFixed(1)}/s) |`,
    `| HTTP statuses | ${Object.entries(statuses)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ')} |`,
    `| responses with errors | ${responsesWithErrors} (${((100 * responsesWithErrors) / requests).toFixed(1)} %) |`,
    `| errors by code | ${sortedCodes.map(([c, n]) => `${c}: ${n}`).join(', ')} |`,
    `| latency p50 / p99 / max | ${pct(0.5)} / ${pct(0.99)} / ${Math.round(slowestMs)} ms |`,
    `| upstream requests (simulator, about) | ${upstream.total} (${Object.entries(upstream.byStatus)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ')}) |`,
    `| catalog cache | ${cache.hits} hits, ${cache.misses} misses, ${cache.size} entries at the end |`,
    `| RSS start -> end | ${start.rssMb} -> ${end.rssMb} MB (${rssGrowth >= 0 ? '+' : ''}${rssGrowth.toFixed(1)}) |`,
    `| heap used start -> end (after gc) | ${start.heapMb} -> ${end.heapMb} MB (${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(1)}) |`,
    `| open handles start -> end | ${start.handles} -> ${end.handles} (${JSON.stringify(start.byType)} -> ${JSON.stringify(end.byType)}) |`,
    `| verdict | ${flat ? 'flat' : 'GREW'} (bounds: heap +${HEAP_BOUND_MB} MB, RSS +${RSS_BOUND_MB} MB, handles +${HANDLE_BOUND}) |`,
  ].join('\n');
  process.stdout.write(`${report}\n`);

  if (write) {
    const path = repoPath('BENCHMARKS.md');
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = '<!-- soak:start -->\n<!-- soak:end -->\n';
    }
    const section = `<!-- soak:start -->\n## Soak\n\n${report}\n<!-- soak:end -->`;
    const next = /<!-- soak:start -->[\s\S]*<!-- soak:end -->/.test(text)
      ? text.replace(/<!-- soak:start -->[\s\S]*<!-- soak:end -->/, section)
      : `${text.trimEnd()}\n\n${section}\n`;
    writeFileSync(path, next);
    process.stderr.write('wrote the soak section of BENCHMARKS.md\n');
  }

  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await sim.close();
  process.exitCode = flat ? 0 : 1;
}

await main();
