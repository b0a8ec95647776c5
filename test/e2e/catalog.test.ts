import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipalIds } from '../../src/sim/demo-ids.ts';
import { DEMO_USERS } from '../../src/sim/demo-principals.ts';
import {
  NodeDocument,
  ParseOrnDocument,
  PermissionDocument,
  PermissionsDocument,
  ResourceSetDocument,
  ResourceSetsDocument,
  RoleDocument,
  RolesDocument,
} from '../generated/graphql.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

let gw: TestGateway;
let ids: ReturnType<typeof demoPrincipalIds>;

beforeAll(async () => {
  gw = await startTestGateway();
  ids = demoPrincipalIds(gw.sim.org);
});
afterAll(() => gw.close());

describe('roles', () => {
  it('lists standard, IAM-based and custom roles, and filters by kind', async () => {
    const all = await gw.execute(RolesDocument, {});
    expect(all.errors).toBeUndefined();
    const kinds = new Set(all.data?.roles.map((r) => r.kind));
    expect(kinds).toEqual(new Set(['STANDARD', 'IAM_STANDARD', 'CUSTOM']));
    const superAdmin = all.data?.roles.find((r) => r.key === 'SUPER_ADMIN');
    expect(superAdmin).toMatchObject({ type: 'SUPER_ADMIN', kind: 'STANDARD', targetKinds: [] });
    expect(superAdmin?.permissions.length).toBeGreaterThan(20);
    expect(all.data?.roles.find((r) => r.key === 'HELP_DESK_ADMIN')?.targetKinds).toEqual(['GROUPS']);

    const custom = await gw.execute(RolesDocument, { kind: 'CUSTOM' });
    expect(custom.data?.roles.every((r) => r.kind === 'CUSTOM' && r.type === 'CUSTOM')).toBe(true);
    expect(custom.data?.roles.map((r) => r.key)).toContain(ids.extras.lumosRole);
  });

  it('finds a role by type, custom role id or label, and answers null for an unknown one', async () => {
    const byType = await gw.execute(RoleDocument, { idOrLabel: 'APP_ADMIN' });
    expect(byType.data?.role).toMatchObject({ key: 'APP_ADMIN', targetKinds: ['APPS'] });
    const byLabel = await gw.execute(RoleDocument, { idOrLabel: 'Lumos Integration' });
    expect(byLabel.data?.role?.key).toBe(ids.extras.lumosRole);
    expect(byLabel.data?.role?.permissions.map((p) => p.name)).toContain('okta.users.read');
    expect(byLabel.data?.role?.permissions).toHaveLength(9);
    const byId = await gw.execute(RoleDocument, { idOrLabel: ids.extras.lumosRole });
    expect(byId.data?.role?.label).toBe('Lumos Integration');
    const unknown = await gw.execute(RoleDocument, { idOrLabel: 'NO_SUCH_ROLE' });
    expect(unknown).toMatchObject({ data: { role: null } });
    expect(unknown.errors).toBeUndefined();
  });
});

describe('permissions', () => {
  it('lists the catalog and finds one permission by name', async () => {
    const all = await gw.execute(PermissionsDocument, {});
    const names = all.data?.permissions.map((p) => p.name) ?? [];
    expect(names).toContain('okta.users.read');
    expect(new Set(names).size).toBe(names.length);
    const one = await gw.execute(PermissionDocument, { name: 'okta.groups.members.manage' });
    expect(one.data?.permission?.description).toBeTruthy();
    expect(one.data?.permission?.applicableResources.length).toBeGreaterThan(0);
    expect((await gw.execute(PermissionDocument, { name: 'okta.nothing.here' })).data?.permission).toBeNull();
  });
});

