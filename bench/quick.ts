/**
 * The quick, deterministic subset: the demo org, no latency, upstream request counts only. Its
 * figures are committed in bench/quick-baseline.json and checked in CI (test/bench/quick.test.ts).
 */
import { readFileSync } from 'node:fs';
import { startSimulator } from '../src/sim/index.ts';
import { measure } from './measure.ts';
import type { OperationName } from './operations.ts';
import { UNLIMITED } from './orgs.ts';
import { repoPath } from './paths.ts';

export const QUICK_BASELINE_PATH = repoPath('bench/quick-baseline.json');

export const QUICK_OPERATIONS: readonly OperationName[] = [
  'sweep',
  'adminReport',
  'principalCold',
  'principalWarm',
  'catalog',
  'usersPaging',
  'whoCanCold',
  'whoCanWarm',
];

export interface QuickCounts {
  /** Upstream requests per operation, demo org, default gateway. */
  requests: Record<string, number>;
  /** Repeated identical upstream requests per operation (should stay 0). */
  duplicates: Record<string, number>;
}

export async function quickCounts(): Promise<QuickCounts> {
  const sim = await startSimulator({ rateLimits: UNLIMITED });
  try {
    const counts: QuickCounts = { requests: {}, duplicates: {} };
    for (const op of QUICK_OPERATIONS) {
      const m = await measure(sim, op, 1);
      counts.requests[op] = m.costs[0]!.requests;
      counts.duplicates[op] = m.costs[0]!.duplicates;
    }
    return counts;
  } finally {
    await sim.close();
  }
}

export function readQuickBaseline(): QuickCounts {
  return JSON.parse(readFileSync(QUICK_BASELINE_PATH, 'utf8')) as QuickCounts;
}

/** One line per operation whose count moved: more is a regression, fewer a baseline to update. */
export function compareQuick(
  baseline: QuickCounts,
  current: QuickCounts,
): { more: string[]; fewer: string[] } {
  const more: string[] = [];
  const fewer: string[] = [];
  for (const kind of ['requests', 'duplicates'] as const) {
    for (const op of QUICK_OPERATIONS) {
      const was = baseline[kind][op] ?? 0;
      const now = current[kind][op] ?? 0;
      if (now > was) more.push(`${op}: ${now} upstream ${kind}, baseline ${was}`);
      if (now < was) fewer.push(`${op}: ${now} upstream ${kind}, baseline ${was}`);
    }
  }
  return { more, fewer };
}
