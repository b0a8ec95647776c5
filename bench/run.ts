/**
 * `npm run bench`: upstream cost, time to answer, overhead, start-up and memory of the gateway
 * against the floor Okta allows, on the demo org and a large org; writes BENCHMARKS.md. It builds
 * first and runs compiled (dist/bench/run.js), as `npm start` does (dist/src/main.js).
 * `npm run bench -- --quick`: demo org upstream counts only; writes bench/quick-baseline.json.
 * `--skip-large`: the demo org only (a faster look while working).
 * `npm run bench -- --replicas`: one replica against three (bench/replicas.ts) only; rewrites that
 * section of BENCHMARKS.md and leaves the rest as it is.
 * `npm run bench -- --startup` or `-- --memory`: that measurement alone, printed; writes nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { BATCH_MAX_RATE_LIMIT_WAIT_MS } from '../src/cli/okta-settings.ts';
import { type Simulator, startSimulator } from '../src/sim/index.ts';
import type { OrgSnapshot } from '../src/sim/snapshot-format.ts';
import { wallFloor } from './floor.ts';
import { createBenchGateway } from './gateway.ts';
import { loadTest } from './load.ts';
import {
  adminReportBound,
  catalogBound,
  type LowerBound,
  principalColdBound,
  principalWarmBound,
  sweepBound,
  usersPagingBound,
  whoCanBound,
} from './lower-bound.ts';
import { machineInfo } from './machine.ts';
import { duplicateSummary, measure, requestSummary } from './measure.ts';
import { serverNodeFlags, sweepMemory } from './memory.ts';
import { BENCH_PRINCIPAL, type OperationName, READINESS_QUERY, WHO_CAN_GROUP } from './operations.ts';
import { orgShape } from './org-shape.ts';
import { buildOrg, GATEWAY_CONCURRENCY, LATENCY_MS, type OrgName, UNLIMITED } from './orgs.ts';
import { COMPILED, repoPath } from './paths.ts';
import {
  compareQuick,
  QUICK_BASELINE_PATH,
  QUICK_OPERATIONS,
  quickCounts,
  readQuickBaseline,
} from './quick.ts';
import { renderReplicaSection, replicaFigures, replicasTarget, withReplicaSection } from './replicas.ts';
import {
  type CountRow,
  type Report,
  renderReport,
  soakSection,
  type Target,
  type WallRow,
  type WhoCanRow,
} from './report.ts';
import { startSimProcess } from './sim-process.ts';
import { STARTUP_RUNNERS, type StartupRunner, startupTimes } from './startup.ts';
import { formatSummary, summarize } from './stats.ts';
import { WHO_CAN_CACHE_ENTRIES, whoCanWarmLatency } from './who-can-latency.ts';

const BENCHMARKS_PATH = repoPath('BENCHMARKS.md');
const args = new Set(process.argv.slice(2));
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function runQuick(): Promise<void> {
  const current = await quickCounts();
  let previous = null;
  try {
    previous = readQuickBaseline();
  } catch {}
  writeFileSync(QUICK_BASELINE_PATH, `${JSON.stringify(current, null, 2)}\n`);
  console.log(JSON.stringify(current, null, 2));
  if (previous) {
    const { more, fewer } = compareQuick(previous, current);
    for (const line of more) console.log(`MORE than the previous baseline: ${line}`);
    for (const line of fewer) console.log(`fewer than the previous baseline: ${line}`);
  }
  console.log(`wrote ${QUICK_BASELINE_PATH}`);
}

interface OrgPlan {
  name: OrgName;
  runs: number;
  /** Slow runs (users paging under latency) on the large org. */
  slowRuns: number;
}

