/**
 * The catalog cache's Redis tier, behind each replica's in-process LRU: what one replica fetched,
 * the others read (same keys, same TTLs; a value is serialized once, by the replica that fetched
 * it, and values over a size bound stay in that process). A miss takes a per-key fetch lock, so a
 * cold key costs Okta one fetch across replicas. Invalidations delete the Redis entries and reach
 * every replica over pub/sub; a local copy of an entry read from Redis is dropped when the Redis
 * entry expires, so no replica keeps it longer than the one that fetched it.
 *
 * When Redis is out of reach, each replica reads Okta itself through its own LRU; replicas that do
 * not follow the System Log then take the short TTLs (they would miss invalidations). When Redis
 * is back, each drops its local copies (they may have missed invalidations), and a replica whose
 * invalidation could not reach Redis clears the Redis tier too.
 */
import type { CacheKind, CacheRef, CatalogCache } from '../cache.ts';
import type { UpstreamMetrics } from '../metrics.ts';
import { createCacheEvents } from './cache-events.ts';
import { createFetchLocks, type LockLookup } from './fetch-lock.ts';
import type { SharedKeys } from './keys.ts';
import type { RedisLink } from './redis-link.ts';

export interface SharedCacheOptions {
  /** The replica's own cache (createCatalogCache): the first tier, and its TTLs in force. */
  local: CatalogCache;
  link: RedisLink;
  keys: SharedKeys;
  /** Values larger than this, serialized, stay in this process only; bytes. Default 4 MiB. */
  maxValueBytes?: number;
  /** Lock ttl, ms, renewed while its fetch runs. Default 5000. */
  lockTtlMs?: number;
  /** Longest wait for another replica's fetch of a key before fetching it anyway, ms. Default 15000. */
  maxLockWaitMs?: number;
  /** How long the follower's word that it keeps the cache fresh lasts unrenewed, ms. Default 60000. */
  followedTtlMs?: number;
  /** How often the other replicas look for that word, ms. Default 5000. */
  followedCheckMs?: number;
  /** Hits and misses of the Redis tier, as cache `shared-<kind>`. */
  metrics?: UpstreamMetrics;
  /** Epoch ms. Default Date.now. */
  now?: () => number;
}

export interface SharedCatalogCache extends CatalogCache {
  close(): void;
}

interface Lookup {
  kind: CacheKind;
  key: string;
  cacheKey: string;
  load: () => Promise<unknown>;
  resolve: (value: unknown) => void;
}

interface Stored {
  /** When the fetching replica read it, epoch ms. */
  at: number;
  v: unknown;
}

/** Local expiries tracked at most; past this a local copy lives by the local TTL alone. */
const MAX_EXPIRY_TIMERS = 10_000;

