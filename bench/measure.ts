/** Runs an operation several times against a simulator and records upstream cost and wall time. */
import type { Simulator } from '../src/sim/index.ts';
import type { OrgSnapshot } from '../src/sim/snapshot-format.ts';
import { type BenchGateway, type BenchGatewayOptions, createBenchGateway } from './gateway.ts';
import {
  type OperationName,
  type OperationResult,
  runAdminReport,
  runCatalog,
  runReadiness,
  runSweep,
  runUsersPaging,
  runWhoCan,
} from './operations.ts';
import { type Summary, summarize } from './stats.ts';
import { type UpstreamCost, upstreamCost } from './upstream.ts';

const RUNNERS: Record<OperationName, (gw: BenchGateway, org: OrgSnapshot) => Promise<OperationResult>> = {
  sweep: runSweep,
  adminReport: runAdminReport,
  principalCold: (gw) => runReadiness(gw),
  principalWarm: (gw) => runReadiness(gw),
  catalog: runCatalog,
  usersPaging: runUsersPaging,
  whoCanCold: runWhoCan,
  whoCanWarm: runWhoCan,
};

/** The operations measured on a gateway that has answered them once already. */
const WARM: ReadonlySet<OperationName> = new Set(['principalWarm', 'whoCanWarm']);

export interface Measurement {
  operation: OperationName;
  naive: boolean;
  /** Upstream cost of every run (runs of a deterministic operation agree; the first is reported). */
  costs: UpstreamCost[];
  wallMs: Summary;
  result: OperationResult;
}

/**
 * `runs` measured runs, each on a fresh gateway (cold cache) except the warm operations, which
 * ask once to warm a gateway and measure the same question on it.
 */
export async function measure(
  sim: Simulator,
  operation: OperationName,
  runs: number,
  options: BenchGatewayOptions = {},
): Promise<Measurement> {
  const costs: UpstreamCost[] = [];
  const times: number[] = [];
  let result: OperationResult | undefined;
  const warm = WARM.has(operation) ? createBenchGateway(sim, options) : null;
  if (warm) await RUNNERS[operation](warm, sim.org);
  for (let i = 0; i < runs; i++) {
    const gw = warm ?? createBenchGateway(sim, options);
    sim.resetLog();
    const started = performance.now();
    result = await RUNNERS[operation](gw, sim.org);
    times.push(performance.now() - started);
    costs.push(upstreamCost(sim.requestLog));
  }
  return { operation, naive: options.naive ?? false, costs, wallMs: summarize(times), result: result! };
}

/** The upstream request counts of every run, as a summary (they should not vary). */
export const requestSummary = (m: Measurement): Summary => summarize(m.costs.map((c) => c.requests));
export const duplicateSummary = (m: Measurement): Summary => summarize(m.costs.map((c) => c.duplicates));