function boundsOf(org: OrgSnapshot): Record<OperationName, LowerBound> {
  const shape = orgShape(org);
  const principal = org.users.find((u) => u.profile.login === BENCH_PRINCIPAL);
  if (!principal) throw new Error(`${BENCH_PRINCIPAL} is not in the org`);
  const group = org.groups.find((g) => g.profile.name === WHO_CAN_GROUP);
  if (!group) throw new Error(`${WHO_CAN_GROUP} is not in the org`);
  return {
    sweep: sweepBound(shape),
    adminReport: adminReportBound(shape),
    principalCold: principalColdBound(shape, principal.id),
    principalWarm: principalWarmBound(),
    catalog: catalogBound(shape),
    usersPaging: usersPagingBound(shape),
    whoCanCold: whoCanBound(shape, org, group.id),
    whoCanWarm: principalWarmBound(),
  };
}

// Every operation the quick subset counts is also counted and timed in the full run.
const OPS = QUICK_OPERATIONS;
/** whoCan reads every admin's role list: its gateway's cache is sized to hold the org (WHO_CAN_CACHE_ENTRIES). */
const WHO_CAN_OPS: ReadonlySet<OperationName> = new Set(['whoCanCold', 'whoCanWarm']);
const optionsOf = (op: OperationName) =>
  WHO_CAN_OPS.has(op) ? { cacheMaxEntries: WHO_CAN_CACHE_ENTRIES } : {};
/** Timed under latency and limits: not whoCanWarm, whose warm-up is the cold row's run (its warm figures are below). */
const WALL_OPS = OPS.filter((op) => op !== 'whoCanWarm');
const NAIVE_OPS = new Set<OperationName>(['sweep', 'principalCold', 'principalWarm', 'catalog']);

async function countRows(sim: Simulator, plan: OrgPlan, bounds: Record<OperationName, LowerBound>) {
  const rows: CountRow[] = [];
  for (const op of OPS) {
    log(`${plan.name}: counting ${op}`);
    const m = await measure(sim, op, plan.runs, optionsOf(op));
    const naive = NAIVE_OPS.has(op) ? await measure(sim, op, Math.min(plan.runs, 3), { naive: true }) : null;
    rows.push({
      org: plan.name,
      operation: op,
      requests: requestSummary(m),
      duplicates: duplicateSummary(m),
      bound: bounds[op],
      naive: naive ? requestSummary(naive) : null,
      items: m.result.items,
    });
  }
  return rows;
}

/** The server's rate-limit wait cap when OKTA_MAX_RATE_LIMIT_WAIT_MS is unset (src/config.ts), ms. */
const SERVER_MAX_RATE_LIMIT_WAIT_MS = 10_000;

