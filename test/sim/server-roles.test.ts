import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { IDS, tinyOrg } from './fixtures/tiny-org.ts';
import { get } from './http.ts';

interface Role {
  id: string;
  type: string;
  assignmentType: string;
  role?: string;
  'resource-set'?: string;
  _links: Record<string, { href: string }>;
  _embedded?: { targets: { groups?: { id: string }[]; catalog?: { apps: { name: string; id?: string }[] } } };
}

describe('role assignments and IAM resources over HTTP', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ org: tinyOrg(), rateLimits: false });
  });
  afterAll(() => sim.close());

  it("lists a user's direct, group-inherited and custom roles with Okta's ids and links", async () => {
    const res = await get(sim, `/api/v1/users/${IDS.grouped}/roles`);
    expect(res.status).toBe(200);
    const roles = res.body as Role[];
    expect(roles.map((r) => `${r.type}/${r.assignmentType}`)).toEqual([
      'APP_ADMIN/USER',
      'HELP_DESK_ADMIN/GROUP',
      'CUSTOM/GROUP',
    ]);
    const [app, helpDesk, custom] = roles as [Role, Role, Role];
    expect(app.id).toBe('IFIFAX2BIRGUSTQ');
    expect(helpDesk.id).toBe('JBCUYUC7IRCVGS27IFCE2SKO');
    expect(helpDesk._links.assignee?.href).toBe(`${sim.url}/api/v1/groups/${IDS.admins}`);
    expect(app._links.assignee?.href).toBe(`${sim.url}/api/v1/users/${IDS.grouped}`);
    expect(custom.role).toBe(IDS.role);
    expect(custom['resource-set']).toBe(IDS.resourceSet);
    expect(custom.id).toMatch(/^irb[0-9A-Za-z]{17}$/);
    expect(Object.keys(custom._links).sort()).toEqual([
      'assignee',
      'member',
      'permissions',
      'resource-set',
      'role',
    ]);
  });

  it('gives the same Base32 id to every holder of APP_ADMIN and a principal-specific ra id otherwise', async () => {
    const admin = (await get(sim, `/api/v1/users/${IDS.admin}/roles`)).body as Role[];
    expect(admin).toHaveLength(1);
    expect(admin[0]?.type).toBe('SUPER_ADMIN');
    expect(admin[0]?.id).toMatch(/^ra1[0-9A-Za-z]{17}$/);
    const client = (await get(sim, `/oauth2/v1/clients/${IDS.svcFull}/roles`)).body as Role[];
    expect(client[0]?.type).toBe('SUPER_ADMIN');
    expect(client[0]?.assignmentType).toBe('CLIENT');
    expect(client[0]?.id).not.toBe(admin[0]?.id);
    expect(client[0]?._links.assignee?.href).toBe(`${sim.url}/oauth2/v1/clients/${IDS.svcFull}`);
  });

  it('embeds targets under _embedded when asked with expand', async () => {
    const apps = (await get(sim, `/api/v1/users/${IDS.grouped}/roles?expand=targets/catalog/apps`))
      .body as Role[];
    const appAdmin = apps.find((r) => r.type === 'APP_ADMIN');
    expect(appAdmin?._embedded?.targets.catalog?.apps).toEqual([
      expect.objectContaining({ name: 'salesforce' }),
      expect.objectContaining({ name: 'bookmark', id: IDS.bookmark }),
    ]);
    expect(apps[0]?._embedded?.targets.catalog?.apps[0]).not.toHaveProperty('id');
    const groups = (await get(sim, `/api/v1/groups/${IDS.admins}/roles?expand=targets/groups`))
      .body as Role[];
    expect(
      groups.find((r) => r.type === 'HELP_DESK_ADMIN')?._embedded?.targets.groups?.map((g) => g.id),
    ).toEqual([IDS.support]);
    const plain = (await get(sim, `/api/v1/users/${IDS.grouped}/roles`)).body as Role[];
    expect(plain.every((r) => r._embedded === undefined)).toBe(true);
  });

  it('lists role targets with Link paging and 404s an unknown assignment', async () => {
    const apps = await get(
      sim,
      `/api/v1/users/${IDS.grouped}/roles/IFIFAX2BIRGUSTQ/targets/catalog/apps?limit=1`,
    );
    expect(apps.body.map((a: { name: string }) => a.name)).toEqual(['salesforce']);
    expect(apps.headers.get('link')).toContain('rel="next"');
    const groups = await get(
      sim,
      `/api/v1/groups/${IDS.admins}/roles/JBCUYUC7IRCVGS27IFCE2SKO/targets/groups`,
    );
    expect(groups.body.map((g: { id: string }) => g.id)).toEqual([IDS.support]);
    const single = await get(sim, `/api/v1/users/${IDS.grouped}/roles/IFIFAX2BIRGUSTQ`);
    expect(single.body.type).toBe('APP_ADMIN');
    const missing = await get(sim, `/api/v1/users/${IDS.grouped}/roles/ra1doesnotexist`);
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('E0000007');
  });

  it('serves custom roles, permissions, resource sets, resources, bindings and members', async () => {
    const roles = await get(sim, '/api/v1/iam/roles');
    expect(roles.body.roles.map((r: { id: string }) => r.id)).toEqual([IDS.role]);
    expect(roles.body._links).toEqual({});
    expect((await get(sim, '/api/v1/iam/roles/Custom%20Reader')).body.id).toBe(IDS.role);
    const perms = await get(sim, `/api/v1/iam/roles/${IDS.role}/permissions`);
    expect(perms.body.permissions.map((p: { label: string }) => p.label)).toEqual([
      'okta.users.read',
      'okta.groups.read',
    ]);
    const sets = await get(sim, '/api/v1/iam/resource-sets');
    expect(sets.body['resource-sets'][0].label).toBe('Everything');
    const resources = await get(sim, `/api/v1/iam/resource-sets/Everything/resources?limit=1`);
    expect(resources.body.resources[0].orn).toBe('orn:okta:directory:00otiny0000000000001:users');
    expect(resources.body.resources[0]._links.self.href).toBe(`${sim.url}/api/v1/users`);
    const next = resources.body._links.next.href as string;
    expect(next).toContain(`after=${resources.body.resources[0].id}`);
    const page2 = await get(sim, next.slice(sim.url.length));
    expect(page2.body.resources[0].orn).toBe('orn:okta:directory:00otiny0000000000001:groups');
    expect(page2.body._links.next).toBeUndefined();
    const bindings = await get(sim, `/api/v1/iam/resource-sets/${IDS.resourceSet}/bindings`);
    expect(bindings.body.roles.map((b: { id: string }) => b.id)).toEqual([IDS.role]);
    const members = await get(
      sim,
      `/api/v1/iam/resource-sets/${IDS.resourceSet}/bindings/${IDS.role}/members`,
    );
    expect(
      members.body.members.map((m: { _links: { self: { href: string } } }) => m._links.self.href),
    ).toEqual([`${sim.url}/api/v1/users/${IDS.custom}`, `${sim.url}/api/v1/groups/${IDS.admins}`]);
    const customUser = (await get(sim, `/api/v1/users/${IDS.custom}/roles`)).body as Role[];
    expect(customUser[0]?.id).toBe(members.body.members[0].id);
    expect((await get(sim, '/api/v1/iam/resource-sets/nope/bindings')).status).toBe(404);
  });

  it('lists users with role assignments in a value/_links body', async () => {
    const page1 = await get(sim, '/api/v1/iam/assignees/users?limit=2');
    expect(page1.body.value.map((u: { id: string }) => u.id)).toEqual([IDS.admin, IDS.grouped]);
    const page2 = await get(sim, (page1.body._links.next.href as string).slice(sim.url.length));
    expect(page2.body.value.map((u: { id: string }) => u.id)).toEqual([IDS.custom]);
    expect(page2.body._links.next).toBeUndefined();
  });
});
