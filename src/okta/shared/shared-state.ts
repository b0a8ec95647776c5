/**
 * What replicas share through Redis (REDIS_URL), in one place: the Okta budget (shared-budget.ts),
 * the cache tier behind each replica's LRU (shared-cache.ts), leader leases (leader-lease.ts), and
 * the link's state for /readyz and /metrics. Without REDIS_URL none of this is built.
 */
import type { CatalogCache } from '../cache.ts';
import type { OktaCredentials } from '../client.ts';
import type { UpstreamMetrics } from '../metrics.ts';
import type { RateBudget } from '../rate-budget.ts';
import { sharedKeys } from './keys.ts';
import { type LeaderLease, type LeaderLeaseOptions, startLeaderLease } from './leader-lease.ts';
import { openRedisLink, type SharedLinkStatus } from './redis-link.ts';
import { createSharedBudget } from './shared-budget.ts';
import { createSharedCatalogCache, type SharedCacheOptions } from './shared-cache.ts';

export interface SharedStateOptions {
  /** REDIS_URL (may carry a password: never shown). */
  redisUrl: string;
  /** REPLICAS: how many replicas share the org's budget; alone (Redis down) each keeps 1/replicas. */
  replicas: number;
  orgUrl: string;
  credentials: OktaCredentials;
  /** OKTA_MAX_CONCURRENCY: the org-wide cap across replicas. */
  maxConcurrency: number;
  /** The Okta client's per-attempt timeout, ms: in-flight leases outlive it. */
  requestTimeoutMs: number;
  /** Share of each rate-limit window left to the org's other integrations, 0..0.5. */
  rateLimitReserve: number;
  /** Redis command timeout, ms. Default 1000. */
  commandTimeoutMs?: number;
  /**
   * Cache-tier tuning: how long the System Log follower's word lasts (a few of its intervals), and
   * lock ttl, waits and the value size bound (defaults in shared-cache.ts).
   */
  cache?: Pick<
    SharedCacheOptions,
    'lockTtlMs' | 'maxLockWaitMs' | 'maxValueBytes' | 'followedTtlMs' | 'followedCheckMs'
  >;
  /** Told of every change of the link's state (the server logs it). */
  onStateChange?: (status: SharedStatus) => void;
}

/** What /readyz and /metrics show. */
export interface SharedStatus extends SharedLinkStatus {
  /** DEGRADED, CONNECTING and CLOSED mean this replica works alone: its own cache, its share of the budget. */
  degraded: boolean;
  replicas: number;
  /** Whether this replica holds the System Log lease (null: no lease asked for). */
  logLeader: boolean | null;
}

export interface SharedState {
  readonly budget: RateBudget;
  /** The Redis tier behind a replica's own cache; the returned cache is the one to use. */
  shareCache(local: CatalogCache, metrics?: UpstreamMetrics): CatalogCache;
  /** Holds the lease `name` while it can; `onLead` and `onFollow` tell when that changes. */
  lead(name: string, handlers: LeaderLeaseOptions): LeaderLease;
  status(): SharedStatus;
  close(): Promise<void>;
}

export function openSharedState(options: SharedStateOptions): SharedState {
  const keys = sharedKeys(options.orgUrl, options.credentials);
  const leases: LeaderLease[] = [];
  const caches: { close(): void }[] = [];
  const link = openRedisLink({
    url: options.redisUrl,
    ...(options.commandTimeoutMs !== undefined && { commandTimeoutMs: options.commandTimeoutMs }),
    onStateChange: () => options.onStateChange?.(status()),
  });
  function status(): SharedStatus {
    const s = link.status();
    return {
      ...s,
      degraded: s.state !== 'CONNECTED',
      replicas: options.replicas,
      logLeader: leases.length > 0 ? leases.some((lease) => lease.isLeader()) : null,
    };
  }
  const budget = createSharedBudget({
    link,
    keys,
    maxConcurrency: options.maxConcurrency,
    reserve: options.rateLimitReserve,
    replicas: options.replicas,
    slotLeaseMs: options.requestTimeoutMs + 5_000,
  });
  return {
    budget,
    shareCache(local, metrics) {
      const cache = createSharedCatalogCache({
        local,
        link,
        keys,
        ...options.cache,
        ...(metrics && { metrics }),
      });
      caches.push(cache);
      return cache;
    },
    lead(name, handlers) {
      const lease = startLeaderLease(link, keys.lease(name), handlers);
      leases.push(lease);
      return lease;
    },
    status,
    async close() {
      await Promise.all(leases.map((lease) => lease.stop()));
      for (const cache of caches) cache.close();
      await link.close();
    },
  };
}
