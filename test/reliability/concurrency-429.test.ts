import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { type Harness, startHarness } from './harness.ts';

// Okta's concurrency 429 (X-Rate-Limit-Limit 0, an estimated reset 60 s away) clears as soon as
// one of the org's requests in flight finishes: the gateway retries after short pauses instead.
const FAULTS = 'concurrency429:0.3;resetSeconds=60';
const BOUND_MS = 5_000;

const QUERIES = {
  admins: '{ admins { key kind roleAssignments { role { key } targets } } }',
  readiness: `{
    a: lumosReadiness(principal: "${DEMO_USERS.superDirect.login}") { status missingRoles }
    b: lumosReadiness(principal: "${DEMO_USERS.lumosTargeted.login}") { status capabilities { name available limitedTo } }
    c: lumosReadiness(principal: "${DEMO_USERS.noRole.login}") { status missingRoles }
  }`,
  catalog: '{ roles(kind: CUSTOM) { key permissions { name } } resourceSets { key resources { orn } } }',
  user: `{ user(idOrLogin: "${DEMO_USERS.lumosCustom.login}") { login groups { name } effectivePermissions { permission { name } scope } } }`,
};

describe('concurrency 429s as Okta sends them', () => {
  let calm: Harness;
  let stormy: Harness;
  const expected = new Map<string, unknown>();

  beforeAll(async () => {
    // The gateway's own defaults: no wait cap shortened, so a waited-out reset would show as time.
    calm = await startHarness({ client: {} });
    stormy = await startHarness({ client: {}, sim: { faults: FAULTS } });
    for (const [name, query] of Object.entries(QUERIES)) {
      const answer = await calm.query(query);
      expect(answer.errors).toBeUndefined();
      expected.set(name, answer.data);
    }
  });

  afterAll(async () => {
    await Promise.all([calm?.close(), stormy?.close()]);
  });

  it.each(Object.keys(QUERIES))(
    'answers %s correctly within 5 s under 30 percent concurrency 429s',
    async (name) => {
      stormy.okta.cache.clear();
      const answer = await stormy.query(QUERIES[name as keyof typeof QUERIES]);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(expected.get(name));
      expect(answer.ms).toBeLessThan(BOUND_MS);
      const log = stormy.sim.requestLog;
      expect(log.filter((e) => e.status === 429).length).toBeGreaterThan(0);
    },
  );

  it('lowers its requests in flight after a concurrency 429 and never waits for the estimated reset', async () => {
    stormy.okta.cache.clear();
    stormy.sim.resetLog();
    const started = performance.now();
    await stormy.query(QUERIES.admins);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    const cap = stormy.okta.client.concurrencyCap();
    expect(cap.current).toBeLessThan(cap.max);
  });
});