async function wallRows(org: OrgSnapshot, plan: OrgPlan, bounds: Record<OperationName, LowerBound>) {
  const rows: WallRow[] = [];
  const floorOf = (op: OperationName) => wallFloor(bounds[op], LATENCY_MS, GATEWAY_CONCURRENCY);
  const latencyNote = (op: OperationName) =>
    `${bounds[op].total} requests / ${GATEWAY_CONCURRENCY} × ${LATENCY_MS} ms (chain ${bounds[op].serialSteps})`;
  const note = (op: OperationName) => {
    const f = floorOf(op);
    const t = f.tightestBucket;
    return f.rateLimitMs > f.latencyMs && t
      ? `${t.bucket} bucket: ${t.requests} requests at ${t.limitPerMinute}/min`
      : latencyNote(op);
  };
  for (const op of WALL_OPS) {
    // Past one of Okta's windows the server's wait cap gives up by design: its row shows that
    // behaviour and is no target; the batch command's row below is.
    const failsFast = floorOf(op).rateLimitMs > SERVER_MAX_RATE_LIMIT_WAIT_MS;
    const conditions = `${LATENCY_MS} ms, Okta limits${failsFast ? `, the server's wait cap (${SERVER_MAX_RATE_LIMIT_WAIT_MS / 1000} s: fails fast)` : ''}`;
    // A simulator per operation: a failed one must not leave calls in flight or buckets spent for the next.
    const limited = await startSimulator({ org, latencyMs: LATENCY_MS });
    try {
      const runs = plan.name === 'large' && op === 'usersPaging' ? plan.slowRuns : plan.runs;
      log(`${plan.name}: timing ${op} (${failsFast ? 1 : runs} runs, ${conditions})`);
      const started = performance.now();
      try {
        const m = await measure(limited, op, failsFast ? 1 : runs, optionsOf(op));
        rows.push({
          org: plan.name,
          operation: op,
          conditions,
          wallMs: m.wallMs,
          failure: null,
          requests: requestSummary(m).median,
          floorMs: floorOf(op).ms,
          floorNote: note(op),
          target: !failsFast,
        });
      } catch (error) {
        const s = ((performance.now() - started) / 1000).toFixed(1);
        const message = (error as Error).message.replace(/\s*\{.*\}$/, '');
        rows.push({
          org: plan.name,
          operation: op,
          conditions,
          wallMs: null,
          failure: `after ${s} s: ${message}`,
          requests: limited.requestLog.length,
          floorMs: floorOf(op).ms,
          floorNote: note(op),
          target: !failsFast,
        });
      }
    } finally {
      await limited.close();
    }
  }
  if (plan.name === 'large') {
    // Okta's buckets put the large sweep minutes away: the batch commands (`readiness
    // --all-admins`, `snapshot`) ride through the windows with their default wait cap.
    const batchCap = `${BATCH_MAX_RATE_LIMIT_WAIT_MS / 1000} s`;
    const patient = await startSimulator({ org, latencyMs: LATENCY_MS });
    const conditions = `${LATENCY_MS} ms, Okta limits, the batch commands' defaults (wait cap ${batchCap})`;
    const started = performance.now();
    try {
      log(`large: timing sweep (1 run, Okta limits, the batch commands' defaults: wait cap ${batchCap})`);
      const m = await measure(patient, 'sweep', 1, { maxRateLimitWaitMs: BATCH_MAX_RATE_LIMIT_WAIT_MS });
      rows.push({
        org: plan.name,
        operation: 'sweep',
        conditions,
        wallMs: m.wallMs,
        failure: null,
        requests: requestSummary(m).median,
        floorMs: floorOf('sweep').ms,
        floorNote: note('sweep'),
        target: true,
      });
    } catch (error) {
      rows.push({
        org: plan.name,
        operation: 'sweep',
        conditions,
        wallMs: null,
        failure: `after ${((performance.now() - started) / 1000).toFixed(1)} s: ${(error as Error).message.replace(/\s*\{.*\}$/, '')}`,
        requests: patient.requestLog.length,
        floorMs: floorOf('sweep').ms,
        floorNote: note('sweep'),
        target: true,
      });
    } finally {
      await patient.close();
    }
    // And what latency alone costs.
    for (const op of ['sweep', 'adminReport'] as const) {
      const latencyOnly = await startSimulator({
        org,
        latencyMs: LATENCY_MS,
        rateLimits: { ...UNLIMITED, concurrency: 75 },
      });
      try {
        log(`large: timing ${op} (${plan.runs} runs, latency only)`);
        const m = await measure(latencyOnly, op, plan.runs);
        rows.push({
          org: plan.name,
          operation: op,
          conditions: `${LATENCY_MS} ms, buckets unlimited (concurrency 75)`,
          wallMs: m.wallMs,
          failure: null,
          requests: requestSummary(m).median,
          floorMs: floorOf(op).latencyMs,
          floorNote: latencyNote(op),
          target: true,
        });
      } finally {
        await latencyOnly.close();
      }
    }
  }
  return rows;
}

async function loadFigures(runs: number, durationS: number) {
  const sim = await startSimProcess('demo');
  const gw = createBenchGateway(sim);
  const server = await gw.listen();
  try {
    await gw.query(READINESS_QUERY, { principal: BENCH_PRINCIPAL });
    const body = JSON.stringify({ query: READINESS_QUERY, variables: { principal: BENCH_PRINCIPAL } });
    const results = [];
    for (let i = 0; i < runs; i++) {
      log(`load run ${i + 1}/${runs} (${durationS} s)`);
      results.push(await loadTest(server.url, body, { connections: 50, durationS }));
    }
    return results;
  } finally {
    await server.close();
    sim.close();
  }
}

