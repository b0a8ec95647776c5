import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipalIds } from '../../src/sim/demo-ids.ts';
import { DEMO_GROUPS, DEMO_SERVICE_APPS, DEMO_USERS } from '../../src/sim/demo-principals.ts';
import {
  AdminsDocument,
  GroupDocument,
  GroupsDocument,
  NodeDocument,
  ServiceAppDocument,
  ServiceAppsDocument,
  UserDocument,
  UsersDocument,
} from '../generated/graphql.ts';
import { startTestGateway, TEST_CREDENTIAL, type TestGateway } from '../helpers/gateway.ts';

let gw: TestGateway;
let ids: ReturnType<typeof demoPrincipalIds>;

beforeAll(async () => {
  gw = await startTestGateway();
  ids = demoPrincipalIds(gw.sim.org);
});
afterAll(() => gw.close());

describe('user', () => {
  it('shows a user by login with groups, inherited assignments and effective permissions', async () => {
    const result = await gw.execute(UserDocument, { idOrLogin: DEMO_USERS.superViaGroup.login });
    expect(result.errors).toBeUndefined();
    const user = result.data?.user;
    expect(user).toMatchObject({
      key: ids.users.superViaGroup,
      kind: 'USER',
      login: DEMO_USERS.superViaGroup.login,
      email: DEMO_USERS.superViaGroup.login,
      status: 'ACTIVE',
      displayName: 'Sam Grouped',
    });
    expect(user?.groups.map((g) => g.name)).toContain(DEMO_GROUPS.superAdmins.name);
    const inherited = user?.roleAssignments.find((a) => a.role.key === 'SUPER_ADMIN');
    expect(inherited).toMatchObject({
      assignmentType: 'GROUP',
      status: 'ACTIVE',
      inheritedFrom: { key: ids.groups.superAdmins, name: DEMO_GROUPS.superAdmins.name },
      resourceSet: null,
      targets: null,
    });
    const usersRead = user?.effectivePermissions.find((p) => p.permission.name === 'okta.users.read');
    expect(usersRead?.scope).toEqual([`orn:okta:directory:${gw.sim.org.org.id}:users`]);
    expect(usersRead?.grantedBy.map((a) => a.id)).toEqual([inherited?.id]);
    expect(user?.lumosReadiness).toEqual({ status: 'READY', access: 'FULL', connection: 'API_TOKEN' });
  });

  it('finds a user by id, and answers null for an unknown login', async () => {
    const byId = await gw.execute(UserDocument, { idOrLogin: ids.users.noRole });
    expect(byId.data?.user).toMatchObject({
      login: DEMO_USERS.noRole.login,
      roleAssignments: [],
      effectivePermissions: [],
    });
    const unknown = await gw.execute(UserDocument, { idOrLogin: 'nobody.at.all@demo.example' });
    expect(unknown).toMatchObject({ data: { user: null } });
    expect(unknown.errors).toBeUndefined();
  });

  it('shows targets as ORNs and resource sets on assignments', async () => {
    const targeted = await gw.execute(UserDocument, { idOrLogin: DEMO_USERS.lumosTargeted.login });
    const gma = targeted.data?.user?.roleAssignments.find((a) => a.role.key === 'GROUP_MEMBERSHIP_ADMIN');
    expect(gma?.targets).toHaveLength(2);
    for (const orn of gma?.targets ?? []) expect(orn).toMatch(/^orn:okta:directory:[^:]+:groups:00g/);
    const custom = await gw.execute(UserDocument, { idOrLogin: DEMO_USERS.lumosCustom.login });
    const bound = custom.data?.user?.roleAssignments.find((a) => a.role.kind === 'CUSTOM');
    expect(bound).toMatchObject({
      role: { key: ids.extras.lumosRole, type: 'CUSTOM' },
      assignmentType: 'USER',
    });
    expect(bound?.resourceSet?.key).toBe(ids.extras.lumosResourceSet);
  });

  it('gives an assignment id that differs between principals holding the same Okta assignment id', async () => {
    const a = await gw.execute(UserDocument, { idOrLogin: DEMO_USERS.superDirect.login });
    const b = await gw.execute(UserDocument, { idOrLogin: DEMO_USERS.gateway.login });
    const idA = a.data?.user?.roleAssignments[0]?.id;
    const idB = b.data?.user?.roleAssignments[0]?.id;
    expect(idA && idB && idA !== idB).toBe(true);
  });
});

