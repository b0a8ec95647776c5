/**
 * Naive mode, the benchmarks' baseline: what a field-per-call gateway pays. The same client and
 * schema as the gateway's, but loaders that neither batch nor remember, no per-request memo of
 * catalog lists, a cache that keeps nothing, and a directory that shares no read of targets.
 * Only the benchmarks build it; the gateway itself has no naive mode.
 */
import DataLoader from 'dataloader';
import type { Once } from '../src/context.ts';
import { type CacheKind, type CatalogCache, createCachedDirectory } from '../src/okta/cache.ts';
import type { OktaDirectory } from '../src/okta/directory.ts';
import type { Loaders } from '../src/okta/loaders.ts';
import type { UpstreamMetrics } from '../src/okta/metrics.ts';
import { createOktaDirectory } from '../src/okta/okta-directory.ts';
import { createOktaDeps, type OktaDeps, type OktaDepsOptions } from '../src/open-okta.ts';

/** A loader whose every load is its own directory call: no batch, no memo, not even of a repeated key. */
function eachLoad<V>(load: (key: string) => Promise<V>): DataLoader<string, V> {
  return new DataLoader<string, V>(async (keys) => [await load(keys[0]!)], { batch: false, cache: false });
}

const first = async <T>(records: Promise<(T | null)[]>): Promise<T | null> => (await records)[0] ?? null;

/** The gateway's loaders, naively: every field that needs a record pays its own upstream call. */
export function createNaiveLoaders(d: OktaDirectory): Loaders {
  return {
    userById: eachLoad((id) => first(d.getUsersByIds([id]))),
    userByLogin: eachLoad((login) => d.getUserByLogin(login)),
    groupById: eachLoad((id) => first(d.getGroupsByIds([id]))),
    appById: eachLoad((id) => d.getApp(id)),
    serviceAppByClientId: eachLoad((id) => d.getServiceApp(id)),
    userRoles: eachLoad((id) => d.listUserRoles(id)),
    groupRoles: eachLoad((id) => d.listGroupRoles(id)),
    clientRoles: eachLoad((id) => d.listClientRoles(id)),
    userGroups: eachLoad((id) => d.listUserGroups(id)),
    appGrants: eachLoad((id) => d.listAppGrants(id)),
    customRolePermissions: eachLoad((id) => d.listCustomRolePermissions(id)),
    resourceSetResources: eachLoad((id) => d.listResourceSetResources(id)),
    resourceSetBindings: eachLoad((id) => d.listResourceSetBindings(id)),
  };
}

/** A cache that keeps nothing and shares nothing: every fetch calls its loader (counted as a miss). */
export function createPassThroughCache(metrics?: UpstreamMetrics): CatalogCache {
  let misses = 0;
  return {
    fetch<T>(kind: CacheKind, _key: string, load: () => Promise<T>): Promise<T> {
      misses++;
      metrics?.cache(kind, false);
      return load();
    },
    invalidate: () => 0,
    setFollowed() {},
    ttls: () => ({ catalog: 0, roleAssignment: 0, principal: 0, grant: 0 }),
    clear() {},
    stats: () => ({ size: 0, hits: 0, misses }),
  };
}

/** A request's `once` that shares nothing: every call runs its load. */
const noMemo = (): Once => (_key, load) => load();

/**
 * createOktaDeps's client and access check, with the naive directory, cache and loaders in place
 * of the gateway's (the catalog cache createOktaDeps also builds is never read). No shared state:
 * a naive gateway shares nothing with other replicas either.
 */
export function createNaiveOktaDeps(options: Omit<OktaDepsOptions, 'shared'>): OktaDeps {
  const okta = createOktaDeps(options);
  const cache = createPassThroughCache(options.metrics);
  const raw = createOktaDirectory(okta.client, { targetReadTtlMs: 0 });
  return {
    ...okta,
    cache,
    gatewayDeps: {
      ...okta.gatewayDeps,
      directory: createCachedDirectory(raw, cache),
      createLoaders: createNaiveLoaders,
      createOnce: noMemo,
    },
  };
}
