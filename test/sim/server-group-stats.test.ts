/**
 * `GET /api/v1/groups?expand=stats`: `_embedded.stats` with Okta's `hasAdminPrivlege`, true for a
 * group holding a group-level role assignment (standard, or membership of a resource-set binding).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUPS } from '../../src/sim/demo-principals.ts';
import { generateDemoOrg } from '../../src/sim/generate.ts';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import type { OrgSnapshot } from '../../src/sim/snapshot-format.ts';
import { IDS, T, tinyOrg } from './fixtures/tiny-org.ts';
import { get } from './http.ts';

const BOUND = '00gbound000000000001';
const RETIRED = '00gretired0000000001';

/** The tiny org plus a group bound only through a resource-set binding and one with an INACTIVE role. */
function statsOrg(): OrgSnapshot {
  const org = tinyOrg();
  for (const [id, name] of [
    [BOUND, 'Bound'],
    [RETIRED, 'Retired'],
  ] as const) {
    org.groups.push({ id, type: 'OKTA_GROUP', created: T, profile: { name, description: null } });
  }
  org.resourceSets[0]?.bindings[0]?.members.push({ type: 'GROUP', id: BOUND });
  org.roleAssignments.push({
    principalType: 'GROUP',
    principalId: RETIRED,
    type: 'READ_ONLY_ADMIN',
    status: 'INACTIVE',
    created: T,
  });
  return org;
}

interface GroupBody {
  id: string;
  profile: { name: string };
  _embedded?: { stats: Record<string, number | boolean> };
}

describe('group stats (expand=stats)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ org: statsOrg(), rateLimits: false });
  });
  afterAll(() => sim.close());

  it('embeds stats on every group of the list, hasAdminPrivlege for group-level role assignments', async () => {
    const res = await get(sim, '/api/v1/groups?expand=stats&limit=10000');
    expect(res.status).toBe(200);
    const stats = Object.fromEntries(
      (res.body as GroupBody[]).map((g) => [g.profile.name, g._embedded?.stats]),
    );
    expect(stats).toEqual({
      Admins: { usersCount: 1, appsCount: 0, groupPushMappingsCount: 0, hasAdminPrivlege: true },
      Support: { usersCount: 3, appsCount: 0, groupPushMappingsCount: 0, hasAdminPrivlege: false },
      Empty: { usersCount: 0, appsCount: 0, groupPushMappingsCount: 0, hasAdminPrivlege: false },
      Bound: { usersCount: 0, appsCount: 0, groupPushMappingsCount: 0, hasAdminPrivlege: true },
      Retired: { usersCount: 0, appsCount: 0, groupPushMappingsCount: 0, hasAdminPrivlege: true },
    });
  });

  it('embeds stats on a single group when asked, and nothing without expand', async () => {
    const one = await get(sim, `/api/v1/groups/${IDS.support}?expand=stats`);
    expect(one.body._embedded.stats).toMatchObject({ usersCount: 3, hasAdminPrivlege: false });
    expect((await get(sim, '/api/v1/groups')).body.some((g: GroupBody) => g._embedded)).toBe(false);
    expect((await get(sim, `/api/v1/groups/${IDS.admins}`)).body._embedded).toBeUndefined();
  });

  it('flags the demo groups: Okta Super Admins and Help Desk Team yes, Support Staff and Everyone no', async () => {
    // Enough random resource sets that some binding has a group member (about one member in seven is one).
    const demo = await startSimulator({ org: generateDemoOrg({ resourceSets: 12 }), rateLimits: false });
    try {
      const groups = (await get(demo, '/api/v1/groups?expand=stats')).body as GroupBody[];
      const flag = (name: string) =>
        groups.find((g) => g.profile.name === name)?._embedded?.stats.hasAdminPrivlege;
      expect(flag(DEMO_GROUPS.superAdmins.name)).toBe(true);
      expect(flag(DEMO_GROUPS.helpDeskTeam.name)).toBe(true);
      expect(flag(DEMO_GROUPS.supportStaff.name)).toBe(false);
      expect(flag('Everyone')).toBe(false);
      // Groups that are members of a resource-set binding, as the snapshot states them.
      const bound = demo.org.resourceSets.flatMap((s) =>
        s.bindings.flatMap((b) => b.members.filter((m) => m.type === 'GROUP').map((m) => m.id)),
      );
      expect(bound.length).toBeGreaterThan(0);
      for (const id of bound) {
        expect(groups.find((g) => g.id === id)?._embedded?.stats.hasAdminPrivlege, id).toBe(true);
      }
    } finally {
      await demo.close();
    }
  });
});
