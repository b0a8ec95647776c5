import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_REDIS_SERVER, type RedisServer, startRedisServer } from '../../bench/redis-server.ts';
import type { LeaderLease } from '../../src/okta/shared/leader-lease.ts';
import type { SharedState } from '../../src/okta/shared/shared-state.ts';
import { connected, openReplica, until } from './shared-harness.ts';

interface Candidate {
  state: SharedState;
  lease: LeaderLease;
  /** What the lease told it, in order. */
  told: string[];
}

function candidate(redisUrl: string): Candidate {
  const state = openReplica(redisUrl);
  const told: string[] = [];
  const lease = state.lead('log-follower', {
    ttlMs: 600,
    onLead: () => told.push('lead'),
    onFollow: () => told.push('follow'),
  });
  return { state, lease, told };
}

const leaders = (candidates: Candidate[]) => candidates.filter((c) => c.lease.isLeader());

describe.skipIf(!HAS_REDIS_SERVER)('one leader among the replicas, by a Redis lease', () => {
  let redis: RedisServer;
  let candidates: Candidate[];

  beforeAll(async () => {
    redis = await startRedisServer();
    candidates = [candidate(redis.url), candidate(redis.url), candidate(redis.url)];
    await until(connected(...candidates.map((c) => c.state)), 5_000, 'connected');
  });

  afterAll(async () => {
    await Promise.all(candidates.map((c) => c.state.close()));
    await redis?.kill();
  });

  it('makes exactly one replica the leader, and says so in its status', async () => {
    await until(() => leaders(candidates).length === 1, 2_000, 'a leader');
    await new Promise((r) => setTimeout(r, 700));
    expect(leaders(candidates)).toHaveLength(1);
    const [leader] = leaders(candidates);
    expect(leader!.told).toEqual(['lead']);
    expect(leader!.state.status().logLeader).toBe(true);
    expect(candidates.filter((c) => c !== leader).map((c) => c.state.status().logLeader)).toEqual([
      false,
      false,
    ]);
  });

  it('hands the lease to another replica within its ttl when the leader stops', async () => {
    const [leader] = leaders(candidates);
    await leader!.lease.stop();
    expect(leader!.told.at(-1)).toBe('follow');
    const rest = candidates.filter((c) => c !== leader);
    await until(() => leaders(rest).length === 1, 1_500, 'a new leader');
  });

  it('keeps its leader while Redis is down, and still one leader once it is back', async () => {
    const before = leaders(candidates);
    expect(before).toHaveLength(1);
    await redis.kill();
    await until(() => candidates.every((c) => c.state.status().degraded), 5_000, 'degraded');
    await new Promise((r) => setTimeout(r, 800));
    expect(leaders(candidates)).toEqual(before);
    await redis.start();
    await until(connected(...candidates.map((c) => c.state)), 10_000, 'reconnected');
    await new Promise((r) => setTimeout(r, 800));
    expect(leaders(candidates)).toHaveLength(1);
  }, 20_000);
});
