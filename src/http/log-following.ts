/**
 * The server's System Log follower (src/okta/log-follower.ts) wired to the Okta client, the
 * shared cache, the metrics and the log; and what /readyz says about it.
 */
import type { Logger } from 'pino';
import type { LogFollowerConfig } from '../config.ts';
import { createLogFollower, type LogFollower, type LogFollowerStatus } from '../okta/log-follower.ts';
import { describeNeeds, oktaRead } from '../okta/reads.ts';
import { readLogPage } from '../okta/system-log.ts';
import type { OktaDeps } from '../open-okta.ts';
import type { GatewayMetrics } from './metrics.ts';

/** What /readyz shows of the follower. */
export interface LogFollowerReadiness {
  state: LogFollowerStatus['state'] | 'OFF';
  problem: string | null;
  /** ISO 8601; null before the first read to the end. */
  lastReadAt: string | null;
  intervalMs: number | null;
  /** The cache TTLs in force, ms: long while the log is followed, short otherwise. */
  cacheTtlMs: { catalog: number; roleAssignment: number; grant: number };
}

function ttlsOf(okta: OktaDeps): LogFollowerReadiness['cacheTtlMs'] {
  const { catalog, roleAssignment, grant } = okta.cache.ttls();
  return { catalog, roleAssignment, grant };
}

export function logFollowerReadiness(okta: OktaDeps, follower: LogFollower | null): LogFollowerReadiness {
  if (!follower) {
    return { state: 'OFF', problem: null, lastReadAt: null, intervalMs: null, cacheTtlMs: ttlsOf(okta) };
  }
  const status = follower.status();
  return {
    state: status.state,
    problem: status.problem,
    lastReadAt: status.lastReadAt === null ? null : new Date(status.lastReadAt).toISOString(),
    intervalMs: status.intervalMs,
    cacheTtlMs: ttlsOf(okta),
  };
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Failures the server's access check logs at start (start.ts): the follower does not repeat them as warnings. */
const ACCESS_CHECK_TELLS = new Set([
  'UPSTREAM_FORBIDDEN',
  'UPSTREAM_UNAUTHENTICATED',
  'UPSTREAM_UNAVAILABLE',
]);

/** Builds the follower (not started): it reads through the client, asks group roles through the cache. */
export function createServerLogFollower(
  okta: OktaDeps,
  settings: LogFollowerConfig,
  logger: Logger,
  metrics: GatewayMetrics,
): LogFollower {
  const read = oktaRead('SYSTEM_LOG');
  return createLogFollower({
    readPage: (url) => readLogPage(okta.client.getJson, url),
    cache: okta.cache,
    groupHoldsRoles: async (groupId) => (await okta.gatewayDeps.directory.listGroupRoles(groupId)).length > 0,
    intervalMs: settings.intervalMs,
    metrics: metrics.logFollower,
    onChange(status, previous) {
      const ttls = okta.cache.ttls();
      if (status.state === 'FAILING') {
        const needs = describeNeeds({ scopes: [read.scope], adminRoles: [...read.adminRoles] });
        const line =
          `cannot read ${read.label} (${status.problem}; needs ${needs}): the cache keeps its short TTLs ` +
          `(catalog ${seconds(ttls.catalog)}, role assignments ${seconds(ttls.roleAssignment)}) until it can`;
        // At start, a refused, rejected or unreachable read is the access check's warning already.
        const told = previous.state === 'STARTING' && ACCESS_CHECK_TELLS.has(status.problemCode ?? '');
        if (told) logger.info(line);
        else logger.warn(line);
      } else if (status.state === 'FOLLOWING' && previous.state !== 'FOLLOWING') {
        logger.info(
          `following ${read.label} every ${seconds(settings.intervalMs)}: cache TTLs ` +
            `${seconds(ttls.catalog)} (catalog), ${seconds(ttls.roleAssignment)} (role assignments)`,
        );
      } else if (status.state === 'CATCHING_UP') {
        logger.warn(
          `${read.label} has more new events than one poll reads: short cache TTLs until caught up`,
        );
      }
    },
  });
}
