/** Upstream cost of one operation, read from the simulator's request log. */
import type { RequestLogEntry } from '../src/sim/index.ts';

export interface UpstreamCost {
  requests: number;
  /** Requests beyond the first for the same method + path + query within the operation. */
  duplicates: number;
  /** Requests per rate-limit bucket of the simulator. */
  byBucket: Record<string, number>;
  /** The most repeated requests, for diagnosis: `GET /path?query ×n`. */
  topDuplicates: string[];
}

export function upstreamCost(log: readonly RequestLogEntry[]): UpstreamCost {
  const seen = new Map<string, number>();
  const byBucket: Record<string, number> = {};
  for (const entry of log) {
    const key = `${entry.method} ${entry.path}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    byBucket[entry.bucket] = (byBucket[entry.bucket] ?? 0) + 1;
  }
  let duplicates = 0;
  for (const n of seen.values()) duplicates += n - 1;
  const topDuplicates = [...seen]
    .filter(([, n]) => n > 1)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([k, n]) => `${k} ×${n}`);
  return { requests: log.length, duplicates, byBucket, topDuplicates };
}