async function runFull(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0]!;
  const plans: OrgPlan[] = [{ name: 'demo', runs: 5, slowRuns: 5 }];
  if (!args.has('--skip-large')) plans.push({ name: 'large', runs: 3, slowRuns: 1 });
  const counts: CountRow[] = [];
  const walls: WallRow[] = [];
  const whoCan: WhoCanRow[] = [];
  const orgs: string[] = [];
  for (const plan of plans) {
    log(`${plan.name}: generating the org`);
    const org = buildOrg(plan.name);
    const bounds = boundsOf(org);
    const sim = await startSimulator({ org, rateLimits: UNLIMITED });
    try {
      counts.push(...(await countRows(sim, plan, bounds)));
    } finally {
      await sim.close();
    }
    const admins = counts.find((c) => c.org === plan.name && c.operation === 'sweep')?.items ?? 0;
    const shape = orgShape(org);
    orgs.push(
      `${plan.name}: ${org.users.length.toLocaleString('en-US')} users, ${org.groups.length.toLocaleString('en-US')} groups, ${org.apps.length - shape.serviceApps.length} apps, ${shape.serviceApps.length} service apps, ${org.customRoles.length} custom roles, ${org.resourceSets.length} resource sets, ${admins} admin principals (${shape.assignees.length.toLocaleString('en-US')} role assignee users)`,
    );
    walls.push(...(await wallRows(org, plan, bounds)));
  }
  for (const plan of plans) {
    log(
      `${plan.name}: whoCan warm, ${WHO_CAN_SERIES} series of ${WHO_CAN_RUNS} (simulator in a child process)`,
    );
    const series = await whoCanWarmLatency(plan.name, WHO_CAN_SERIES, WHO_CAN_RUNS);
    whoCan.push({
      org: plan.name,
      runs: WHO_CAN_RUNS,
      cacheMaxEntries: WHO_CAN_CACHE_ENTRIES,
      p50: summarize(series.map((l) => l.p50Ms)),
      p99: summarize(series.map((l) => l.p99Ms)),
      upstream: series.reduce((n, l) => n + l.upstream, 0),
    });
  }
  const loadRuns = await loadFigures(3, 10);
  const startup = await startupFigures();
  log('memory: large-org sweep in a child process');
  const memoryOrg = args.has('--skip-large') ? 'demo' : 'large';
  const serverFlags = serverNodeFlags();
  const memoryRuns = await sweepMemory(memoryOrg, args.has('--skip-large') ? 1 : 3, serverFlags);
  log('memory: the same without the heap cap (as the CLI runs)');
  const uncappedRuns = await sweepMemory(memoryOrg, 1);
  const replicas = await replicaFigures(log);

  const report: Report = {
    machine: machineInfo(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    durationS: (performance.now() - started) / 1000,
    orgs,
    counts,
    walls,
    whoCan,
    load: {
      runs: loadRuns.map((r) => summarize([r.requestsPerSecond])),
      rps: summarize(loadRuns.map((r) => r.requestsPerSecond)),
      p50: summarize(loadRuns.map((r) => r.p50Ms)),
      p99: summarize(loadRuns.map((r) => r.p99Ms)),
      errors: loadRuns.reduce((n, r) => n + r.errors + r.non2xx, 0),
      connections: 50,
      durationS: 10,
    },
    startup,
    memory: {
      admins: memoryRuns[0]?.admins ?? 0,
      sweepMs: summarize(memoryRuns.map((r) => r.ms)),
      beforeRssMB: summarize(memoryRuns.map((r) => r.beforeRssMB)),
      peakRssMB: summarize(memoryRuns.map((r) => r.peakRssMB)),
      nodeOptions: serverFlags,
      uncappedPeakRssMB: summarize(uncappedRuns.map((r) => r.peakRssMB)),
    },
    replicas,
    targets: [],
    notes: [
      `Load average (1 min) ${loadBefore.toFixed(1)} at the start and ${loadavg()[0]!.toFixed(1)} at the end on ${machineInfo().cores} cores: other work on the machine slows the timed figures (not the counts).`,
      'The load test runs the simulator in a child process and autocannon in another, so the three share the two cores.',
    ],
  };
  report.targets = evaluateTargets(report);
  writeFileSync(BENCHMARKS_PATH, renderReport(report, soakSection(BENCHMARKS_PATH)));
  for (const t of report.targets) console.log(`${t.met ? 'met    ' : 'MISSED '} ${t.name}: ${t.measured}`);
  console.log(`wrote ${BENCHMARKS_PATH} in ${Math.round(report.durationS)} s`);
}