describe('users and groups connections', () => {
  it('pages users with Okta cursors and passes a search through', async () => {
    const first = await gw.execute(UsersDocument, { first: 3 });
    expect(first.data?.users.edges).toHaveLength(3);
    expect(first.data?.users.pageInfo.hasNextPage).toBe(true);
    const next = await gw.execute(UsersDocument, { first: 3, after: first.data?.users.pageInfo.endCursor });
    const seen = new Set(first.data?.users.edges.map((e) => e.node.id));
    expect(next.data?.users.edges.length).toBeGreaterThan(0);
    for (const edge of next.data?.users.edges ?? []) expect(seen.has(edge.node.id)).toBe(false);

    const search = await gw.execute(UsersDocument, {
      search: `profile.login eq "${DEMO_USERS.readOnly.login}"`,
    });
    expect(search.data?.users.edges.map((e) => e.node.login)).toEqual([DEMO_USERS.readOnly.login]);
    expect(search.data?.users.pageInfo).toMatchObject({ hasNextPage: false });
  });

  it('rejects first outside 1..200 with BAD_USER_INPUT', async () => {
    for (const first of [0, 201]) {
      const result = await gw.execute(UsersDocument, { first });
      expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
    const groups = await gw.execute(GroupsDocument, { first: 500 });
    expect(groups.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('shows a group with its members, own assignments and readiness', async () => {
    const result = await gw.execute(GroupDocument, { id: ids.groups.superAdmins, first: 1 });
    expect(result.errors).toBeUndefined();
    const group = result.data?.group;
    expect(group).toMatchObject({
      key: ids.groups.superAdmins,
      kind: 'GROUP',
      name: DEMO_GROUPS.superAdmins.name,
    });
    expect(group?.displayName).toBe(DEMO_GROUPS.superAdmins.name);
    expect(group?.roleAssignments.map((a) => [a.role.key, a.assignmentType])).toEqual([
      ['SUPER_ADMIN', 'GROUP'],
    ]);
    expect(group?.members.edges).toHaveLength(1);
    expect(group?.lumosReadiness).toEqual({ status: 'READY', connection: 'API_TOKEN' });
    const groups = await gw.execute(GroupsDocument, {
      search: `profile.name eq "${DEMO_GROUPS.supportStaff.name}"`,
    });
    expect(groups.data?.groups.edges.map((e) => e.node.key)).toEqual([ids.groups.supportStaff]);
    expect((await gw.execute(GroupDocument, { id: '00gNoSuchGroup000000' })).data?.group).toBeNull();
  });
});

describe('service apps', () => {
  it('shows a service app with active scopes, client roles and readiness', async () => {
    const result = await gw.execute(ServiceAppDocument, { clientId: ids.serviceApps.revoked });
    expect(result.errors).toBeUndefined();
    const app = result.data?.serviceApp;
    expect(app).toMatchObject({
      clientId: ids.serviceApps.revoked,
      kind: 'SERVICE_APP',
      key: ids.serviceApps.revoked,
    });
    expect(app?.displayName).toBe(DEMO_SERVICE_APPS.revoked.label);
    expect(app?.grantedScopes).not.toContain('okta.schemas.read');
    expect(app?.grantedScopes).toContain('okta.users.manage');
    expect(app?.roleAssignments.map((a) => [a.role.key, a.assignmentType])).toEqual([
      ['SUPER_ADMIN', 'CLIENT'],
    ]);
    expect(app?.lumosReadiness).toEqual({
      status: 'NOT_READY',
      access: 'READ_ONLY',
      connection: 'OAUTH_SERVICE_APP',
    });
  });

  it('lists every service app', async () => {
    const result = await gw.execute(ServiceAppsDocument, {});
    const labels = result.data?.serviceApps.map((a) => a.displayName);
    expect(labels).toEqual(expect.arrayContaining(Object.values(DEMO_SERVICE_APPS).map((a) => a.label)));
  });
});

describe('admins', () => {
  it('lists users with direct roles and service apps with client roles, not group-only holders', async () => {
    const result = await gw.execute(AdminsDocument, {});
    expect(result.errors).toBeUndefined();
    const admins = result.data?.admins ?? [];
    const keys = new Set(admins.map((a) => a.key));
    for (const key of [
      ids.users.superDirect,
      ids.users.lumosCustom,
      ids.users.readOnly,
      ids.serviceApps.full,
      ids.groups.superAdmins,
      ids.groups.helpDeskTeam,
    ]) {
      expect(keys.has(key)).toBe(true);
    }
    expect(keys.has(ids.serviceApps.noRole)).toBe(false);
    expect(keys.has(ids.users.noRole)).toBe(false);
    // Only group-inherited roles: not an admin of its own.
    expect(keys.has(ids.users.superViaGroup)).toBe(false);
    for (const admin of admins.filter((a) => a.kind === 'USER')) {
      expect(admin.roleAssignments.some((r) => r.assignmentType === 'USER')).toBe(true);
    }
    for (const admin of admins) expect(admin.roleAssignments.length).toBeGreaterThan(0);
  });

  it("discovers a group holding roles through a listed admin's group-inherited assignment", async () => {
    const org = structuredClone(gw.sim.org);
    // super.group also gets a direct role, so Okta lists it as an assignee; its SUPER_ADMIN comes through the group.
    org.roleAssignments.push({
      principalType: 'USER',
      principalId: ids.users.superViaGroup,
      type: 'REPORT_ADMIN',
      status: 'ACTIVE',
      created: '2026-01-01T00:00:00.000Z',
    });
    const other = await startTestGateway({ sim: { org } });
    try {
      const result = await other.execute(AdminsDocument, {});
      const group = result.data?.admins.find((a) => a.key === ids.groups.superAdmins);
      expect(group).toMatchObject({
        __typename: 'Group',
        kind: 'GROUP',
        displayName: DEMO_GROUPS.superAdmins.name,
      });
      expect(group?.roleAssignments).toEqual([{ assignmentType: 'GROUP', role: { key: 'SUPER_ADMIN' } }]);
      const node = await other.execute(NodeDocument, { id: group?.id ?? '' });
      expect(node.data?.node).toMatchObject({ __typename: 'Group', key: ids.groups.superAdmins });
    } finally {
      await other.close();
    }
  });
});

describe('principal(name:)', () => {
  it('resolves every name lumosReadiness takes, `me` included, and null for an unknown one', async () => {
    const result = await gw.fetchGraphQL<{
      me: { key: string; kind: string; displayName: string } | null;
      login: { key: string } | null;
      group: { key: string; kind: string } | null;
      app: { key: string; kind: string } | null;
      unknown: null;
    }>(`{
      me: principal(name: "me") { key kind displayName }
      login: principal(name: "${DEMO_USERS.lumosStandard.login}") { key }
      group: principal(name: "${ids.groups.superAdmins}") { key kind }
      app: principal(name: "${ids.serviceApps.full}") { key kind }
      unknown: principal(name: "nobody@demo.example") { key }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      me:
        TEST_CREDENTIAL === 'oauth'
          ? { key: ids.serviceApps.full, kind: 'SERVICE_APP', displayName: 'Lumos Connector (full)' }
          : { key: ids.users.gateway, kind: 'USER', displayName: 'IAM Gateway' },
      login: { key: ids.users.lumosStandard },
      group: { key: ids.groups.superAdmins, kind: 'GROUP' },
      app: { key: ids.serviceApps.full, kind: 'SERVICE_APP' },
      unknown: null,
    });
  });
});
