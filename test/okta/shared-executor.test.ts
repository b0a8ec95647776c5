import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HAS_REDIS_SERVER, type RedisServer, startRedisServer } from '../../bench/redis-server.ts';
import type { SharedState } from '../../src/okta/shared/shared-state.ts';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { connected, openReplica, until } from './shared-harness.ts';
import { apiTokenAccess } from './sim-harness.ts';

const CAP = 5;
const PER_REPLICA = 40;

/** Three clients, each reading PER_REPLICA users by id at once; the simulator's 429s and peak. */
async function readUsers(sim: Simulator, budgets: (SharedState | null)[]) {
  sim.resetLog();
  const ids = sim.org.users.slice(0, PER_REPLICA * budgets.length).map((u) => u.id);
  const clients = budgets.map((shared) =>
    apiTokenAccess(sim, { maxConcurrency: CAP, ...(shared ? { budget: shared.budget } : {}) }),
  );
  await Promise.all(
    clients.flatMap(({ client }, i) =>
      ids.slice(i * PER_REPLICA, (i + 1) * PER_REPLICA).map((id) => client.getJson(`/api/v1/users/${id}`)),
    ),
  );
  const counters = sim.counters();
  return { tooMany: counters.byStatus['429'] ?? 0, peak: counters.inFlightPeak, total: counters.total };
}

describe.skipIf(!HAS_REDIS_SERVER)('three Okta clients on one shared budget', () => {
  let redis: RedisServer;
  let sim: Simulator;
  let replicas: SharedState[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    // The org allows CAP requests in flight and 60 user reads per 2 s window: any one client alone
    // keeps to it; three, each believing it owns the budget, do not.
    sim = await startSimulator({
      latencyMs: 20,
      rateLimits: { concurrency: CAP, windowMs: 2_000, buckets: { user: 60 } },
    });
  });

  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    replicas = [];
  });

  afterAll(async () => {
    await sim?.close();
    await redis?.kill();
  });

  it('trips the limits without it: each client believes it owns the org', async () => {
    const alone = await readUsers(sim, [null, null, null]);
    expect(alone.tooMany).toBeGreaterThan(0);
    expect(alone.peak).toBeGreaterThan(CAP);
  });

  it('causes no 429 with it, and never more requests in flight than the cap', async () => {
    await new Promise((r) => setTimeout(r, 2_100));
    replicas = [1, 2, 3].map(() => openReplica(redis.url, { maxConcurrency: CAP, replicas: 3 }));
    await until(connected(...replicas), 5_000, 'connected');
    const shared = await readUsers(sim, replicas);
    expect(shared).toMatchObject({ tooMany: 0, total: 3 * PER_REPLICA });
    expect(shared.peak).toBeLessThanOrEqual(CAP);
    expect(shared.peak).toBeGreaterThan(1);
  }, 20_000);
});