export function createSharedCatalogCache(options: SharedCacheOptions): SharedCatalogCache {
  const { local, link, keys } = options;
  const now = options.now ?? Date.now;
  const maxValueBytes = options.maxValueBytes ?? 4 * 1024 * 1024;
  const maxLockWaitMs = options.maxLockWaitMs ?? 15_000;
  const followedTtlMs = options.followedTtlMs ?? 60_000;
  const events = createCacheEvents(link, keys.events);
  const locks = createFetchLocks(link, keys, keys.events, {
    ...(options.lockTtlMs !== undefined && { lockTtlMs: options.lockTtlMs }),
  });
  const expiries = new Map<string, NodeJS.Timeout>();
  let queue: Lookup[] = [];
  /** This replica's System Log follower keeps the cache fresh right now. */
  let following = false;
  /** An invalidation did not reach Redis: its values may be stale. */
  let dirty = false;

  const cacheKeyOf = (kind: CacheKind, key: string) => `${kind}:${key}`;
  const fail = (error: unknown) => link.failed(error);

  const forgetExpiry = (cacheKey: string) => {
    const timer = expiries.get(cacheKey);
    if (timer) clearTimeout(timer);
    expiries.delete(cacheKey);
  };

  const forgetExpiries = (match: (cacheKey: string) => boolean) => {
    for (const cacheKey of [...expiries.keys()]) if (match(cacheKey)) forgetExpiry(cacheKey);
  };

  const refMatches = (ref: CacheRef) => (cacheKey: string) =>
    'key' in ref
      ? cacheKey === cacheKeyOf(ref.kind, ref.key)
      : cacheKey.startsWith(cacheKeyOf(ref.kind, ref.prefix));

  const dropLocal = (refs: readonly CacheRef[]) => {
    for (const ref of refs) forgetExpiries(refMatches(ref));
    return local.invalidate(refs);
  };

  const clearLocal = () => {
    forgetExpiries(() => true);
    local.clear();
  };

  /** The local copy goes when the Redis entry does (its fetcher's copy goes then too). */
  const expireLocally = (entry: Lookup, ms: number) => {
    forgetExpiry(entry.cacheKey);
    if (expiries.size >= MAX_EXPIRY_TIMERS) return;
    const timer = setTimeout(() => {
      expiries.delete(entry.cacheKey);
      local.invalidate([{ kind: entry.kind, key: entry.key }]);
    }, ms);
    timer.unref();
    expiries.set(entry.cacheKey, timer);
  };

  const callLoad = (entry: Lookup): Promise<unknown> => {
    try {
      return entry.load();
    } catch (error) {
      return Promise.reject(error);
    }
  };

  const encode = (value: unknown, at: number): string | null => {
    const text = JSON.stringify({ at, v: value } satisfies Stored);
    return Buffer.byteLength(text) <= maxValueBytes ? text : null;
  };

  /** A stored value still fresh by the TTL in force, with how long it has left; null if not. */
  const decode = (entry: Lookup, text: string, pttl: number): { value: unknown; leftMs: number } | null => {
    try {
      const stored = JSON.parse(text) as Stored;
      const left = Math.min(
        pttl > 0 ? pttl : Number.POSITIVE_INFINITY,
        local.ttls()[entry.kind] - (now() - stored.at),
      );
      return left > 0 ? { value: stored.v, leftMs: left } : null;
    } catch {
      return null;
    }
  };

  const fetchLocked = (entry: Lookup, token: string) => {
    forgetExpiry(entry.cacheKey);
    const stopRenewing = locks.keepAlive(entry.cacheKey, token);
    const at = now();
    const loading = callLoad(entry);
    entry.resolve(loading);
    loading.then(
      (value) => {
        stopRenewing();
        const text = encode(value, at);
        const ttl = local.ttls()[entry.kind];
        const done =
          text === null
            ? locks.release(entry.cacheKey, token, events.encode({ t: 'released', key: entry.cacheKey }))
            : locks.fill(
                entry.cacheKey,
                token,
                text,
                ttl,
                events.encode({ t: 'filled', key: entry.cacheKey }),
              );
        done.catch(fail);
      },
      () => {
        stopRenewing();
        locks
          .release(entry.cacheKey, token, events.encode({ t: 'released', key: entry.cacheKey }))
          .catch(fail);
      },
    );
  };

  /** Acts on a lookup; true when the entry is settled, false when another replica holds its lock. */
  const settle = (entry: Lookup, found: LockLookup): boolean => {
    if (found.kind === 'locked') {
      options.metrics?.cache(`shared-${entry.kind}`, false);
      fetchLocked(entry, found.token);
      return true;
    }
    if (found.kind === 'held') return false;
    const fresh = decode(entry, found.value, found.ttlMs);
    if (!fresh) {
      // Stored under a longer TTL than the one in force now (the log is no longer followed).
      link.redis.del(keys.value(entry.cacheKey)).catch(fail);
      return false;
    }
    options.metrics?.cache(`shared-${entry.kind}`, true);
    expireLocally(entry, fresh.leftMs);
    entry.resolve(fresh.value);
    return true;
  };

  const waitForHolder = async (entry: Lookup, heldMs: number) => {
    const deadline = now() + maxLockWaitMs;
    let pollMs = Math.min(Math.max(heldMs, 20), 250);
    for (;;) {
      await locks.changed(entry.cacheKey, pollMs);
      if (!link.up() || now() > deadline) {
        entry.resolve(callLoad(entry));
        return;
      }
      let found: LockLookup;
      try {
        found = await locks.lookup(entry.cacheKey);
      } catch (error) {
        fail(error);
        entry.resolve(callLoad(entry));
        return;
      }
      if (settle(entry, found)) return;
      pollMs = found.kind === 'held' ? Math.min(Math.max(found.ttlMs, 20), 250) : 0;
    }
  };

  const flush = async () => {
    const batch = queue;
    queue = [];
    const found = await Promise.allSettled(batch.map((entry) => locks.lookup(entry.cacheKey)));
    // One synchronous pass: the loaders of one batch of ids (cachedBatch in cache.ts) must all be
    // called before the batch's upstream request starts.
    found.forEach((result, i) => {
      const entry = batch[i]!;
      if (result.status === 'rejected') {
        fail(result.reason);
        entry.resolve(callLoad(entry));
      } else if (!settle(entry, result.value)) {
        void waitForHolder(entry, result.value.kind === 'held' ? result.value.ttlMs : 0);
      }
    });
  };

  const sharedLoad = (kind: CacheKind, key: string, load: () => Promise<unknown>): Promise<unknown> => {
    if (!link.up()) return load();
    return new Promise((resolve) => {
      queue.push({ kind, key, cacheKey: cacheKeyOf(kind, key), load, resolve });
      if (queue.length === 1) queueMicrotask(() => void flush());
    });
  };

  const checkFollowed = () => {
    if (following) return;
    if (!link.up()) {
      local.setFollowed(false);
      return;
    }
    link.redis.exists(keys.followed).then((n) => {
      if (!following) local.setFollowed(n === 1 && link.up());
    }, fail);
  };

  const resync = () => {
    if (dirty) {
      dirty = false;
      link
        .run('deleteMatching', [], [keys.valuePattern(''), keys.lockPattern('')])
        .then(() => events.publish({ t: 'clear' }))
        .catch((error: unknown) => {
          dirty = true;
          fail(error);
        });
    }
    clearLocal();
    checkFollowed();
  };

  events.on((event, fromSelf) => {
    if (event.t === 'filled' || event.t === 'released') locks.notify(event.key);
    else if (fromSelf) return;
    else if (event.t === 'invalidate') dropLocal(event.refs);
    else if (event.t === 'clear') clearLocal();
    else if (event.t === 'followed' && !following) local.setFollowed(event.on && link.up());
  });
  link.onChange((up) => (up ? resync() : checkFollowed()));
  const followedTimer = setInterval(checkFollowed, options.followedCheckMs ?? 5000);
  followedTimer.unref();

  return {
    fetch<T>(kind: CacheKind, key: string, load: () => Promise<T>): Promise<T> {
      return local.fetch(kind, key, () => sharedLoad(kind, key, load) as Promise<T>);
    },
    invalidate(refs) {
      const dropped = dropLocal(refs);
      if (!link.up()) {
        dirty = true;
        return dropped;
      }
      const entries = refs.flatMap((ref) =>
        'key' in ref
          ? [keys.value(cacheKeyOf(ref.kind, ref.key)), keys.lock(cacheKeyOf(ref.kind, ref.key))]
          : [],
      );
      const patterns = refs.flatMap((ref) =>
        'key' in ref
          ? []
          : [
              keys.valuePattern(cacheKeyOf(ref.kind, ref.prefix)),
              keys.lockPattern(cacheKeyOf(ref.kind, ref.prefix)),
            ],
      );
      // Sent now, in order: a lookup this replica sends after this call cannot read what it deletes.
      Promise.all([
        entries.length > 0 ? link.redis.del(...entries) : null,
        patterns.length > 0 ? link.run('deleteMatching', [], patterns) : null,
      ])
        .then(() => events.publish({ t: 'invalidate', refs: [...refs] }))
        .catch((error: unknown) => {
          dirty = true;
          fail(error);
        });
      return dropped;
    },
    setFollowed(on) {
      following = on;
      local.setFollowed(on);
      if (!link.up()) return;
      const word = on
        ? link.redis.set(keys.followed, link.replicaId, 'PX', followedTtlMs)
        : link.run('releaseIfOwner', [keys.followed], [link.replicaId]);
      word.then(() => events.publish({ t: 'followed', on })).catch(fail);
    },
    ttls: () => local.ttls(),
    clear() {
      clearLocal();
      if (!link.up()) return;
      link
        .run('deleteMatching', [], [keys.valuePattern(''), keys.lockPattern('')])
        .then(() => events.publish({ t: 'clear' }))
        .catch(fail);
    },
    stats: () => local.stats(),
    close() {
      clearInterval(followedTimer);
      forgetExpiries(() => true);
    },
  };
}
