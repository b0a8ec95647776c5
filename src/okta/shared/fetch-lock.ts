/**
 * One fetch at a time per cache key across replicas: a short Redis lock, renewed while its
 * holder fetches, taken in the same script that looks for the value. The others wait for the
 * holder's value (told over pub/sub, or seen at their next poll); a holder that dies lets its lock
 * expire within `lockTtlMs`, and the next one to look takes it.
 */
import type { SharedKeys } from './keys.ts';
import type { RedisLink } from './redis-link.ts';

export type LockLookup =
  | { kind: 'value'; value: string; ttlMs: number }
  | { kind: 'locked'; token: string }
  | { kind: 'held'; ttlMs: number };

export interface FetchLocks {
  /** The value of `cacheKey`, or its lock (this replica fetches), or word that another holds it. */
  lookup(cacheKey: string): Promise<LockLookup>;
  /** Renews a held lock every third of its ttl until the returned stop is called. */
  keepAlive(cacheKey: string, token: string): () => void;
  /** Stores the value and drops the lock; false when the lock was lost (invalidated meanwhile). */
  fill(
    cacheKey: string,
    token: string,
    value: string,
    ttlMs: number,
    filledMessage: string,
  ): Promise<boolean>;
  /** Drops a held lock without a value (the fetch failed), telling the waiters. */
  release(cacheKey: string, token: string, releasedMessage: string): Promise<void>;
  /** Resolves when the holder of `cacheKey` fills or releases it, or after `ms`. */
  changed(cacheKey: string, ms: number): Promise<void>;
  /** The channel said `cacheKey` was filled or released. */
  notify(cacheKey: string): void;
}

export interface FetchLockOptions {
  /** Lock ttl, ms; renewed while the fetch runs. Default 5000. */
  lockTtlMs?: number;
}

export function createFetchLocks(
  link: RedisLink,
  keys: SharedKeys,
  channel: string,
  options: FetchLockOptions = {},
): FetchLocks {
  const lockTtlMs = options.lockTtlMs ?? 5000;
  const waiters = new Map<string, Set<() => void>>();
  let counter = 0;

  return {
    async lookup(cacheKey) {
      const token = `${link.replicaId}:${++counter}`;
      const reply = (await link.run(
        'getOrLock',
        [keys.value(cacheKey), keys.lock(cacheKey)],
        [token, lockTtlMs],
      )) as [string, string?, number?];
      if (reply[0] === 'value') return { kind: 'value', value: String(reply[1]), ttlMs: Number(reply[2]) };
      if (reply[0] === 'locked') return { kind: 'locked', token };
      return { kind: 'held', ttlMs: Number(reply[1]) };
    },
    keepAlive(cacheKey, token) {
      const timer = setInterval(
        () => {
          if (!link.up()) return;
          link
            .run('extendIfOwner', [keys.lock(cacheKey)], [token, lockTtlMs])
            .catch((e: unknown) => link.failed(e));
        },
        Math.max(100, Math.floor(lockTtlMs / 3)),
      );
      timer.unref();
      return () => clearInterval(timer);
    },
    async fill(cacheKey, token, value, ttlMs, filledMessage) {
      const stored = await link.run(
        'putAndUnlock',
        [keys.value(cacheKey), keys.lock(cacheKey)],
        [token, value, Math.max(1, Math.round(ttlMs)), channel, filledMessage],
      );
      return stored === 1;
    },
    async release(cacheKey, token, releasedMessage) {
      await link.run('releaseIfOwner', [keys.lock(cacheKey)], [token, channel, releasedMessage]);
    },
    changed(cacheKey, ms) {
      return new Promise<void>((resolve) => {
        const set = waiters.get(cacheKey) ?? new Set();
        waiters.set(cacheKey, set);
        const done = () => {
          clearTimeout(timer);
          set.delete(done);
          if (set.size === 0 && waiters.get(cacheKey) === set) waiters.delete(cacheKey);
          resolve();
        };
        const timer = setTimeout(done, ms);
        set.add(done);
      });
    },
    notify(cacheKey) {
      for (const wake of [...(waiters.get(cacheKey) ?? [])]) wake();
    },
  };
}
