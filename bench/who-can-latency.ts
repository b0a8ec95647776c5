/**
 * whoCan answered warm: one gateway whose cache holds what the question reads, asked the same
 * question one request at a time (in process, no socket), the simulator in a child process so the
 * gateway's process holds only the gateway; the latency percentiles of the runs.
 */
import { createBenchGateway } from './gateway.ts';
import { askWhoCan } from './operations.ts';
import type { OrgName } from './orgs.ts';
import { startSimProcess } from './sim-process.ts';

/**
 * Cache entries for the whoCan rows: every role assignee's role list and record, every admin
 * group's and service app's, and the catalog: the large org's 4,065 role assignees and their
 * records need the default of 20000 (set here explicitly, so the figure does not move with it).
 */
export const WHO_CAN_CACHE_ENTRIES = 20_000;

export interface WarmLatency {
  p50Ms: number;
  p99Ms: number;
  /** Upstream requests during the timed runs (the simulator's counter): 0 when the cache held everything. */
  upstream: number;
}

/** The simulator's own count of the API requests it answered (`/__sim/counters`). */
async function upstreamTotal(simUrl: string): Promise<number> {
  const response = await fetch(`${simUrl}/__sim/counters`);
  return ((await response.json()) as { total: number }).total;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;

/** `series` timed series of `runs` requests each, on one warmed gateway. */
export async function whoCanWarmLatency(org: OrgName, series: number, runs: number): Promise<WarmLatency[]> {
  const sim = await startSimProcess(org);
  try {
    const gw = createBenchGateway(sim, { cacheMaxEntries: WHO_CAN_CACHE_ENTRIES });
    const results: WarmLatency[] = [];
    for (let s = 0; s < series; s++) {
      // Each series starts warm: the role-assignment entries live 30 s.
      await askWhoCan(gw, sim.whoCanResource);
      const times: number[] = [];
      const before = await upstreamTotal(sim.url);
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await askWhoCan(gw, sim.whoCanResource);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      results.push({
        p50Ms: percentile(times, 0.5),
        p99Ms: percentile(times, 0.99),
        upstream: (await upstreamTotal(sim.url)) - before,
      });
    }
    return results;
  } finally {
    sim.close();
  }
}
