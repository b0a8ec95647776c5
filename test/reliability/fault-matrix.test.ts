import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { codesOf, type Harness, startHarness } from './harness.ts';

// Upstream: 400 ms per attempt, 2 retries, rate-limit waits capped at 600 ms (harness SHORT_CLIENT).
const BOUND_MS = 5_000;
const RULE_SET = { id: 'lumos-okta-2026-03-10' };
const USER_QUERY = `{ user(idOrLogin: "${DEMO_USERS.noRole.login}") { login groups { name } } lumosRuleSet { id } }`;
const ADMINS_QUERY = '{ admins { key kind } }';
const CATALOG_QUERY = '{ resourceSets { key label } lumosRuleSet { id } }';

interface FaultCase {
  case: string;
  faults: string;
  query: string;
  /** The code on the affected field. */
  code: string;
  /** Path of the affected field. */
  path: string[];
  /** Unaffected data that must still resolve, or null when the affected field is non-null at the root. */
  unaffected: Record<string, unknown> | null;
  /** A status the simulator must have answered at least once (0: dropped socket), or null. */
  upstreamStatus: string | null;
}

const FAULT_MATRIX: FaultCase[] = [
  {
    case: '429 with a reset beyond the wait cap',
    faults: '429:1@/api/v1/users*;resetSeconds=30',
    query: USER_QUERY,
    code: 'UPSTREAM_RATE_LIMITED',
    path: ['user'],
    unaffected: { lumosRuleSet: RULE_SET },
    upstreamStatus: '429',
  },
  {
    case: 'concurrency 429 with a far reset (300 s)',
    faults: 'concurrency429:1@/api/v1/users*;resetSeconds=300',
    query: USER_QUERY,
    code: 'UPSTREAM_RATE_LIMITED',
    path: ['user'],
    unaffected: { lumosRuleSet: RULE_SET },
    upstreamStatus: '429',
  },
  {
    case: '5xx burst (every attempt 503)',
    faults: '5xx:1@/api/v1/users*;status=503',
    query: USER_QUERY,
    code: 'UPSTREAM_UNAVAILABLE',
    path: ['user'],
    unaffected: { lumosRuleSet: RULE_SET },
    upstreamStatus: '503',
  },
  {
    case: 'slow responses past the timeout (latency 1500 ms)',
    faults: 'latency:1@/api/v1/users*;ms=1500',
    query: USER_QUERY,
    code: 'UPSTREAM_UNAVAILABLE',
    path: ['user'],
    unaffected: { lumosRuleSet: RULE_SET },
    upstreamStatus: '0',
  },
  {
    case: 'hanging request (timeout fault, 3 s)',
    faults: 'timeout:1@/api/v1/users*;ms=3000',
    query: USER_QUERY,
    code: 'UPSTREAM_UNAVAILABLE',
    path: ['user'],
    unaffected: { lumosRuleSet: RULE_SET },
    upstreamStatus: '0',
  },
  {
    case: 'connection reset',
    faults: 'reset:1@/api/v1/users*',
    query: USER_QUERY,
    code: 'UPSTREAM_UNAVAILABLE',
    path: ['user'],
    unaffected: { lumosRuleSet: RULE_SET },
    upstreamStatus: '0',
  },
  {
    case: 'malformed JSON',
    faults: 'malformed:1@/api/v1/users*',
    query: USER_QUERY,
    code: 'UPSTREAM_ERROR',
    path: ['user'],
    unaffected: { lumosRuleSet: RULE_SET },
    upstreamStatus: '200',
  },
  {
    case: 'paged list failing on its second page (5xx)',
    faults: '5xx:1@/api/v1/iam/assignees/users*;after=1',
    query: ADMINS_QUERY,
    code: 'UPSTREAM_UNAVAILABLE',
    path: ['admins'],
    unaffected: null,
    upstreamStatus: '503',
  },
  {
    case: 'paged list failing on its second page (malformed JSON)',
    faults: 'malformed:1@/api/v1/iam/assignees/users*;after=1',
    query: ADMINS_QUERY,
    code: 'UPSTREAM_ERROR',
    path: ['admins'],
    unaffected: null,
    upstreamStatus: null,
  },
  {
    case: 'cached catalog read failing (resource sets, 5xx)',
    faults: '5xx:1@/api/v1/iam/resource-sets*',
    query: CATALOG_QUERY,
    code: 'UPSTREAM_UNAVAILABLE',
    path: ['resourceSets'],
    unaffected: null,
    upstreamStatus: '503',
  },
  {
    case: 'cached catalog read failing (resource sets, malformed JSON)',
    faults: 'malformed:1@/api/v1/iam/resource-sets*',
    query: CATALOG_QUERY,
    code: 'UPSTREAM_ERROR',
    path: ['resourceSets'],
    unaffected: null,
    upstreamStatus: null,
  },
];

