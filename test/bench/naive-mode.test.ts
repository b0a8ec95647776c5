import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNaiveLoaders, createNaiveOktaDeps, createPassThroughCache } from '../../bench/naive.ts';
import type { UserRecord } from '../../src/iam/model.ts';
import { createCatalogCache } from '../../src/okta/cache.ts';
import type { OktaDirectory } from '../../src/okta/directory.ts';
import { createLoaders } from '../../src/okta/loaders.ts';
import { createOktaDeps } from '../../src/open-okta.ts';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { createGateway, GRAPHQL_PATH } from '../../src/yoga.ts';

const user = (id: string): UserRecord =>
  ({ id, login: `${id}@x.example`, status: 'ACTIVE', displayName: id }) as UserRecord;

function countingDirectory(calls: string[][]): OktaDirectory {
  return {
    getUsersByIds: async (ids: readonly string[]) => {
      calls.push([...ids]);
      return ids.map(user);
    },
  } as unknown as OktaDirectory;
}

describe('naive loaders', () => {
  it('batch users by id into one directory call by default', async () => {
    const calls: string[][] = [];
    const loaders = createLoaders(countingDirectory(calls));
    await Promise.all([loaders.userById.load('00u1'), loaders.userById.load('00u2')]);
    await loaders.userById.load('00u1');
    expect(calls).toEqual([['00u1', '00u2']]);
  });

  it('call the directory once per load in naive mode, repeated keys included', async () => {
    const calls: string[][] = [];
    const loaders = createNaiveLoaders(countingDirectory(calls));
    await Promise.all([loaders.userById.load('00u1'), loaders.userById.load('00u2')]);
    await loaders.userById.load('00u1');
    expect(calls).toEqual([['00u1'], ['00u2'], ['00u1']]);
  });
});

describe('pass-through cache', () => {
  it('loads every time, where the catalog cache loads once', async () => {
    let loads = 0;
    const load = async () => ++loads;
    const passThrough = createPassThroughCache();
    await passThrough.fetch('catalog', 'k', load);
    await passThrough.fetch('catalog', 'k', load);
    expect(loads).toBe(2);
    expect(passThrough.stats()).toEqual({ size: 0, hits: 0, misses: 2 });
    const cache = createCatalogCache();
    await cache.fetch('catalog', 'k', load);
    await cache.fetch('catalog', 'k', load);
    expect(loads).toBe(3);
  });
});

describe('naive mode through createNaiveOktaDeps', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: false });
  });
  afterAll(() => sim.close());

  async function upstreamOf(naive: boolean, query: string, times: number): Promise<number[]> {
    const options = { orgUrl: sim.url, credentials: { mode: 'apiToken', token: sim.apiToken } } as const;
    const okta = naive ? createNaiveOktaDeps(options) : createOktaDeps(options);
    const { yoga } = createGateway(okta.gatewayDeps);
    const counts: number[] = [];
    for (let i = 0; i < times; i++) {
      sim.resetLog();
      const res = await yoga.fetch(`http://gateway.test${GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { errors?: unknown };
      expect(body.errors).toBeUndefined();
      counts.push(sim.requestLog.length);
    }
    return counts;
  }

  const twice = `{
    a: lumosReadiness(principal: "lumos.custom@demo.example") { status }
    b: lumosReadiness(principal: "lumos.custom@demo.example") { status }
  }`;
  const once = '{ a: lumosReadiness(principal: "lumos.custom@demo.example") { status } }';

  it('pays again in full for a repeated field, where the default mode shares it', async () => {
    const [naiveOnce] = await upstreamOf(true, once, 1);
    const [naiveTwice] = await upstreamOf(true, twice, 1);
    const [sharedOnce] = await upstreamOf(false, once, 1);
    const [sharedTwice] = await upstreamOf(false, twice, 1);
    // Nothing is shared in naive mode, not even the per-request memo of catalog lists (ctx.once).
    expect(naiveTwice).toBe(2 * naiveOnce!);
    expect(sharedTwice).toBe(sharedOnce);
  });

  it('pays the same on a second request, where the default mode reads its cache', async () => {
    const [naiveCold, naiveWarm] = await upstreamOf(true, once, 2);
    const [cold, warm] = await upstreamOf(false, once, 2);
    expect(naiveWarm).toBe(naiveCold);
    expect(warm).toBeLessThan(cold!);
  });
});