describe('resource sets', () => {
  it('shows a resource set with parsed ORNs, REST URLs and bindings resolved to principals', async () => {
    const result = await gw.execute(ResourceSetDocument, { idOrLabel: 'Lumos: all users, groups and apps' });
    expect(result.errors).toBeUndefined();
    const set = result.data?.resourceSet;
    expect(set?.key).toBe(ids.extras.lumosResourceSet);
    expect(set?.resources.length).toBeGreaterThan(0);
    for (const resource of set?.resources ?? []) {
      expect(resource.orn).toMatch(/^orn:okta:/);
      expect(resource.parsed.orgId).toBe(gw.sim.org.org.id);
      expect(resource.parsed.restUrl).toBe(resource.restUrl);
      if (resource.restUrl) expect(resource.restUrl.startsWith(gw.sim.url)).toBe(true);
    }
    const lumosBinding = set?.bindings.find((b) => b.role.key === ids.extras.lumosRole);
    expect(lumosBinding?.role.kind).toBe('CUSTOM');
    expect(lumosBinding?.members).toContainEqual(
      expect.objectContaining({ __typename: 'User', kind: 'USER', key: ids.users.lumosCustom }),
    );
    const byId = await gw.execute(ResourceSetDocument, { idOrLabel: ids.extras.lumosResourceSet });
    expect(byId.data?.resourceSet?.label).toBe('Lumos: all users, groups and apps');
    expect(
      (await gw.execute(ResourceSetDocument, { idOrLabel: 'iamNoSuchSet' })).data?.resourceSet,
    ).toBeNull();
  });

  it('lists every resource set, IAM-based role bindings included', async () => {
    const result = await gw.execute(ResourceSetsDocument, {});
    expect(result.errors).toBeUndefined();
    const keys = result.data?.resourceSets.map((s) => s.key);
    expect(keys).toEqual(
      expect.arrayContaining([ids.extras.lumosResourceSet, ids.extras.accessRequestsResourceSet]),
    );
    const accessRequests = result.data?.resourceSets.find(
      (s) => s.key === ids.extras.accessRequestsResourceSet,
    );
    expect(accessRequests?.bindings.map((b) => b.role.key)).toContain('ACCESS_REQUESTS_ADMIN');
  });
});

describe('resource ORNs the parser does not know', () => {
  it('still shows the resource set, the ORN split at its colons and no REST URL', async () => {
    const org = structuredClone(gw.sim.org);
    const set = org.resourceSets.find((s) => s.id === ids.extras.lumosResourceSet);
    const future = `orn:okta:futureservice:${org.org.id}:widgets:wid1`;
    set?.resources.push(future);
    const other = await startTestGateway({ sim: { org } });
    try {
      const result = await other.execute(ResourceSetDocument, { idOrLabel: ids.extras.lumosResourceSet });
      expect(result.errors).toBeUndefined();
      const resource = result.data?.resourceSet?.resources.find((r) => r.orn === future);
      expect(resource?.restUrl).toBeNull();
      expect(resource?.parsed).toMatchObject({
        service: 'futureservice',
        objectType: 'widgets',
        objectId: 'wid1',
      });
    } finally {
      await other.close();
    }
  });
});

describe('parseOrn', () => {
  it("takes an ORN apart and names its REST URL on the gateway's org", async () => {
    const org = gw.sim.org.org.id;
    const orn = `orn:okta:directory:${org}:groups:${ids.groups.supportStaff}:contained_resources`;
    const result = await gw.execute(ParseOrnDocument, { orn });
    expect(result.data?.parseOrn).toEqual({
      partition: 'okta',
      service: 'directory',
      orgId: org,
      objectType: 'groups',
      objectId: ids.groups.supportStaff,
      appName: null,
      containedResources: true,
      restUrl: `${gw.sim.url}/api/v1/groups/${ids.groups.supportStaff}/users`,
    });
  });

  it('answers BAD_USER_INPUT for a malformed ORN', async () => {
    const result = await gw.execute(ParseOrnDocument, { orn: 'orn:nope' });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('node', () => {
  it('loads every node type back from its global id', async () => {
    const role = (await gw.execute(RoleDocument, { idOrLabel: 'Lumos Integration' })).data?.role;
    const set = (await gw.execute(ResourceSetDocument, { idOrLabel: ids.extras.lumosResourceSet })).data
      ?.resourceSet;
    const members = set?.bindings.flatMap((b) => b.members) ?? [];
    const user = members.find((m) => m.kind === 'USER');
    expect(role && set && user).toBeTruthy();
    for (const [id, typename, key] of [
      [role?.id, 'Role', ids.extras.lumosRole],
      [set?.id, 'ResourceSet', ids.extras.lumosResourceSet],
      [user?.id, 'User', user?.key],
    ] as const) {
      const result = await gw.execute(NodeDocument, { id: id ?? '' });
      expect(result.data?.node).toMatchObject({ __typename: typename, id, key });
    }
  });

  it('answers BAD_USER_INPUT for an id that is not one of its global ids', async () => {
    for (const id of ['not-base64!', Buffer.from('Nope:1').toString('base64')]) {
      const result = await gw.execute(NodeDocument, { id });
      expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });

  it('answers null for an id of nothing', async () => {
    const id = Buffer.from(`User:${DEMO_USERS.noRole.login}-missing`).toString('base64');
    const result = await gw.execute(NodeDocument, { id });
    expect(result.data?.node ?? null).toBeNull();
  });
});
