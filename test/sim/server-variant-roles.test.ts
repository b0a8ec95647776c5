/**
 * The role and IAM variants over HTTP, each beside the default answer: assignees-direct,
 * no-roles-404, no-embedded-targets, iam-policy-404, new-role-types.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { demoPrincipalIds, generateDemoOrg } from '../../src/sim/generate.ts';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/sim/index.ts';
import type { OrgSnapshot } from '../../src/sim/snapshot-format.ts';
import { IDS, tinyOrg } from './fixtures/tiny-org.ts';
import { get } from './http.ts';

/** The default simulator and one with `variant`, over the same org. */
function pair(org: () => OrgSnapshot, variant: string) {
  const sims = {} as { plain: Simulator; variant: Simulator };
  beforeAll(async () => {
    const options: SimulatorOptions = { org: org(), rateLimits: false };
    sims.plain = await startSimulator(options);
    sims.variant = await startSimulator({ ...options, variants: [variant] });
  });
  afterAll(() => Promise.all([sims.plain?.close(), sims.variant?.close()]));
  return sims;
}

/** Every id of a body-paged /api/v1/iam list under `key`, following `_links.next`. */
async function allIds(sim: Simulator, path: string, key: string): Promise<string[]> {
  const ids: string[] = [];
  let next: string | undefined = path;
  while (next) {
    const page = await get(sim, next);
    expect(page.status).toBe(200);
    ids.push(...(page.body[key] as { id: string }[]).map((item) => item.id));
    next = (page.body._links.next?.href as string | undefined)?.slice(sim.url.length);
  }
  return ids;
}

const demoOrg = generateDemoOrg();
const demoIds = demoPrincipalIds(demoOrg);

type RoleRow = {
  type: string;
  assignmentType: string;
  role?: string;
  'resource-set'?: string;
  label: string;
};
const rows = (roles: RoleRow[]) => roles.map((r) => `${r.type}/${r.assignmentType}`);

describe('assignees-direct', () => {
  // Nora joins Admins (HELP_DESK_ADMIN and the custom role through the group): her only roles are inherited.
  const sims = pair(() => {
    const org = tinyOrg();
    org.memberships[0]?.userIds.push(IDS.noRole);
    return org;
  }, 'assignees-direct');

  it('lists only users holding a role of their own; the default lists group-inherited admins too', async () => {
    const plain = await allIds(sims.plain, '/api/v1/iam/assignees/users', 'value');
    expect(plain).toEqual([IDS.admin, IDS.noRole, IDS.grouped, IDS.custom]);
    const direct = await allIds(sims.variant, '/api/v1/iam/assignees/users', 'value');
    expect(direct).toEqual([IDS.admin, IDS.grouped, IDS.custom]);
    const roles = await get(sims.variant, `/api/v1/users/${IDS.noRole}/roles`);
    expect(rows(roles.body)).toEqual(['HELP_DESK_ADMIN/GROUP', 'CUSTOM/GROUP']);
  });

  describe('in the demo org', () => {
    const demo = pair(() => demoOrg, 'assignees-direct');
    it('leaves out super.group (SUPER_ADMIN only through "Okta Super Admins") and keeps direct holders', async () => {
      const plain = await allIds(demo.plain, '/api/v1/iam/assignees/users?limit=100', 'value');
      const direct = await allIds(demo.variant, '/api/v1/iam/assignees/users?limit=100', 'value');
      const u = demoIds.users;
      expect(plain).toContain(u.superViaGroup);
      expect(direct).not.toContain(u.superViaGroup);
      for (const id of [u.gateway, u.superDirect, u.lumosCustom, u.accessCertifications]) {
        expect(direct).toContain(id);
      }
      expect(direct).not.toContain(u.noRole);
    });
  });
});

describe('no-roles-404', () => {
  const sims = pair(() => tinyOrg(), 'no-roles-404');

  it('answers 404 E0000007 for the roles of a client without any, where the default answers []', async () => {
    const plain = await get(sims.plain, `/oauth2/v1/clients/${IDS.svcNoRole}/roles`);
    expect([plain.status, plain.body]).toEqual([200, []]);
    const variant = await get(sims.variant, `/oauth2/v1/clients/${IDS.svcNoRole}/roles`);
    expect(variant.status).toBe(404);
    expect(variant.body.errorCode).toBe('E0000007');
    const withRole = await get(sims.variant, `/oauth2/v1/clients/${IDS.svcFull}/roles`);
    expect(rows(withRole.body)).toEqual(['SUPER_ADMIN/CLIENT']);
  });

  it('answers 404 E0000007 for the grants of an app without any, where the default answers []', async () => {
    const plain = await get(sims.plain, `/api/v1/apps/${IDS.bookmark}/grants`);
    expect([plain.status, plain.body]).toEqual([200, []]);
    const variant = await get(sims.variant, `/api/v1/apps/${IDS.bookmark}/grants`);
    expect(variant.status).toBe(404);
    expect(variant.body.errorCode).toBe('E0000007');
    const granted = await get(sims.variant, `/api/v1/apps/${IDS.svcFull}/grants`);
    expect(granted.body.map((g: { scopeId: string }) => g.scopeId)).toEqual([
      'okta.users.read',
      'okta.groups.read',
      'okta.roles.read',
      'okta.logs.read',
    ]);
  });
});

