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
  /** Most entries kept. Default 20000: an org's every role-assignee list, user and group of an admin sweep, with room (a few MB). */
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
  /**
   * While a System Log follower keeps the cache fresh (setFollowed(true)): the catalog,
   * role-assignment and principal TTL, in ms. Default 1 h. Grants keep grantTtlMs.
   */
  followedTtlMs?: number;
  /** Hit and miss counters (per cache kind). */
  metrics?: UpstreamMetrics;
  /** The clock entry ages are measured with, epoch ms. Default Date.now (a benchmark passes its own). */
  now?: () => number;
}

export type CacheKind = 'catalog' | 'roleAssignment' | 'principal' | 'grant';

/** One cached entry. */
export interface CacheEntryRef {
  kind: CacheKind;
  key: string;
}

/** One entry, or every entry of a kind whose key starts with `prefix`. */
export type CacheRef = CacheEntryRef | { kind: CacheKind; prefix: string };

const entry = (kind: CacheKind, key: string): CacheEntryRef => ({ kind, key });

/**
 * The key each cached read is stored under (createCachedDirectory), so that what a System Log
 * event touches can be named exactly (log-invalidation.ts).
 */
export const CACHE_KEYS = {
  org: entry('catalog', 'org'),
  me: entry('catalog', 'me'),
  app: (appId: string) => entry('catalog', `app:${appId}`),
  serviceApps: entry('catalog', 'serviceApps'),
  serviceApp: (clientId: string) => entry('catalog', `serviceApp:${clientId}`),
  everyServiceApp: { kind: 'catalog', prefix: 'serviceApp:' } as CacheRef,
  customRoles: entry('catalog', 'customRoles'),
  permissions: (roleId: string) => entry('catalog', `permissions:${roleId}`),
  resourceSets: entry('catalog', 'resourceSets'),
  resources: (resourceSetId: string) => entry('catalog', `resources:${resourceSetId}`),
  bindings: (resourceSetId: string) => entry('catalog', `bindings:${resourceSetId}`),
  userById: (userId: string) => entry('principal', `user:${userId}`),
  userByLogin: (login: string) => entry('principal', `login:${login.toLowerCase()}`),
  groupById: (groupId: string) => entry('principal', `group:${groupId}`),
  userRoles: (userId: string) => entry('roleAssignment', `user:${userId}`),
  everyUserRoles: { kind: 'roleAssignment', prefix: 'user:' } as CacheRef,
  roleAssignees: entry('roleAssignment', 'assignees'),
  adminGroups: entry('roleAssignment', 'adminGroups'),
  groupRoles: (groupId: string) => entry('roleAssignment', `group:${groupId}`),
  clientRoles: (clientId: string) => entry('roleAssignment', `client:${clientId}`),
  grants: (appId: string) => entry('grant', `grants:${appId}`),
  everyGrants: { kind: 'grant', prefix: 'grants:' } as CacheRef,
} as const;

export interface CatalogCacheStats {
  size: number;
  hits: number;
  misses: number;
}

export interface CatalogCache {
  /** The cached value of `key`, or the result of `load` (one load for concurrent misses). */
  fetch<T>(kind: CacheKind, key: string, load: () => Promise<T>): Promise<T>;
  /**
   * Drops the entries named, and keeps a load in flight for one of them from storing its answer
   * (it may have read Okta before the change). Returns how many stored entries were dropped.
   */
  invalidate(refs: readonly CacheRef[]): number;
  /**
   * With a System Log follower keeping the cache fresh, the long TTLs (followedTtlMs); without,
   * the short ones. Applies to the entries already stored, by their age.
   */
  setFollowed(followed: boolean): void;
  /** The TTL in force per kind, ms. */
  ttls(): Record<CacheKind, number>;
  clear(): void;
  stats(): CatalogCacheStats;
}

interface Pending {
  promise: Promise<unknown>;
  /** Set when the entry was invalidated while this load was in flight: its answer is not stored. */
  stale: boolean;
}

