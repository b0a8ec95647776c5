import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_REDIS_SERVER, type RedisServer, startRedisServer } from '../../bench/redis-server.ts';
import type { SharedState } from '../../src/okta/shared/shared-state.ts';
import { connected, openReplica, sleep, until } from './shared-harness.ts';

/** Takes `count` slots from each budget at once, holding each `holdMs`; the most held at once. */
async function peakHeld(replicas: SharedState[], count: number, holdMs: number): Promise<number> {
  let held = 0;
  let peak = 0;
  await Promise.all(
    replicas.flatMap((replica) =>
      Array.from({ length: count }, async () => {
        const release = await replica.budget.slot(false);
        held++;
        peak = Math.max(peak, held);
        await sleep(holdMs);
        held--;
        release();
      }),
    ),
  );
  return peak;
}

describe.skipIf(!HAS_REDIS_SERVER)('one Okta budget shared by replicas through Redis', () => {
  let redis: RedisServer;
  let a: SharedState;
  let b: SharedState;

  beforeAll(async () => {
    redis = await startRedisServer();
    a = openReplica(redis.url);
    b = openReplica(redis.url);
    await until(connected(a, b), 5_000, 'both replicas connected');
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.kill();
  });

  it('caps the requests in flight of all replicas together at the configured cap', async () => {
    expect(await peakHeld([a, b], 10, 15)).toBe(4);
  });

  it('spends a bucket window across replicas down to its reserve, then says when it resets', async () => {
    const resetAt = Date.now() + 1_500;
    a.budget.observe('/api/v1/users', { limit: 20, remaining: 20, resetAt });
    await sleep(50);
    const verdicts = [];
    for (let i = 0; i < 10; i++) {
      verdicts.push(await a.budget.spend('/api/v1/users'), await b.budget.spend('/api/v1/users'));
    }
    // 20 less the reserve (10 %: 2) may go; the 19th and 20th must wait for the reset.
    expect(verdicts.filter((v) => v.waitMs === 0)).toHaveLength(18);
    const refused = verdicts.at(-1)!;
    expect(refused.waitMs).toBeGreaterThan(1_000);
    expect(refused.waitMs).toBeLessThanOrEqual(1_500);
    expect(refused).toMatchObject({ remaining: 2, limit: 20 });
  });

  it('lowers the cap of every replica after a concurrency 429, and grows it back', async () => {
    a.budget.concurrencyRefused();
    await sleep(50);
    expect(await peakHeld([a, b], 6, 15)).toBe(2);
    await sleep(2_100);
    expect(await peakHeld([a, b], 6, 15)).toBe(4);
  });

  it('frees the slots of a replica that died mid-request when their lease ends', async () => {
    const shortLived = openReplica(redis.url, { requestTimeoutMs: 0 });
    await until(connected(shortLived));
    // Four slots taken and never given back: the replica "dies" holding them (5 s lease).
    await Promise.all([1, 2, 3, 4].map(() => shortLived.budget.slot(false)));
    await shortLived.close();
    const started = Date.now();
    const release = await a.budget.slot(false);
    release();
    expect(Date.now() - started).toBeGreaterThan(3_000);
  }, 15_000);

  it('keeps each replica to its share while Redis is down, and shares again once it is back', async () => {
    await redis.kill();
    await until(() => a.status().degraded && b.status().degraded, 5_000, 'degraded');
    expect(a.status()).toMatchObject({ state: 'DEGRADED', degraded: true, replicas: 2 });
    // Alone, each keeps to 4 / 2 replicas = 2 in flight; no slot request fails.
    expect(await peakHeld([a], 6, 15)).toBe(2);
    expect((await a.budget.spend('/api/v1/groups')).waitMs).toBe(0);
    await redis.start();
    await until(connected(a, b), 10_000, 'reconnected');
    expect(a.status().outages).toBe(1);
    expect(await peakHeld([a, b], 10, 15)).toBe(4);
  }, 20_000);
});

describe.skipIf(!HAS_REDIS_SERVER)("REDIS_URL's password", () => {
  const PASSWORD = 'pw-never-shown-4f9c2a';
  let redis: RedisServer;

  beforeAll(async () => {
    redis = await startRedisServer({ password: PASSWORD });
  });

  afterAll(async () => {
    await redis?.kill();
  });

  it('connects with it and never shows it in the status', async () => {
    const replica = openReplica(redis.url);
    try {
      await until(connected(replica));
      expect(JSON.stringify(replica.status())).not.toContain(PASSWORD);
      expect(replica.status().redis).toBe(`redis://127.0.0.1:${redis.port}`);
    } finally {
      await replica.close();
    }
  });

  it('says what is wrong with a refused one without quoting it', async () => {
    const wrong = `${PASSWORD}-wrong`;
    const replica = openReplica(`redis://:${wrong}@127.0.0.1:${redis.port}`);
    try {
      await until(() => replica.status().state === 'DEGRADED', 5_000, 'refused');
      const status = JSON.stringify(replica.status());
      expect(status).not.toContain(PASSWORD);
      expect(replica.status().problem).toMatch(/WRONGPASS|NOAUTH|invalid/i);
    } finally {
      await replica.close();
    }
  });
});