describe('no-embedded-targets', () => {
  const sims = pair(() => tinyOrg(), 'no-embedded-targets');

  it('ignores expand on role lists; the targets endpoints still list targets, Link-paged', async () => {
    const path = `/api/v1/users/${IDS.grouped}/roles?expand=targets/catalog/apps`;
    const plain = await get(sims.plain, path);
    expect(plain.body[0]._embedded.targets.catalog.apps.map((a: { name: string }) => a.name)).toEqual([
      'salesforce',
      'bookmark',
    ]);
    const variant = await get(sims.variant, path);
    expect(rows(variant.body)).toEqual(['APP_ADMIN/USER', 'HELP_DESK_ADMIN/GROUP', 'CUSTOM/GROUP']);
    expect(variant.body.some((r: { _embedded?: unknown }) => r._embedded !== undefined)).toBe(false);
    const groups = await get(sims.variant, `/api/v1/groups/${IDS.admins}/roles?expand=targets/groups`);
    expect(groups.body.some((r: { _embedded?: unknown }) => r._embedded !== undefined)).toBe(false);

    const apps = await get(
      sims.variant,
      `/api/v1/users/${IDS.grouped}/roles/IFIFAX2BIRGUSTQ/targets/catalog/apps?limit=1`,
    );
    expect(apps.body.map((a: { name: string }) => a.name)).toEqual(['salesforce']);
    expect(apps.headers.get('link')).toContain('rel="next"');
    const targets = await get(
      sims.variant,
      `/api/v1/groups/${IDS.admins}/roles/JBCUYUC7IRCVGS27IFCE2SKO/targets/groups`,
    );
    expect(targets.body.map((g: { id: string }) => g.id)).toEqual([IDS.support]);
  });
});

describe('iam-policy-404', () => {
  const sims = pair(() => demoOrg, 'iam-policy-404');
  const set = 'ACCESS_CERTIFICATIONS_IAM_POLICY';

  it('gives access.certs the IAM-based ACCESS_CERTIFICATIONS_ADMIN on the predefined set, in both modes', async () => {
    for (const sim of [sims.plain, sims.variant]) {
      const roles = await get(sim, `/api/v1/users/${demoIds.users.accessCertifications}/roles`);
      expect(roles.body).toEqual([
        expect.objectContaining({
          type: 'ACCESS_CERTIFICATIONS_ADMIN',
          label: 'Access Certifications Administrator',
          assignmentType: 'USER',
          role: 'ACCESS_CERTIFICATIONS_ADMIN',
          'resource-set': set,
          status: 'ACTIVE',
        }),
      ]);
      expect((await get(sim, `/api/v1/iam/resource-sets/${set}`)).body.label).toBe('Access certifications');
      expect((await get(sim, `/api/v1/iam/resource-sets/${set}/bindings`)).body.roles[0].id).toBe(
        'ACCESS_CERTIFICATIONS_ADMIN',
      );
    }
  });

  it("answers 404 E0000007 for the predefined set's resources, where the default lists them", async () => {
    const plain = await get(sims.plain, `/api/v1/iam/resource-sets/${set}/resources`);
    expect(plain.body.resources.map((r: { orn: string }) => r.orn)).toEqual([
      `orn:okta:governance:${demoOrg.org.id}:certifications`,
    ]);
    for (const ref of [set, 'Access%20certifications']) {
      const variant = await get(sims.variant, `/api/v1/iam/resource-sets/${ref}/resources`);
      expect(variant.status).toBe(404);
      expect(variant.body.errorCode).toBe('E0000007');
    }
    const lumos = await get(
      sims.variant,
      `/api/v1/iam/resource-sets/${demoIds.extras.lumosResourceSet}/resources`,
    );
    expect(lumos.body.resources).toHaveLength(3);
  });
});

describe('new-role-types', () => {
  const sims = pair(() => demoOrg, 'new-role-types');

  it('gives org.admin the IAM-based WORKFLOWS_ADMIN on WORKFLOWS_IAM_POLICY besides ORG_ADMIN', async () => {
    const path = `/api/v1/users/${encodeURIComponent(DEMO_USERS.orgAdmin.login)}/roles`;
    expect(rows((await get(sims.plain, path)).body)).toEqual(['ORG_ADMIN/USER']);
    const roles = (await get(sims.variant, path)).body as RoleRow[];
    expect(rows(roles)).toEqual(['ORG_ADMIN/USER', 'WORKFLOWS_ADMIN/USER']);
    expect(roles[1]).toMatchObject({
      label: 'Workflows Administrator',
      role: 'WORKFLOWS_ADMIN',
      'resource-set': 'WORKFLOWS_IAM_POLICY',
    });
    const resources = await get(sims.variant, '/api/v1/iam/resource-sets/WORKFLOWS_IAM_POLICY/resources');
    expect(resources.body.resources.map((r: { orn: string }) => r.orn)).toEqual([
      `orn:okta:workflow:${demoOrg.org.id}:flows`,
    ]);
    // The default org holds the set for new.role.type@demo.example; the variant adds org.admin to its one binding.
    const members = async (sim: Simulator) =>
      (await get(sim, '/api/v1/iam/resource-sets/WORKFLOWS_IAM_POLICY/bindings/WORKFLOWS_ADMIN/members')).body
        .members.length;
    expect([await members(sims.plain), await members(sims.variant)]).toEqual([1, 2]);
  });

  it('adds okta.workflows.flows.manage to the custom role "Lumos Integration"', async () => {
    const path = `/api/v1/iam/roles/${demoIds.extras.lumosRole}/permissions`;
    const labels = async (sim: Simulator) =>
      (await get(sim, path)).body.permissions.map((p: { label: string }) => p.label);
    const lumos = [
      'okta.users.lifecycle.manage',
      'okta.users.read',
      'okta.users.appAssignment.manage',
      'okta.users.groupMembership.manage',
      'okta.groups.read',
      'okta.groups.members.manage',
      'okta.apps.manage',
      'okta.apps.read',
      'okta.apps.assignment.manage',
    ];
    expect(await labels(sims.plain)).toEqual(lumos);
    expect(await labels(sims.variant)).toEqual([...lumos, 'okta.workflows.flows.manage']);
  });
});
