/**
 * The catalog cache, shared across GraphQL requests: reads that are the same for every caller
 * (custom roles, resource sets, grants, role assignments, users and groups by id or login, the
 * org, service apps). Always bounded
 * (max entries and a ttl on every entry); concurrent misses for one key share one upstream fetch.
 * Cached values are shared between requests: treat them as read-only.
 */
import { LRUCache } from 'lru-cache';
import type { OktaDirectory } from './directory.ts';
import type { UpstreamMetrics } from './metrics.ts';

export interface CatalogCacheOptions {
  /** Most entries kept. Default 2000. */
  max?: number;
  /** Custom roles and permissions, resource sets, org info, service apps; in ms. Default 5 min. */
  catalogTtlMs?: number;
  /**
   * Role assignments of a principal, the list of role assignees, and users and groups by id or
   * login (who a name is changes as rarely as what it holds); in ms. Default 30 s.
   */
  roleAssignmentTtlMs?: number;
  /** An app's scope grants; in ms. Default 60 s. */
  grantTtlMs?: number;
  /** Hit and miss counters (per cache kind). */
  metrics?: UpstreamMetrics;
}

export type CacheKind = 'catalog' | 'roleAssignment' | 'principal' | 'grant';

export interface CatalogCacheStats {
  size: number;
  hits: number;
  misses: number;
}

export interface CatalogCache {
  /** The cached value of `key`, or the result of `load` (one load for concurrent misses). */
  fetch<T>(kind: CacheKind, key: string, load: () => Promise<T>): Promise<T>;
  clear(): void;
  stats(): CatalogCacheStats;
}

export function createCatalogCache(options: CatalogCacheOptions = {}): CatalogCache {
  const ttl: Record<CacheKind, number> = {
    catalog: options.catalogTtlMs ?? 5 * 60_000,
    roleAssignment: options.roleAssignmentTtlMs ?? 30_000,
    principal: options.roleAssignmentTtlMs ?? 30_000,
    grant: options.grantTtlMs ?? 60_000,
  };
  const store = new LRUCache<string, { value: unknown }>({
    max: options.max ?? 2000,
    ttl: Math.max(...Object.values(ttl)),
  });
  const inflight = new Map<string, Promise<unknown>>();
  let hits = 0;
  let misses = 0;
  // Bumped by clear() so a load that started before it does not repopulate the cache.
  let generation = 0;

  return {
    async fetch<T>(kind: CacheKind, key: string, load: () => Promise<T>): Promise<T> {
      const cacheKey = `${kind}:${key}`;
      const cached = store.get(cacheKey);
      const pending = inflight.get(cacheKey);
      if (cached || pending) {
        hits++;
        options.metrics?.cache(kind, true);
        return (cached ? cached.value : await pending) as T;
      }
      misses++;
      options.metrics?.cache(kind, false);
      const started = generation;
      const promise = load().then((value) => {
        if (started === generation) store.set(cacheKey, { value }, { ttl: ttl[kind] });
        return value;
      });
      inflight.set(cacheKey, promise);
      try {
        return await promise;
      } finally {
        inflight.delete(cacheKey);
      }
    },
    clear() {
      generation++;
      store.clear();
      inflight.clear();
    },
    stats: () => ({ size: store.size, hits, misses }),
  };
}

/**
 * A cache that keeps nothing and shares nothing: every fetch calls its loader. Naive mode's
 * stand-in for the catalog cache (a benchmark baseline), so the cost of caching can be measured.
 */
export function createPassThroughCache(metrics?: UpstreamMetrics): CatalogCache {
  let misses = 0;
  return {
    fetch<T>(kind: CacheKind, _key: string, load: () => Promise<T>): Promise<T> {
      misses++;
      metrics?.cache(kind, false);
      return load();
    },
    clear() {},
    stats: () => ({ size: 0, hits: 0, misses }),
  };
}

