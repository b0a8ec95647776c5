/**
 * One Okta budget for every replica: each rate-limit bucket's window and the org's requests in
 * flight live in Redis, spent and observed through atomic scripts (scripts.ts), so the replicas
 * together stay under the org's limits and the reserve left to its other integrations.
 *
 * In-flight slots are leases in a sorted set, each expiring after the request timeout and a
 * margin, so a replica that dies mid-request frees its slots by itself. A replica asks for as many
 * slots as it has requests waiting in one script call, and asks again after a short pause (or at
 * once when one of its own requests finishes) while the org is at its cap.
 *
 * While Redis is out of reach the replica keeps to its own share (createShareBudget: the limits
 * divided by the expected replica count), and shares again as soon as Redis answers.
 */
import { createShareBudget, type RateBudget } from '../rate-budget.ts';
import type { SharedKeys } from './keys.ts';
import type { RedisLink } from './redis-link.ts';

export interface SharedBudgetOptions {
  link: RedisLink;
  keys: SharedKeys;
  /** The org-wide in-flight cap (OKTA_MAX_CONCURRENCY): all replicas together. */
  maxConcurrency: number;
  /** Share of each window left to the org's other integrations, 0..0.5. */
  reserve: number;
  /** Replicas expected (REPLICAS): alone, each keeps to 1/replicas of the budget. */
  replicas: number;
  /** How long an in-flight lease lasts, ms: longer than any request (its timeout plus a margin). */
  slotLeaseMs: number;
  /** Epoch ms. Default Date.now. */
  now?: () => number;
}

interface Waiter {
  grant: (release: () => void) => void;
}

/** How long a bucket's window is remembered past its reset (its limit then still known), ms. */
const BUCKET_KEEP_MS = 10 * 60_000;

export function createSharedBudget(options: SharedBudgetOptions): RateBudget {
  const { link, keys, maxConcurrency } = options;
  const now = options.now ?? Date.now;
  const replicas = Math.max(1, options.replicas);
  const alone = createShareBudget({ share: 1 / replicas, maxConcurrency, reserve: options.reserve, now });
  const aloneCap = Math.max(1, Math.floor(maxConcurrency / replicas));
  const fail = (error: unknown) => link.failed(error);
  const waiting: Waiter[] = [];
  /** Slots this process holds, shared or not: alone, it may hold aloneCap at most. */
  let held = 0;
  let seq = 0;
  let pumping = false;
  let wakePump: (() => void) | null = null;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakePump = null;
        resolve();
      }
      wakePump = done;
    });

  const grant = (waiter: Waiter, leaseId: string | null) => {
    held++;
    let released = false;
    waiter.grant(() => {
      if (released) return;
      released = true;
      held--;
      // Sent before the pump's next ask on the same connection, so Redis sees the slot free first.
      if (leaseId && link.up()) link.redis.zrem(keys.inFlight, leaseId).catch(fail);
      if (wakePump) wakePump();
      else if (waiting.length > 0) void pump();
    });
  };

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (waiting.length > 0) {
        if (!link.up()) {
          while (waiting.length > 0 && held < aloneCap) grant(waiting.shift()!, null);
          if (waiting.length > 0) await pause(50);
          continue;
        }
        const ids = Array.from(
          { length: Math.min(waiting.length, maxConcurrency) },
          () => `${link.replicaId}:${++seq}`,
        );
        let granted: number;
        try {
          const reply = (await link.run(
            'acquireSlots',
            [keys.inFlight, keys.loweredCap],
            [now(), maxConcurrency, options.slotLeaseMs, ...ids],
          )) as number[];
          granted = Number(reply[0]);
        } catch (error) {
          fail(error);
          continue;
        }
        for (let i = 0; i < granted; i++) {
          const waiter = waiting.shift();
          // A lease nobody waits for any more (cannot happen today) is given back at once.
          if (waiter) grant(waiter, ids[i]!);
          else link.redis.zrem(keys.inFlight, ids[i]!).catch(fail);
        }
        // Other replicas' slots free without a word: look again shortly, with jitter.
        if (waiting.length > 0) await pause(5 + Math.floor(Math.random() * 10));
      }
    } finally {
      pumping = false;
    }
  }

  return {
    async spend(bucket) {
      if (!link.up()) return alone.spend(bucket);
      try {
        const reply = (await link.run(
          'spendBucket',
          [keys.bucket(bucket)],
          [now(), options.reserve],
        )) as number[];
        const waitMs = Number(reply[0]);
        return { waitMs, remaining: Number(reply[1] ?? 0), limit: Number(reply[2] ?? 0) };
      } catch (error) {
        fail(error);
        return alone.spend(bucket);
      }
    },
    slot(urgent) {
      return new Promise((resolve) => {
        const waiter: Waiter = { grant: resolve };
        if (urgent) waiting.unshift(waiter);
        else waiting.push(waiter);
        void pump();
      });
    },
    observe(bucket, window) {
      alone.observe(bucket, window);
      if (!link.up()) return;
      link
        .run(
          'observeBucket',
          [keys.bucket(bucket)],
          [window.limit, window.remaining, window.resetAt, now(), BUCKET_KEEP_MS],
        )
        .catch(fail);
    },
    concurrencyRefused() {
      if (!link.up()) return;
      link.run('lowerCap', [keys.loweredCap], [now(), maxConcurrency]).catch(fail);
    },
  };
}
