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

/** What a long-running command shows while Okta's rate limits hold it back. */
export interface RateLimitStatus {
  bucket: string;
  /** How long the client is about to sleep, ms. */
  waitMs: number;
  /** Requests left in the bucket's window when last seen; null before any answer. */
  remaining: number | null;
  limit: number | null;
}

/**
 * A metrics sink that tells `onWait` whenever the client sleeps a second or more for a rate limit,
 * with what is left in that bucket: progress output for batch commands.
 */
export function watchRateLimitWaits(onWait: (status: RateLimitStatus) => void): UpstreamMetrics {
  const seen = new Map<string, { remaining: number; limit: number }>();
  return {
    ...noopMetrics,
    rateLimitRemaining(bucket, remaining, limit) {
      seen.set(bucket, { remaining, limit });
    },
    wait(bucket, ms) {
      if (ms < 1000) return;
      const last = seen.get(bucket);
      onWait({ bucket, waitMs: ms, remaining: last?.remaining ?? null, limit: last?.limit ?? null });
    },
  };
}