/**
 * Wraps a directory so its same-for-every-caller reads go through the shared cache. Per-caller
 * reads (users, groups, members, searches) pass straight through; loaders batch those.
 */
export function createCachedDirectory(directory: OktaDirectory, cache: CatalogCache): OktaDirectory {
  const d = directory;
  return {
    ownClientId: d.ownClientId,
    getOrg: () => cache.fetch('catalog', 'org', () => d.getOrg()),
    getCurrentUser: () => cache.fetch('catalog', 'me', () => d.getCurrentUser()),
    getUsersByIds: (ids) => cachedBatch(cache, 'user', ids, (missing) => d.getUsersByIds(missing)),
    getUserByLogin: (login) =>
      cache.fetch('principal', `login:${login.toLowerCase()}`, () => d.getUserByLogin(login)),
    listUsers: (search, page) => d.listUsers(search, page),
    listUserGroups: (userId) => d.listUserGroups(userId),
    listUserRoles: (userId) => cache.fetch('roleAssignment', `user:${userId}`, () => d.listUserRoles(userId)),
    listRoleAssigneeUserIds: (onPage) =>
      cache.fetch('roleAssignment', 'assignees', () => d.listRoleAssigneeUserIds(onPage)),
    getGroupsByIds: (ids) => cachedBatch(cache, 'group', ids, (missing) => d.getGroupsByIds(missing)),
    listGroups: (search, page) => d.listGroups(search, page),
    listGroupMembers: (groupId, page) => d.listGroupMembers(groupId, page),
    listAdminGroupIds: () => cache.fetch('roleAssignment', 'adminGroups', () => d.listAdminGroupIds()),
    listGroupRoles: (groupId) =>
      cache.fetch('roleAssignment', `group:${groupId}`, () => d.listGroupRoles(groupId)),
    getApp: (appId) => cache.fetch('catalog', `app:${appId}`, () => d.getApp(appId)),
    listAppGrants: (appId) => cache.fetch('grant', `grants:${appId}`, () => d.listAppGrants(appId)),
    listServiceApps: () => cache.fetch('catalog', 'serviceApps', () => d.listServiceApps()),
    getServiceApp: (clientId) =>
      cache.fetch('catalog', `serviceApp:${clientId}`, () => d.getServiceApp(clientId)),
    listClientRoles: (clientId) =>
      cache.fetch('roleAssignment', `client:${clientId}`, () => d.listClientRoles(clientId)),
    listCustomRoles: () => cache.fetch('catalog', 'customRoles', () => d.listCustomRoles()),
    listCustomRolePermissions: (roleId) =>
      cache.fetch('catalog', `permissions:${roleId}`, () => d.listCustomRolePermissions(roleId)),
    listResourceSets: () => cache.fetch('catalog', 'resourceSets', () => d.listResourceSets()),
    listResourceSetResources: (id) =>
      cache.fetch('catalog', `resources:${id}`, () => d.listResourceSetResources(id)),
    listResourceSetBindings: (id) =>
      cache.fetch('catalog', `bindings:${id}`, () => d.listResourceSetBindings(id)),
  };
}

/**
 * Records by id through the cache: hits come from it, and all misses of one call go upstream in
 * a single batch (the cache calls each miss's loader synchronously, so the batch sees them all).
 */
function cachedBatch<T>(
  cache: CatalogCache,
  prefix: string,
  ids: readonly string[],
  fetchMany: (ids: readonly string[]) => Promise<(T | null)[]>,
): Promise<(T | null)[]> {
  const missing: string[] = [];
  let batch: Promise<(T | null)[]> | null = null;
  return Promise.all(
    ids.map((id) =>
      cache.fetch('principal', `${prefix}:${id}`, () => {
        const index = missing.push(id) - 1;
        batch ??= Promise.resolve().then(() => fetchMany(missing));
        return batch.then((found) => found[index] ?? null);
      }),
    ),
  );
}
