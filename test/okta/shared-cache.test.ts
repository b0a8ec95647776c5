import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HAS_REDIS_SERVER, type RedisServer, startRedisServer } from '../../bench/redis-server.ts';
import type { UserRecord } from '../../src/iam/model.ts';
import { type CatalogCache, createCachedDirectory, createCatalogCache } from '../../src/okta/cache.ts';
import type { OktaDirectory } from '../../src/okta/directory.ts';
import type { SharedState } from '../../src/okta/shared/shared-state.ts';
import { connected, openReplica, sleep, until } from './shared-harness.ts';

interface Replica {
  state: SharedState;
  cache: CatalogCache;
}

const TTLS = {
  catalogTtlMs: 60_000,
  roleAssignmentTtlMs: 60_000,
  grantTtlMs: 60_000,
  followedTtlMs: 3_600_000,
};

function replica(redisUrl: string, ttls: Partial<typeof TTLS> = {}): Replica {
  const state = openReplica(redisUrl, { cache: { followedCheckMs: 100, lockTtlMs: 600 } });
  return { state, cache: state.shareCache(createCatalogCache({ ...TTLS, ...ttls })) };
}

/** A loader that counts its calls and answers `value` after `ms`. */
function loader<T>(value: T, ms = 0) {
  const counted = { calls: 0, load: async () => {} };
  const load = async () => {
    counted.calls++;
    if (ms) await sleep(ms);
    return value;
  };
  return Object.assign(counted, { load });
}