/** whoCan warm: timed series, and the requests of each. */
const WHO_CAN_SERIES = 3;
const WHO_CAN_RUNS = 200;

/** Start-up: fresh processes one after the other, each runner in turn. */
const STARTUP_RUNS = 5;
/** The target's ceiling for `npm start` to /healthz 200, ms. */
const STARTUP_TARGET_MS = 1_000;
/** The target's ceiling for the large sweep's peak RSS, MB. */
const PEAK_RSS_TARGET_MB = 250;

async function startupFigures(): Promise<Report['startup']> {
  if (!COMPILED) throw new Error('the start-up figures need the compiled server: run `npm run bench`');
  const rows: Report['startup']['rows'] = [];
  for (const runner of Object.keys(STARTUP_RUNNERS) as StartupRunner[]) {
    log(`start-up: ${STARTUP_RUNNERS[runner].label}, ${STARTUP_RUNS} runs`);
    const ms = await startupTimes(runner, STARTUP_RUNS);
    rows.push({ runner, label: STARTUP_RUNNERS[runner].label, ms: summarize(ms) });
  }
  return { runs: STARTUP_RUNS, rows };
}

function evaluateTargets(r: Report): Target[] {
  const targets: Target[] = [];
  // A bound of 0 is met only by 0 requests: any request there counts as an infinite ratio.
  const ratio = (c: Report['counts'][number]) =>
    c.bound.total > 0 ? c.requests.median / c.bound.total : c.requests.median > 0 ? Infinity : 1;
  const worst = r.counts.reduce((a, c) => (ratio(c) > ratio(a) ? c : a));
  const worstRatio = ratio(worst);
  targets.push({
    name: 'Upstream requests ≤ 1.2 × lower bound, every operation',
    measured: `worst ${worstRatio.toFixed(2)} × (${worst.org}, ${worst.operation})`,
    met: worstRatio <= 1.2,
  });
  const dups = r.counts.reduce((n, c) => n + c.duplicates.max, 0);
  targets.push({
    name: 'Zero duplicate upstream requests',
    measured: `${dups} in all operations`,
    met: dups === 0,
  });
  const sweep =
    r.counts.find((c) => c.org === 'large' && c.operation === 'sweep') ??
    r.counts.find((c) => c.operation === 'sweep')!;
  const naiveRatio = sweep.naive ? sweep.naive.median / sweep.requests.median : 0;
  targets.push({
    name: `≥ 10 × fewer upstream requests than naive mode (${sweep.org} sweep)`,
    measured: `${naiveRatio.toFixed(1)} × (${sweep.naive?.median} naive, ${sweep.requests.median} gateway)`,
    met: naiveRatio >= 10,
  });
  const wallRatio = (w: WallRow) => (w.wallMs ? w.wallMs.median / w.floorMs : Number.POSITIVE_INFINITY);
  const wallMeasured = (w: WallRow) =>
    w.wallMs
      ? `${wallRatio(w).toFixed(2)} × (${Math.round(w.wallMs.median)} ms, floor ${w.floorMs} ms)`
      : `failed (${w.failure}); floor ${w.floorMs.toLocaleString('en-US')} ms`;
  for (const w of r.walls.filter((w) => w.operation === 'sweep' && w.target)) {
    targets.push({
      name: `Sweep wall time ≤ 1.5 × floor (${w.org}, ${w.conditions})`,
      measured: wallMeasured(w),
      met: wallRatio(w) <= 1.5,
    });
  }
  for (const w of r.walls.filter((w) => w.operation === 'adminReport' && w.target)) {
    targets.push({
      name: `Cold admin report wall time ≤ 1.3 × its floor: the chain of dependent round trips, or the requests at the concurrency cap (${w.org}, ${w.conditions})`,
      measured: wallMeasured(w),
      met: wallRatio(w) <= 1.3,
    });
  }
  targets.push({
    name: 'Warm readiness ≥ 1,000 requests/s',
    measured: `${Math.round(r.load.rps.median)} requests/s`,
    met: r.load.rps.median >= 1000,
  });
  targets.push({
    name: 'Warm readiness p99 < 50 ms',
    measured: `${r.load.p99.median} ms`,
    met: r.load.p99.median < 50,
  });
  for (const w of r.whoCan.filter((row) => row.org === 'large' || r.whoCan.length === 1)) {
    targets.push({
      name: `Warm whoCan p99 < 50 ms (${w.org}, in process, one request at a time)`,
      measured: `p99 ${w.p99.median.toFixed(1)} ms, p50 ${w.p50.median.toFixed(1)} ms, ${w.upstream} upstream requests`,
      met: w.p99.median < 50 && w.upstream === 0,
    });
  }
  const npmStart = r.startup.rows.find((row) => row.runner === 'npmStart');
  if (npmStart) {
    const others = r.startup.rows
      .filter((row) => row !== npmStart)
      .map((row) => `${STARTUP_RUNNERS[row.runner].command} ${formatSummary(row.ms, 0, ' ms')}`);
    targets.push({
      name: `\`npm start\` to /healthz 200 < ${STARTUP_TARGET_MS / 1000} s (embedded demo org)`,
      measured: `${formatSummary(npmStart.ms, 0, ' ms')} (${others.join('; ')})`,
      met: npmStart.ms.median < STARTUP_TARGET_MS,
    });
  }
  targets.push({
    name: `Large-org sweep peak RSS < ${PEAK_RSS_TARGET_MB} MB (gateway alone)`,
    measured: `${Math.round(r.memory.peakRssMB.median)} MB`,
    met: r.memory.peakRssMB.median < PEAK_RSS_TARGET_MB,
  });
  const shared = replicasTarget(r.replicas);
  if (shared) targets.push(shared);
  return targets;
}

