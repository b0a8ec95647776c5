/** The orgs the benchmarks run on, and simulator settings for them. */
import { generateDemoOrg } from '../src/sim/generate.ts';
import type { BucketName, RateLimitOptions } from '../src/sim/index.ts';
import { OKTA_WORKFORCE_LIMITS } from '../src/sim/index.ts';
import type { OrgSnapshot } from '../src/sim/snapshot-format.ts';

/** 100,000 users, 5,000 groups, 1,000 apps, 100 service apps, 50 custom roles, 50 resource sets. */
export const LARGE_ORG_OPTIONS = {
  users: 100_000,
  groups: 5000,
  apps: 1000,
  serviceApps: 100,
  customRoles: 50,
  resourceSets: 50,
  admins: 500,
} as const;

export type OrgName = 'demo' | 'large';

export function buildOrg(name: OrgName): OrgSnapshot {
  return name === 'demo' ? generateDemoOrg() : generateDemoOrg(LARGE_ORG_OPTIONS);
}

/**
 * Limits that never bite, for counting runs. (Turning limits off still sends X-Rate-Limit-*
 * headers counting down, which the gateway honours, so a large count run would stop at a bucket.)
 */
export const UNLIMITED: Partial<RateLimitOptions> = {
  concurrency: 1_000_000,
  buckets: Object.fromEntries(Object.keys(OKTA_WORKFORCE_LIMITS).map((b) => [b, 1e12])) as Record<
    BucketName,
    number
  >,
};

/** Simulated Okta latency of the wall-time runs, ms per request. */
export const LATENCY_MS = 50;
/** The gateway's default cap on Okta requests in flight (src/okta/executor.ts). */
export const GATEWAY_CONCURRENCY = 20;
