/**
 * The server's side of running as one of several replicas (REDIS_URL): opens the shared state
 * (src/okta/shared), logs its changes, follows the System Log only while this replica holds the
 * lease, and shows the state in /readyz and /metrics. Secrets never pass through here: the shared
 * state describes Redis without its credentials.
 */
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { GatewayConfig } from '../config.ts';
import type { OktaCredentials } from '../okta/client.ts';
import type { LogFollower } from '../okta/log-follower.ts';
import type { SharedState, SharedStatus } from '../okta/shared/shared-state.ts';

/** What /readyz shows of the shared state. */
export interface SharedReadiness {
  state: SharedStatus['state'];
  /** True while this replica works alone: its own cache, its share of the Okta budget. */
  degraded: boolean;
  problem: string | null;
  /** Redis without credentials: `redis://10.0.0.5:6379`. */
  redis: string;
  /** ISO 8601. */
  since: string;
  replicas: number;
  outages: number;
  /** Whether this replica follows the System Log for all (null: the follower is off). */
  logLeader: boolean | null;
}

export function sharedReadiness(shared: SharedState): SharedReadiness {
  const s = shared.status();
  return {
    state: s.state,
    degraded: s.degraded,
    problem: s.problem,
    redis: s.redis,
    since: new Date(s.since).toISOString(),
    replicas: s.replicas,
    outages: s.outages,
    logLeader: s.logLeader,
  };
}

/**
 * Opens the shared state when REDIS_URL is set; it connects (and reconnects) in the background.
 * Redis's client is loaded only then: a single gateway does not pay for it at start.
 */
export async function openReplicaSharing(
  config: GatewayConfig,
  okta: { orgUrl: string; credentials: OktaCredentials },
  logger: Logger,
): Promise<SharedState | null> {
  if (!config.redis) return null;
  const { replicas } = config.redis;
  const { openSharedState } = await import('../okta/shared/shared-state.ts');
  return openSharedState({
    redisUrl: config.redis.url,
    replicas,
    orgUrl: okta.orgUrl,
    credentials: okta.credentials,
    maxConcurrency: config.oktaMaxConcurrency,
    requestTimeoutMs: config.oktaClient.requestTimeoutMs,
    rateLimitReserve: config.oktaClient.rateLimitReserve,
    // The follower renews its word every poll: it lasts three polls.
    cache: { followedTtlMs: 3 * config.logFollower.intervalMs + 5_000 },
    onStateChange(status) {
      if (status.state === 'CONNECTED') {
        logger.info(`sharing the cache and the Okta budget with the other replicas through ${status.redis}`);
      } else if (status.state === 'DEGRADED') {
        logger.warn(
          `cannot use Redis at ${status.redis} (${status.problem}): working alone (own cache, 1/${replicas} of ` +
            'the Okta budget) and reconnecting',
        );
      }
    },
  });
}

export interface LogFollowing {
  /** The follower running in this replica, if any. */
  current(): LogFollower | null;
  start(): void;
  stop(): void;
}

/**
 * Follows the System Log in this replica, or, beside other replicas, only while this one holds the
 * `log-follower` lease: a new follower each time it takes the lease (it reads from a minute back, so
 * a change made while the lease moved is not missed).
 */
export function followLogWhenLeader(create: () => LogFollower, shared: SharedState | null): LogFollowing {
  let follower: LogFollower | null = null;
  const begin = () => {
    follower ??= create();
    follower.start();
  };
  const end = () => {
    follower?.stop();
    follower = null;
  };
  return {
    current: () => follower,
    start() {
      if (!shared) return begin();
      shared.lead('log-follower', { onLead: begin, onFollow: end });
    },
    stop: end,
  };
}

/** okta_shared_state_up, okta_shared_state_outages and okta_log_follower_leader, read at scrape time. */
export function registerSharedMetrics(registry: Registry, shared: SharedState): void {
  new Gauge({
    name: 'okta_shared_state_up',
    help: 'Replicas: 1 while this one shares the cache and the Okta budget through Redis, 0 while it works alone (degraded).',
    registers: [registry],
    collect() {
      this.set(shared.status().degraded ? 0 : 1);
    },
  });
  new Gauge({
    name: 'okta_shared_state_outages',
    help: 'Times this replica lost Redis since it started.',
    registers: [registry],
    collect() {
      this.set(shared.status().outages);
    },
  });
  new Gauge({
    name: 'okta_log_follower_leader',
    help: 'Replicas: 1 while this one holds the lease to follow the System Log for all.',
    registers: [registry],
    collect() {
      this.set(shared.status().logLeader ? 1 : 0);
    },
  });
}