describe.skipIf(!HAS_REDIS_SERVER)('the cache tier replicas share through Redis', () => {
  let redis: RedisServer;
  let replicas: Replica[] = [];
  let a: Replica;
  let b: Replica;
  let c: Replica;
  let n = 0;
  /** A key no other test used: the Redis tier outlives each test's replicas. */
  const fresh = (name: string) => `${name}-${++n}`;

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  beforeEach(async () => {
    replicas = [replica(redis.url), replica(redis.url), replica(redis.url)];
    [a, b, c] = replicas as [Replica, Replica, Replica];
    await until(connected(...replicas.map((r) => r.state)), 5_000, 'connected');
  });

  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.state.close()));
  });

  afterAll(async () => {
    await redis?.kill();
  });

  it('gives a replica what another fetched, without fetching it again', async () => {
    const key = fresh('customRoles');
    const first = loader([{ id: 'cr1', label: 'Lumos' }]);
    const second = loader([{ id: 'other' }]);
    expect(await a.cache.fetch('catalog', key, first.load)).toEqual([{ id: 'cr1', label: 'Lumos' }]);
    await sleep(30);
    expect(await b.cache.fetch('catalog', key, second.load)).toEqual([{ id: 'cr1', label: 'Lumos' }]);
    expect(await c.cache.fetch('catalog', key, second.load)).toEqual([{ id: 'cr1', label: 'Lumos' }]);
    expect([first.calls, second.calls]).toEqual([1, 0]);
  });

  it('fetches a cold key once when every replica asks for it at the same moment', async () => {
    const key = fresh('resourceSets');
    const loads = replicas.map((_, i) => loader([`rs from ${i}`], 100));
    const answers = await Promise.all(replicas.map((r, i) => r.cache.fetch('catalog', key, loads[i]!.load)));
    expect(loads.reduce((sum, l) => sum + l.calls, 0)).toBe(1);
    expect(new Set(answers.map((x) => JSON.stringify(x))).size).toBe(1);
  });

  it('keeps ids asked together in one upstream batch', async () => {
    const batches: string[][] = [];
    const directory = {
      getUsersByIds: async (ids: readonly string[]) => {
        batches.push([...ids]);
        return ids.map((id) => ({ id, login: `${id}@x` }) as unknown as UserRecord);
      },
    } as unknown as OktaDirectory;
    const ids = [fresh('u'), fresh('u'), fresh('u')];
    const users = await createCachedDirectory(directory, a.cache).getUsersByIds(ids);
    expect(users.map((u) => u?.id)).toEqual(ids);
    expect(batches).toEqual([ids]);
    await sleep(30);
    expect((await createCachedDirectory(directory, b.cache).getUsersByIds(ids)).map((u) => u?.id)).toEqual(
      ids,
    );
    expect(batches).toHaveLength(1);
  });

  it("drops every replica's copy on an invalidation, and fetches the new value once", async () => {
    const key = fresh('user');
    await a.cache.fetch('roleAssignment', key, loader(['old']).load);
    await sleep(30);
    await b.cache.fetch('roleAssignment', key, loader(['never']).load);
    expect(a.cache.invalidate([{ kind: 'roleAssignment', key }])).toBe(1);
    await sleep(50);
    const after = replicas.map(() => loader(['new'], 30));
    const answers = await Promise.all(
      replicas.map((r, i) => r.cache.fetch('roleAssignment', key, after[i]!.load)),
    );
    expect(answers).toEqual([['new'], ['new'], ['new']]);
    expect(after.reduce((sum, l) => sum + l.calls, 0)).toBe(1);
  });

  it('drops entries by prefix on every replica', async () => {
    const prefix = fresh('grants');
    await a.cache.fetch('grant', `${prefix}:app1`, loader(['g1']).load);
    await a.cache.fetch('grant', `${prefix}:app2`, loader(['g2']).load);
    await sleep(30);
    await b.cache.fetch('grant', `${prefix}:app1`, loader(['never']).load);
    a.cache.invalidate([{ kind: 'grant', prefix: `${prefix}:` }]);
    await sleep(50);
    const again = loader(['g1 again']);
    expect(await b.cache.fetch('grant', `${prefix}:app1`, again.load)).toEqual(['g1 again']);
    expect(again.calls).toBe(1);
  });

  it('lets a replica keep what it read from Redis no longer than the replica that fetched it', async () => {
    const short = replica(redis.url, { catalogTtlMs: 400 });
    const other = replica(redis.url, { catalogTtlMs: 400 });
    replicas.push(short, other);
    await until(connected(short.state, other.state));
    const key = fresh('org');
    await short.cache.fetch('catalog', key, loader('v1').load);
    await sleep(250);
    expect(await other.cache.fetch('catalog', key, loader('never').load)).toBe('v1');
    await sleep(250);
    // 500 ms after the fetch: gone everywhere, though the second replica read it only 250 ms ago.
    const refetch = loader('v2');
    expect(await other.cache.fetch('catalog', key, refetch.load)).toBe('v2');
    expect(refetch.calls).toBe(1);
  });

  it("lets another replica fetch when the lock holder's fetch fails", async () => {
    const key = fresh('bindings');
    const failing = a.cache.fetch('catalog', key, async () => {
      await sleep(80);
      throw new Error('Okta said 503');
    });
    await sleep(20);
    const fallback = loader(['fetched by b']);
    const second = b.cache.fetch('catalog', key, fallback.load);
    await expect(failing).rejects.toThrow('Okta said 503');
    expect(await second).toEqual(['fetched by b']);
    expect(fallback.calls).toBe(1);
  });

  it('gives the long TTLs to every replica while one follows the System Log', async () => {
    expect(b.cache.ttls().catalog).toBe(60_000);
    a.cache.setFollowed(true);
    await until(() => b.cache.ttls().catalog === 3_600_000, 2_000, 'long TTLs on b');
    a.cache.setFollowed(false);
    await until(() => b.cache.ttls().catalog === 60_000, 2_000, 'short TTLs on b');
  });

  it('answers from Okta while Redis is down, takes the short TTLs, and shares again once it is back', async () => {
    a.cache.setFollowed(true);
    await until(() => b.cache.ttls().catalog === 3_600_000, 2_000, 'long TTLs on b');
    await redis.kill();
    await until(() => replicas.every((r) => r.state.status().degraded), 5_000, 'degraded');
    // The follower's replica keeps its long TTLs (it still sees every change); the others cannot.
    expect(a.cache.ttls().catalog).toBe(3_600_000);
    expect(b.cache.ttls().catalog).toBe(60_000);
    const key = fresh('serviceApps');
    const alone = replicas.map((_, i) => loader([`apps of ${i}`]));
    const answers = await Promise.all(replicas.map((r, i) => r.cache.fetch('catalog', key, alone[i]!.load)));
    expect(answers).toEqual([['apps of 0'], ['apps of 1'], ['apps of 2']]);

    await redis.start();
    await until(connected(...replicas.map((r) => r.state)), 10_000, 'reconnected');
    a.cache.setFollowed(true);
    await until(() => b.cache.ttls().catalog === 3_600_000, 2_000, 'long TTLs again');
    const again = fresh('serviceApps');
    const first = loader(['shared again']);
    const others = loader(['never']);
    await a.cache.fetch('catalog', again, first.load);
    await sleep(30);
    expect(await b.cache.fetch('catalog', again, others.load)).toEqual(['shared again']);
    expect(await c.cache.fetch('catalog', again, others.load)).toEqual(['shared again']);
    expect(others.calls).toBe(0);
  }, 20_000);

  it('clears every copy when Redis answers again after an invalidation it did not take', async () => {
    // A replica that sends nothing while Redis pauses, so only the word from the first one can drop its copy.
    const quiet = openReplica(redis.url, { cache: { followedCheckMs: 60_000 } });
    const q: Replica = { state: quiet, cache: quiet.shareCache(createCatalogCache(TTLS)) };
    replicas.push(q);
    await until(connected(quiet));
    const key = fresh('permissions');
    await a.cache.fetch('catalog', key, loader(['before the change']).load);
    await sleep(30);
    await q.cache.fetch('catalog', key, loader(['never']).load);
    // Redis stops answering (its connections stay open): the invalidation's delete times out.
    const admin = new Redis(redis.url);
    try {
      await admin.client('PAUSE', 1500, 'ALL');
      a.cache.invalidate([{ kind: 'catalog', key }]);
      await until(() => a.state.status().degraded, 5_000, 'degraded');
      await until(connected(a.state), 10_000, 'answering again');
    } finally {
      admin.disconnect();
    }
    const after = loader(['after the change']);
    expect(q.state.status().outages).toBe(0);
    await until(() => q.cache.stats().size === 0, 3_000, 'its copies dropped');
    expect(await q.cache.fetch('catalog', key, after.load)).toEqual(['after the change']);
    expect(after.calls).toBe(1);
  }, 20_000);
});