export function createCatalogCache(options: CatalogCacheOptions = {}): CatalogCache {
  const short: Record<CacheKind, number> = {
    catalog: options.catalogTtlMs ?? 5 * 60_000,
    roleAssignment: options.roleAssignmentTtlMs ?? 30_000,
    principal: options.roleAssignmentTtlMs ?? 30_000,
    grant: options.grantTtlMs ?? 60_000,
  };
  const followedTtl = options.followedTtlMs ?? 60 * 60_000;
  const followed: Record<CacheKind, number> = {
    catalog: followedTtl,
    roleAssignment: followedTtl,
    principal: followedTtl,
    grant: short.grant,
  };
  let ttl = short;
  const now = options.now ?? Date.now;
  // The LRU's own ttl only bounds memory; freshness is each entry's age against the TTL in force.
  const store = new LRUCache<string, { value: unknown; storedAt: number }>({
    max: options.max ?? 20_000,
    ttl: Math.max(...Object.values(short), ...Object.values(followed)),
  });
  const inflight = new Map<string, Pending>();
  let hits = 0;
  let misses = 0;
  // Bumped by clear() so a load that started before it does not repopulate the cache.
  let generation = 0;

  const matching = (ref: CacheRef): string[] => {
    if ('key' in ref) return [`${ref.kind}:${ref.key}`];
    const start = `${ref.kind}:${ref.prefix}`;
    return [...new Set([...store.keys(), ...inflight.keys()])].filter((k) => k.startsWith(start));
  };

  return {
    async fetch<T>(kind: CacheKind, key: string, load: () => Promise<T>): Promise<T> {
      const cacheKey = `${kind}:${key}`;
      const cached = store.get(cacheKey);
      const fresh = cached !== undefined && now() - cached.storedAt < ttl[kind];
      const pending = inflight.get(cacheKey);
      if (fresh || pending) {
        hits++;
        options.metrics?.cache(kind, true);
        return (fresh ? cached.value : await pending!.promise) as T;
      }
      misses++;
      options.metrics?.cache(kind, false);
      const started = generation;
      const mine: Pending = { promise: Promise.resolve(), stale: false };
      mine.promise = load().then((value) => {
        if (started === generation && !mine.stale) store.set(cacheKey, { value, storedAt: now() });
        return value;
      });
      inflight.set(cacheKey, mine);
      try {
        return (await mine.promise) as T;
      } finally {
        if (inflight.get(cacheKey) === mine) inflight.delete(cacheKey);
      }
    },
    invalidate(refs) {
      let dropped = 0;
      for (const ref of refs) {
        for (const cacheKey of matching(ref)) {
          if (store.delete(cacheKey)) dropped++;
          const pending = inflight.get(cacheKey);
          if (pending) {
            pending.stale = true;
            inflight.delete(cacheKey);
          }
        }
      }
      return dropped;
    },
    setFollowed(on) {
      ttl = on ? followed : short;
    },
    ttls: () => ({ ...ttl }),
    clear() {
      generation++;
      store.clear();
      inflight.clear();
    },
    stats: () => ({ size: store.size, hits, misses }),
  };
}

/**
 * Wraps a directory so its same-for-every-caller reads go through the shared cache. Per-caller
 * reads (users, groups, members, searches) pass straight through; loaders batch those.
 */
export function createCachedDirectory(directory: OktaDirectory, cache: CatalogCache): OktaDirectory {
  const d = directory;
  const K = CACHE_KEYS;
  const cached = <T>(ref: CacheEntryRef, load: () => Promise<T>) => cache.fetch(ref.kind, ref.key, load);
  return {
    ownClientId: d.ownClientId,
    getOrg: () => cached(K.org, () => d.getOrg()),
    getCurrentUser: () => cached(K.me, () => d.getCurrentUser()),
    getUsersByIds: (ids) => cachedBatch(cache, K.userById, ids, (missing) => d.getUsersByIds(missing)),
    getUserByLogin: (login) => cached(K.userByLogin(login), () => d.getUserByLogin(login)),
    listUsers: (search, page) => d.listUsers(search, page),
    listUserGroups: (userId) => d.listUserGroups(userId),
    listUserRoles: (userId) => cached(K.userRoles(userId), () => d.listUserRoles(userId)),
    listRoleAssigneeUserIds: (onPage) => cached(K.roleAssignees, () => d.listRoleAssigneeUserIds(onPage)),
    getGroupsByIds: (ids) => cachedBatch(cache, K.groupById, ids, (missing) => d.getGroupsByIds(missing)),
    listGroups: (search, page) => d.listGroups(search, page),
    listGroupMembers: (groupId, page) => d.listGroupMembers(groupId, page),
    listAdminGroupIds: () => cached(K.adminGroups, () => d.listAdminGroupIds()),
    listGroupRoles: (groupId) => cached(K.groupRoles(groupId), () => d.listGroupRoles(groupId)),
    getApp: (appId) => cached(K.app(appId), () => d.getApp(appId)),
    listAppGrants: (appId) => cached(K.grants(appId), () => d.listAppGrants(appId)),
    listServiceApps: () => cached(K.serviceApps, () => d.listServiceApps()),
    getServiceApp: (clientId) => cached(K.serviceApp(clientId), () => d.getServiceApp(clientId)),
    listClientRoles: (clientId) => cached(K.clientRoles(clientId), () => d.listClientRoles(clientId)),
    listCustomRoles: () => cached(K.customRoles, () => d.listCustomRoles()),
    listCustomRolePermissions: (roleId) =>
      cached(K.permissions(roleId), () => d.listCustomRolePermissions(roleId)),
    listResourceSets: () => cached(K.resourceSets, () => d.listResourceSets()),
    listResourceSetResources: (id) => cached(K.resources(id), () => d.listResourceSetResources(id)),
    listResourceSetBindings: (id) => cached(K.bindings(id), () => d.listResourceSetBindings(id)),
    listLogEvents: (query) => d.listLogEvents(query),
  };
}

/**
 * Records by id through the cache: hits come from it, and all misses of one call go upstream in
 * a single batch (the cache calls each miss's loader synchronously, so the batch sees them all).
 */
function cachedBatch<T>(
  cache: CatalogCache,
  refOf: (id: string) => CacheEntryRef,
  ids: readonly string[],
  fetchMany: (ids: readonly string[]) => Promise<(T | null)[]>,
): Promise<(T | null)[]> {
  const missing: string[] = [];
  let batch: Promise<(T | null)[]> | null = null;
  return Promise.all(
    ids.map((id) => {
      const ref = refOf(id);
      return cache.fetch(ref.kind, ref.key, () => {
        const index = missing.push(id) - 1;
        batch ??= Promise.resolve().then(() => fetchMany(missing));
        return batch.then((found) => found[index] ?? null);
      });
    }),
  );
}
