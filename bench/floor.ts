/**
 * The wall-time floor of an operation: its lower-bound requests at the gateway's concurrency cap
 * and Okta's latency (never shorter than its chain of calls that must follow one another), or
 * Okta's per-minute bucket limits, whichever is longer.
 */
import { type BucketName, OKTA_WORKFORCE_LIMITS } from '../src/sim/index.ts';
import { bucketOf } from '../src/sim/rate-limit.ts';
import type { LowerBound } from './lower-bound.ts';

export interface WallFloor {
  ms: number;
  latencyMs: number;
  rateLimitMs: number;
  /** The bucket that sets the rate-limit floor, with its requests and limit. */
  tightestBucket: { bucket: BucketName; requests: number; limitPerMinute: number } | null;
}

export function wallFloor(
  bound: LowerBound,
  latencyMs: number,
  concurrency: number,
  windowMs = 60_000,
): WallFloor {
  const latencyFloor = Math.max(Math.ceil(bound.total / concurrency), bound.serialSteps) * latencyMs;
  const perBucket = new Map<BucketName, number>();
  for (const term of bound.terms) {
    const bucket = bucketOf('GET', term.path);
    perBucket.set(bucket, (perBucket.get(bucket) ?? 0) + term.count);
  }
  let rateLimitMs = 0;
  let tightestBucket: WallFloor['tightestBucket'] = null;
  for (const [bucket, requests] of perBucket) {
    const limit = OKTA_WORKFORCE_LIMITS[bucket];
    // The first window takes `limit` requests; each further one waits for the next window.
    const ms = Math.floor((requests - 1) / limit) * windowMs;
    if (ms > rateLimitMs || (!tightestBucket && ms === 0 && requests > 0)) {
      if (ms > rateLimitMs) rateLimitMs = ms;
      tightestBucket = { bucket, requests, limitPerMinute: limit };
    }
  }
  return { ms: Math.max(latencyFloor, rateLimitMs), latencyMs: latencyFloor, rateLimitMs, tightestBucket };
}
