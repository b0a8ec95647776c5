/**
 * Three gateway processes (`okta-iam-graphql serve`, each its own child process) on one Redis and
 * one simulator: one cache and one Okta budget between them, and what happens when Redis dies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBenchGateway } from '../../bench/gateway.ts';
import { HAS_REDIS_SERVER, type RedisServer, startRedisServer } from '../../bench/redis-server.ts';
import { loadConfig } from '../../src/config.ts';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { type GatewayProcess, startGatewayProcess } from '../helpers/gateway-process.ts';

const CATALOG = `{
  roles { key label permissions { name } }
  resourceSets { id label resources { orn } bindings { role { key } members { key kind displayName } } }
}`;
const READINESS = 'query ($p: String!) { lumosReadiness(principal: $p) { status } }';
const PASSWORD = 'redis-pw-7c1e9b-never-shown';
/** The org's limit on requests in flight, and each gateway's OKTA_MAX_CONCURRENCY: one alone stays under it. */
const CAP = 6;
const TTL_MS = 4_000;

interface Outcome {
  startedAt: number;
  endedAt: number;
  ok: boolean;
  problem: string | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(what: string, condition: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

interface Readyz {
  ready: boolean;
  degraded?: boolean;
  sharedState?: {
    state: string;
    degraded: boolean;
    logLeader: boolean | null;
    redis: string;
    outages: number;
  };
  logFollower?: { state: string };
}

async function readyz(gateway: GatewayProcess): Promise<Readyz & { status: number }> {
  const { status, text } = await gateway.get('/readyz');
  return { ...(JSON.parse(text) as Readyz), status };
}

async function ask(
  gateway: GatewayProcess,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Outcome> {
  const startedAt = Date.now();
  try {
    const { status, body } = await gateway.query(query, variables);
    const problem = status !== 200 || body.errors?.length ? `${status} ${body.errors?.[0]?.message}` : null;
    return { startedAt, endedAt: Date.now(), ok: problem === null, problem };
  } catch (error) {
    return { startedAt, endedAt: Date.now(), ok: false, problem: (error as Error).message };
  }
}

describe.skipIf(!HAS_REDIS_SERVER)('three gateway replicas on one Redis', { timeout: 120_000 }, () => {
  let redis: RedisServer;
  let sim: Simulator;
  let replicas: GatewayProcess[] = [];
  let logins: string[];
  const upstream = (exceptLog = true) =>
    sim.requestLog.filter((e) => !(exceptLog && e.path.startsWith('/api/v1/logs'))).length;
  const quiet = async () => {
    // The simulator has nothing in flight and nothing new for 300 ms.
    let seen = -1;
    await until('the simulator is quiet', async () => {
      const now = sim.requestLog.length;
      const settled = now === seen && sim.counters().inFlight === 0;
      seen = now;
      await sleep(300);
      return settled;
    });
  };

  beforeAll(async () => {
    redis = await startRedisServer({ password: PASSWORD });
    // One alone keeps to these limits (CAP in flight, and waits out 40 user reads a second);
    // three that each believe they own the org do not.
    sim = await startSimulator({
      latencyMs: 15,
      rateLimits: { concurrency: CAP, windowMs: 1_000, buckets: { user: 40, other: 150 } },
    });
    logins = sim.org.users.map((u) => u.profile.login).filter((login) => !login.startsWith('iam.'));
    const env = {
      OKTA_ORG_URL: sim.url,
      OKTA_API_TOKEN: sim.apiToken,
      REDIS_URL: redis.url,
      REPLICAS: '3',
      OKTA_MAX_CONCURRENCY: String(CAP),
      // A reserve of at least the in-flight cap: no first wave of requests can overshoot a window.
      OKTA_RATE_LIMIT_RESERVE_PERCENT: '20',
      CACHE_CATALOG_TTL_MS: String(TTL_MS),
      CACHE_ROLE_ASSIGNMENT_TTL_MS: String(TTL_MS),
      LOG_FOLLOWER_TTL_MS: String(TTL_MS),
      LOG_FOLLOWER_INTERVAL_MS: '600000',
      LOG_LEVEL: 'info',
    };
    replicas = await Promise.all([1, 2, 3].map(() => startGatewayProcess(env)));
    await until('every replica shares through Redis', async () =>
      (await Promise.all(replicas.map(readyz))).every((r) => r.sharedState?.state === 'CONNECTED'),
    );
    await quiet();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await sim?.close();
    await redis?.kill();
  });

  it('follows the System Log in one replica only', async () => {
    const states = await Promise.all(replicas.map(readyz));
    expect(states.filter((s) => s.sharedState?.logLeader === true)).toHaveLength(1);
    expect(states.map((s) => s.logFollower?.state).sort()).toEqual(['FOLLOWING', 'OFF', 'OFF']);
  });

  it('costs the upstream requests of one gateway for a cold catalog asked of all three at once', async () => {
    const one = createBenchGateway({ url: sim.url, apiToken: sim.apiToken }, { maxConcurrency: CAP });
    await quiet();
    sim.resetLog();
    await one.query(CATALOG);
    const alone = upstream();
    expect(alone).toBeGreaterThan(10);

    await quiet();
    sim.resetLog();
    const answers = await Promise.all(replicas.map((r) => r.query(CATALOG)));
    expect(answers.map((a) => a.body.errors)).toEqual([undefined, undefined, undefined]);
    expect(upstream()).toBe(alone);
    expect(answers[1]!.body.data).toEqual(answers[0]!.body.data);
  });

  it('answers the catalog from the other two with 0 upstream requests once the first has', async () => {
    await sleep(TTL_MS + 500);
    await quiet();
    sim.resetLog();
    const [first, ...others] = replicas;
    expect((await first!.query(CATALOG)).body.errors).toBeUndefined();
    expect(upstream()).toBeGreaterThan(10);
    sim.resetLog();
    for (const other of others) {
      const answer = await other.query(CATALOG);
      expect(answer.body.errors).toBeUndefined();
    }
    expect(sim.requestLog.map((e) => e.path)).toEqual([]);
  });

  it('causes no 429 under a load past the limits of any one alone, within the in-flight cap', async () => {
    await quiet();
    sim.resetLog();
    // 60 principals each, 12 at a time: 60 user reads a replica, past the 40 a second the org allows.
    const outcomes = await Promise.all(
      replicas.map(async (replica, r) => {
        const mine = logins.slice(r * 60, (r + 1) * 60);
        const results: Outcome[] = [];
        for (let i = 0; i < mine.length; i += 12) {
          results.push(
            ...(await Promise.all(mine.slice(i, i + 12).map((p) => ask(replica, READINESS, { p })))),
          );
        }
        return results;
      }),
    );
    expect(outcomes.flat().filter((o) => !o.ok)).toEqual([]);
    const counters = sim.counters();
    expect(counters.byStatus['429'] ?? 0).toBe(0);
    expect(counters.byBucket['user']).toBeGreaterThanOrEqual(180);
    expect(counters.inFlightPeak).toBeLessThanOrEqual(CAP);
  });

  it('keeps answering when Redis dies mid-run, says degraded, and shares again once Redis is back', async () => {
    await quiet();
    sim.resetLog();
    let next = 200;
    let stopAt = Number.POSITIVE_INFINITY;
    const outcomes: Outcome[] = [];
    const loops = replicas.flatMap((replica) =>
      [1, 2, 3].map(async () => {
        while (Date.now() < stopAt) {
          const p = logins[next++ % logins.length]!;
          outcomes.push(await ask(replica, next % 7 === 0 ? CATALOG : READINESS, { p }));
        }
      }),
    );
    await sleep(1_500);
    const killedAt = Date.now();
    await redis.kill();
    const inFlightAtKill = () =>
      outcomes.filter((o) => o.startedAt <= killedAt && o.endedAt >= killedAt).length;
    await until('every replica says degraded', async () =>
      (await Promise.all(replicas.map(readyz))).every((r) => r.degraded === true),
    );
    const states = await Promise.all(replicas.map(readyz));
    for (const state of states) {
      expect(state).toMatchObject({ status: 200, ready: true, degraded: true });
      expect(state.sharedState).toMatchObject({ state: 'DEGRADED', degraded: true, outages: 1 });
    }
    const metrics = await replicas[0]!.get('/metrics');
    expect(metrics.text).toMatch(/^okta_shared_state_up 0$/m);
    await sleep(1_500);
    stopAt = Date.now();
    await Promise.all(loops);

    const failed = outcomes.filter((o) => !o.ok);
    expect(outcomes.length).toBeGreaterThan(15);
    expect(failed.length).toBeLessThanOrEqual(inFlightAtKill());
    expect(failed).toEqual([]);
    // Alone, each kept to a third of the cap: together still under the org's limit.
    expect(sim.counters().byStatus['429'] ?? 0).toBe(0);
    expect(sim.counters().inFlightPeak).toBeLessThanOrEqual(CAP);

    await redis.start();
    await until('every replica shares again', async () =>
      (await Promise.all(replicas.map(readyz))).every((r) => r.sharedState?.state === 'CONNECTED'),
    );
    await quiet();
    sim.resetLog();
    const [first, ...others] = replicas;
    expect((await first!.query(CATALOG)).body.errors).toBeUndefined();
    expect(upstream()).toBeGreaterThan(10);
    sim.resetLog();
    for (const other of others) expect((await other.query(CATALOG)).body.errors).toBeUndefined();
    expect(upstream()).toBe(0);
  });

  it("never shows REDIS_URL's password in logs, /readyz, /metrics or a configuration error", async () => {
    for (const replica of replicas) {
      const [ready, metrics] = await Promise.all([replica.get('/readyz'), replica.get('/metrics')]);
      expect(ready.text).toContain(`redis://127.0.0.1:${redis.port}`);
      for (const text of [replica.output(), ready.text, metrics.text]) expect(text).not.toContain(PASSWORD);
    }
    expect(replicas.some((r) => /working alone/.test(r.output()))).toBe(true);
    expect(() => loadConfig({ REDIS_URL: `http://:${PASSWORD}@127.0.0.1:1` })).toThrow(
      'REDIS_URL: invalid value',
    );
    try {
      loadConfig({ REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:notaport` });
    } catch (error) {
      expect((error as Error).message).not.toContain(PASSWORD);
    }
  });
});
