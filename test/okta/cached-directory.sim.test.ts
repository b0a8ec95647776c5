/**
 * The cached directory against the simulator: what clear() drops, and how users by id are read
 * through the cache (cachedBatch: hits from it, the misses of one call in one upstream search).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCachedDirectory, createCatalogCache } from '../../src/okta/cache.ts';
import type { OktaDirectory } from '../../src/okta/directory.ts';
import { createOktaDirectory } from '../../src/okta/okta-directory.ts';
import { type DemoPrincipalIds, demoPrincipalIds } from '../../src/sim/generate.ts';
import { type RequestLogEntry, type Simulator, startSimulator } from '../../src/sim/index.ts';
import { apiTokenAccess, measured, pathsOf } from './sim-harness.ts';

let sim: Simulator;
let ids: DemoPrincipalIds;
/** Shares no read of role targets, so every request a cached read saves is the cache's doing. */
let directory: OktaDirectory;
let userIds: string[];

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false });
  ids = demoPrincipalIds(sim.org);
  directory = createOktaDirectory(apiTokenAccess(sim).client, { targetReadTtlMs: 0 });
  userIds = sim.org.users.slice(0, 6).map((u) => u.id);
});
afterAll(async () => {
  await sim?.close();
});

/** The ids a `search=id eq "a" or ...` request asked for, in order. */
function searchedIds(entry: RequestLogEntry): string[] {
  const search = new URL(entry.path, 'http://sim').searchParams.get('search') ?? '';
  return [...search.matchAll(/id eq "([^"]+)"/g)].map((m) => m[1]!);
}

describe('clearing the cache under a cached directory', () => {
  it('drops what every kind of read stored, so the next read of each goes upstream again', async () => {
    const cache = createCatalogCache();
    const cached = createCachedDirectory(directory, cache);
    const read = () =>
      Promise.all([
        cached.listCustomRoles(),
        cached.listUserRoles(ids.users.lumosTargeted),
        cached.getUsersByIds([userIds[0]!]),
        cached.listAppGrants(ids.serviceApps.full),
      ]);
    const cold = await measured(sim, read);
    expect(cold.log.length).toBeGreaterThanOrEqual(4);
    expect(cache.stats().size).toBe(4);
    expect((await measured(sim, read)).log).toEqual([]);

    cache.clear();
    expect(cache.stats().size).toBe(0);
    const again = await measured(sim, read);
    expect(again.result).toEqual(cold.result);
    expect(pathsOf(again.log).sort()).toEqual(pathsOf(cold.log).sort());
    expect(cache.stats().size).toBe(4);
  });
});

describe('users by id through the cache', () => {
  it('reads the misses of one call in a single search that names each id once, answering in the order asked', async () => {
    const cached = createCachedDirectory(directory, createCatalogCache());
    const [a, b, c] = userIds as [string, string, string];
    const { result, log } = await measured(sim, () => cached.getUsersByIds([a, b, a, c, b]));
    expect(result.map((u) => u?.id)).toEqual([a, b, a, c, b]);
    expect(log).toHaveLength(1);
    expect(searchedIds(log[0]!)).toEqual([a, b, c]);
  });

  it('reads only the ids it has not cached, and nothing once all are', async () => {
    const cached = createCachedDirectory(directory, createCatalogCache());
    const [a, b, c, d] = userIds as [string, string, string, string];
    await cached.getUsersByIds([a, b]);
    const partial = await measured(sim, () => cached.getUsersByIds([c, a, d, b]));
    expect(partial.result.map((u) => u?.id)).toEqual([c, a, d, b]);
    expect(partial.log).toHaveLength(1);
    expect(searchedIds(partial.log[0]!)).toEqual([c, d]);

    const warm = await measured(sim, () => cached.getUsersByIds([d, c, b, a]));
    expect(warm.result.map((u) => u?.id)).toEqual([d, c, b, a]);
    expect(warm.log).toEqual([]);
  });

  it('shares a miss in flight with a concurrent call, which searches only for what it adds', async () => {
    const cached = createCachedDirectory(directory, createCatalogCache());
    const [a, b, c] = userIds as [string, string, string];
    const { result, log } = await measured(sim, () =>
      Promise.all([cached.getUsersByIds([a, b]), cached.getUsersByIds([b, c])]),
    );
    expect(result.map((users) => users.map((u) => u?.id))).toEqual([
      [a, b],
      [b, c],
    ]);
    expect(log.map(searchedIds).sort()).toEqual([[a, b], [c]].sort());
  });

  it('remembers an id Okta does not know as null, and does not ask for it again', async () => {
    const cached = createCachedDirectory(directory, createCatalogCache());
    const unknown = '00uUNKNOWN0000000000';
    const [a] = userIds as [string];
    const cold = await measured(sim, () => cached.getUsersByIds([unknown, a]));
    expect(cold.result.map((u) => u?.id ?? null)).toEqual([null, a]);
    // The search, then a read by id of the id it did not return (search is eventually consistent).
    expect(cold.log.map((e) => `${e.status} ${e.path.split('?')[0]}`)).toEqual([
      '200 /api/v1/users',
      `404 /api/v1/users/${unknown}`,
    ]);
    const warm = await measured(sim, () => cached.getUsersByIds([a, unknown]));
    expect(warm.result.map((u) => u?.id ?? null)).toEqual([a, null]);
    expect(warm.log).toEqual([]);
  });
});
