/**
 * Plain in-memory counters of what the access layer did upstream. The server exposes the
 * snapshot (e.g. on /metrics); tests read it to prove request counts.
 */

export interface UpstreamMetrics {
  /** One HTTP attempt finished (a retry counts as another attempt). `ms` is wall time. */
  request(bucket: string, status: number | 'network', ms: number): void;
  /** An attempt is about to be retried. */
  retry(bucket: string): void;
  /** We slept `ms` before sending, because of a rate limit or a backoff. */
  wait(bucket: string, ms: number): void;
  rateLimitRemaining(bucket: string, remaining: number, limit: number): void;
  cache(name: string, hit: boolean): void;
}

export interface UpstreamCountersSnapshot {
  requestsTotal: number;
  /** bucket -> status (or `network`) -> count */
  requests: Record<string, Record<string, number>>;
  retries: Record<string, number>;
  waits: Record<string, { count: number; totalMs: number; maxMs: number }>;
  rateLimit: Record<string, { remaining: number; limit: number }>;
  cache: Record<string, { hits: number; misses: number }>;
}

export type UpstreamCounters = UpstreamMetrics & {
  snapshot(): UpstreamCountersSnapshot;
  reset(): void;
};

function empty(): UpstreamCountersSnapshot {
  return { requestsTotal: 0, requests: {}, retries: {}, waits: {}, rateLimit: {}, cache: {} };
}

export function createUpstreamCounters(): UpstreamCounters {
  let state = empty();
  return {
    request(bucket, status) {
      state.requestsTotal += 1;
      const byStatus = state.requests[bucket] ?? {};
      state.requests[bucket] = byStatus;
      const key = String(status);
      byStatus[key] = (byStatus[key] ?? 0) + 1;
    },
    retry(bucket) {
      state.retries[bucket] = (state.retries[bucket] ?? 0) + 1;
    },
    wait(bucket, ms) {
      const w = state.waits[bucket] ?? { count: 0, totalMs: 0, maxMs: 0 };
      state.waits[bucket] = w;
      w.count += 1;
      w.totalMs += ms;
      w.maxMs = Math.max(w.maxMs, ms);
    },
    rateLimitRemaining(bucket, remaining, limit) {
      state.rateLimit[bucket] = { remaining, limit };
    },
    cache(name, hit) {
      const c = state.cache[name] ?? { hits: 0, misses: 0 };
      state.cache[name] = c;
      if (hit) c.hits += 1;
      else c.misses += 1;
    },
    snapshot() {
      return structuredClone(state);
    },
    reset() {
      state = empty();
    },
  };
}

/** A sink that records nothing; the default when no metrics are wanted. */
export const noopMetrics: UpstreamMetrics = {
  request() {},
  retry() {},
  wait() {},
  rateLimitRemaining() {},
  cache() {},
};