async function runReplicas(): Promise<void> {
  const section = renderReplicaSection(await replicaFigures(log));
  writeFileSync(BENCHMARKS_PATH, withReplicaSection(readFileSync(BENCHMARKS_PATH, 'utf8'), section));
  console.log(section);
  console.log(`wrote the replica section of ${BENCHMARKS_PATH}`);
}

/** `--startup`: the start-up figures alone, printed. */
async function runStartup(): Promise<void> {
  for (const row of (await startupFigures()).rows)
    console.log(`${row.label}: ${formatSummary(row.ms, 0, ' ms')} to /healthz 200 (${STARTUP_RUNS} runs)`);
}

/** `--memory`: the large sweep's peak RSS alone (3 runs), printed. */
async function runMemory(): Promise<void> {
  const flags = serverNodeFlags();
  log(`memory: large-org sweep in a child process, node ${flags || '(no flags)'}`);
  const runs = await sweepMemory('large', 3, flags);
  console.log(
    `large sweep, ${runs[0]?.admins} admins, node ${flags}: peak RSS ${formatSummary(summarize(runs.map((r) => r.peakRssMB)), 0, ' MB')}, ` +
      `before the sweep ${formatSummary(summarize(runs.map((r) => r.beforeRssMB)), 0, ' MB')}, ` +
      `wall ${formatSummary(summarize(runs.map((r) => r.ms)), 0, ' ms')} (3 runs)`,
  );
}

if (args.has('--quick')) await runQuick();
else if (args.has('--replicas')) await runReplicas();
else if (args.has('--startup')) await runStartup();
else if (args.has('--memory')) await runMemory();
else await runFull();