describe('the fault matrix', () => {
  let gw: Harness;
  const baseline = new Map<string, unknown>();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    gw = await startHarness();
    for (const query of new Set(FAULT_MATRIX.map((c) => c.query))) {
      const result = await gw.query(query);
      expect(result.errors).toBeUndefined();
      baseline.set(query, result.data);
    }
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await gw.close();
  });

  it.each(FAULT_MATRIX)('$case: $code within the bound, then a correct answer once it clears', async (c) => {
    // An empty cache, so the fault meets the upstream read instead of a cached success.
    gw.okta.cache.clear();
    gw.sim.resetLog();
    gw.sim.setFaults(c.faults);
    let faulted: Awaited<ReturnType<Harness['query']>>;
    try {
      faulted = await gw.query(c.query);
    } finally {
      gw.sim.setFaults([]);
    }
    expect(faulted.status).toBe(200);
    expect(faulted.ms).toBeLessThan(BOUND_MS);
    expect(codesOf(faulted)).toEqual([c.code]);
    expect(faulted.errors?.[0]?.path).toEqual(c.path);
    expect(faulted.text).not.toMatch(/\bat .*\.(ts|js):\d+|stack/);
    if (c.unaffected) expect(faulted.data).toEqual({ [c.path[0] as string]: null, ...c.unaffected });
    else expect(faulted.data).toBeNull();
    if (c.upstreamStatus) expect(gw.sim.counters().byStatus[c.upstreamStatus]).toBeGreaterThan(0);

    // No cache clearing here: a failure that was cached (catalog) or stuck to a loader key would show.
    const after = await gw.query(c.query);
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual(baseline.get(c.query));
    expect(unhandled).toEqual([]);
  });

  it('shares one failing catalog fetch among concurrent requests, caches nothing, and recovers', async () => {
    gw.okta.cache.clear();
    gw.sim.resetLog();
    gw.sim.setFaults('5xx:1@/api/v1/iam/resource-sets;status=502');
    let results: Awaited<ReturnType<Harness['query']>>[];
    try {
      results = await Promise.all(Array.from({ length: 8 }, () => gw.query(CATALOG_QUERY)));
    } finally {
      gw.sim.setFaults([]);
    }
    for (const r of results) {
      expect(codesOf(r)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(r.errors?.[0]?.extensions?.['upstreamStatus']).toBe(502);
      expect(r.ms).toBeLessThan(BOUND_MS);
    }
    // One fetch and its 2 retries, not 8 x 3.
    expect(gw.sim.requestLog.filter((e) => e.path.startsWith('/api/v1/iam/resource-sets')).length).toBe(3);
    expect((await gw.query(CATALOG_QUERY)).data).toEqual(baseline.get(CATALOG_QUERY));
  });

  it('answers a storm of concurrent requests under random 429s, each correct or RATE_LIMITED, in bounded time', async () => {
    gw.okta.cache.clear();
    gw.sim.setFaults('429:0.6@/api/v1/users*;resetSeconds=30,5xx:0.2@/api/v1/groups*');
    let results: Awaited<ReturnType<Harness['query']>>[];
    try {
      results = await Promise.all(Array.from({ length: 30 }, () => gw.query(USER_QUERY)));
    } finally {
      gw.sim.setFaults([]);
    }
    const expected = baseline.get(USER_QUERY);
    const codes = new Set<string>();
    for (const r of results) {
      expect(r.ms).toBeLessThan(BOUND_MS);
      expect((r.data as { lumosRuleSet: unknown }).lumosRuleSet).toEqual(RULE_SET);
      if (!r.errors) expect(r.data).toEqual(expected);
      for (const code of codesOf(r)) codes.add(code);
    }
    expect([...codes].every((code) => code.startsWith('UPSTREAM_'))).toBe(true);
    expect(codes.has('UPSTREAM_RATE_LIMITED')).toBe(true);
    expect((await gw.query(USER_QUERY)).data).toEqual(expected);
    expect(unhandled).toEqual([]);
  });
});
