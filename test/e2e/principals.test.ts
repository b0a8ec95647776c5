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
});

/**
 * Okta makes the assignment id of some standard roles from the role type itself, so every
 * principal holding the role has an assignment with the same id. Base32 (RFC 4648, unpadded) of
 * the ASCII role type, worked out by hand five bytes at a time: "HELP_DESK_ADMIN" (15 bytes, 24
 * characters), "APP_ADMIN" (9 bytes, 15 characters), "GROUP_MEMBERSHIP_ADMIN" (22 bytes, 36).
 */
const HELP_DESK_ADMIN_ID = 'JBCUYUC7IRCVGS27IFCE2SKO';
const APP_ADMIN_ID = 'IFIFAX2BIRGUSTQ';
const GROUP_MEMBERSHIP_ADMIN_ID = 'I5JE6VKQL5GUKTKCIVJFGSCJKBPUCRCNJFHA';

interface Held {
  roleAssignments: {
    id: string;
    role: { key: string };
    assignmentType: string;
    targets: string[] | null;
    inheritedFrom: { key: string } | null;
    principal: { __typename: string; key: string } | null;
  }[];
  effectivePermissions: { permission: { name: string }; grantedBy: { id: string }[] }[];
}

const HELD = `fragment Held on Principal {
  roleAssignments {
    id
    role { key }
    assignmentType
    targets
    inheritedFrom { key }
    principal { __typename key }
  }
  effectivePermissions { permission { name } grantedBy { id } }
}`;

/** A principal's assignments without their GraphQL ids, by role, targets sorted. */
const withoutIds = (held: Held | null | undefined) =>
  (held?.roleAssignments ?? [])
    .map(({ id: _id, ...rest }) => ({ ...rest, targets: rest.targets?.toSorted() ?? null }))
    .toSorted(
      (a, b) => a.role.key.localeCompare(b.role.key) || a.assignmentType.localeCompare(b.assignmentType),
    );

/** HELP_DESK_ADMIN's permissions (design/standard-role-permissions.md), sorted. */
const HELP_DESK_PERMISSIONS = [
  'okta.users.credentials.expirePassword',
  'okta.users.credentials.resetFactors',
  'okta.users.credentials.resetPassword',
  'okta.users.lifecycle.clearSessions',
  'okta.users.lifecycle.unlock',
  'okta.users.read',
];

/** What Okta itself lists for a principal: [id, type, assignmentType] of its roles of `type`. */
async function upstreamAssignments(sim: TestGateway['sim'], path: string, type: string) {
  const response = await fetch(`${sim.url}${path}`, { headers: { Authorization: `SSWS ${sim.apiToken}` } });
  const listed = (await response.json()) as { id: string; type: string; assignmentType: string }[];
  return listed.filter((a) => a.type === type).map((a) => [a.id, a.type, a.assignmentType]);
}

describe('role assignments Okta lists under one id on several principals', () => {
  it('gives an assignment id that differs between principals holding the same Okta assignment id', async () => {
    const { helpDesk, lumosStandard, lumosTargeted } = ids.users;
    const { helpDeskTeam, supportStaff } = ids.groups;
    const { engineeringGroup, salesGroup, slackApp } = ids.extras;
    // The case: help.desk (a user, HELP_DESK_ADMIN limited to Support Staff) and Help Desk Team (a
    // group, HELP_DESK_ADMIN org-wide); lumos.standard and lumos.targeted (two users, APP_ADMIN and
    // GROUP_MEMBERSHIP_ADMIN, org-wide and targeted). Okta lists each pair under one id.
    expect(await upstreamAssignments(gw.sim, `/api/v1/users/${helpDesk}/roles`, 'HELP_DESK_ADMIN')).toEqual([
      [HELP_DESK_ADMIN_ID, 'HELP_DESK_ADMIN', 'USER'],
    ]);
    expect(
      await upstreamAssignments(gw.sim, `/api/v1/groups/${helpDeskTeam}/roles`, 'HELP_DESK_ADMIN'),
    ).toEqual([[HELP_DESK_ADMIN_ID, 'HELP_DESK_ADMIN', 'GROUP']]);
    for (const user of [lumosStandard, lumosTargeted]) {
      expect(await upstreamAssignments(gw.sim, `/api/v1/users/${user}/roles`, 'APP_ADMIN')).toEqual([
        [APP_ADMIN_ID, 'APP_ADMIN', 'USER'],
      ]);
      expect(
        await upstreamAssignments(gw.sim, `/api/v1/users/${user}/roles`, 'GROUP_MEMBERSHIP_ADMIN'),
      ).toEqual([[GROUP_MEMBERSHIP_ADMIN_ID, 'GROUP_MEMBERSHIP_ADMIN', 'USER']]);
    }

    const result = await gw.fetchGraphQL<Record<'helpDesk' | 'team' | 'standard' | 'targeted', Held | null>>(
      `query Shared($helpDesk: String!, $team: ID!, $standard: String!, $targeted: String!) {
        helpDesk: user(idOrLogin: $helpDesk) { ...Held }
        team: group(id: $team) { ...Held }
        standard: user(idOrLogin: $standard) { ...Held }
        targeted: user(idOrLogin: $targeted) { ...Held }
      }
      ${HELD}`,
      { helpDesk, team: helpDeskTeam, standard: lumosStandard, targeted: lumosTargeted },
    );
    expect(result.errors).toBeUndefined();
    const { helpDesk: desk, team, standard, targeted } = result.data ?? {};

    // Nothing merged or dropped: each principal shows its own assignments, each pointing back to it.
    const org = gw.sim.org.org.id;
    const group = (id: string) => `orn:okta:directory:${org}:groups:${id}`;
    const user = { __typename: 'User' };
    const own = (type: string, role: string, targets: string[] | null, principal: object) => ({
      role: { key: role },
      assignmentType: type,
      targets,
      inheritedFrom: null,
      principal,
    });
    expect(withoutIds(desk)).toEqual([
      own('USER', 'HELP_DESK_ADMIN', [group(supportStaff)], { ...user, key: helpDesk }),
    ]);
    expect(withoutIds(team)).toEqual([
      own('GROUP', 'HELP_DESK_ADMIN', null, { __typename: 'Group', key: helpDeskTeam }),
    ]);
    const standardUser = { ...user, key: lumosStandard };
    expect(withoutIds(standard)).toEqual([
      own('USER', 'APP_ADMIN', null, standardUser),
      own('USER', 'GROUP_MEMBERSHIP_ADMIN', null, standardUser),
      own('USER', 'REPORT_ADMIN', null, standardUser),
    ]);
    const targetedUser = { ...user, key: lumosTargeted };
    expect(withoutIds(targeted)).toEqual([
      own(
        'USER',
        'APP_ADMIN',
        [`orn:okta:idp:${org}:apps:salesforce`, `orn:okta:idp:${org}:apps:slack:${slackApp}`],
        targetedUser,
      ),
      own(
        'USER',
        'GROUP_MEMBERSHIP_ADMIN',
        [group(engineeringGroup), group(salesGroup)].toSorted(),
        targetedUser,
      ),
      own('USER', 'REPORT_ADMIN', null, targetedUser),
    ]);

    // Eight assignments, eight GraphQL ids: the shared Okta ids are told apart by principal.
    const idOf = (held: Held | null | undefined, role: string) =>
      held?.roleAssignments.find((a) => a.role.key === role)?.id;
    const all = [desk, team, standard, targeted].flatMap(
      (held) => held?.roleAssignments.map((a) => a.id) ?? [],
    );
    expect(all).toHaveLength(8);
    expect(new Set(all).size).toBe(8);
    expect(idOf(desk, 'HELP_DESK_ADMIN')).not.toBe(idOf(team, 'HELP_DESK_ADMIN'));
    expect(idOf(standard, 'APP_ADMIN')).not.toBe(idOf(targeted, 'APP_ADMIN'));
    expect(idOf(standard, 'GROUP_MEMBERSHIP_ADMIN')).not.toBe(idOf(targeted, 'GROUP_MEMBERSHIP_ADMIN'));

    // Effective permissions credit the principal's own assignment, never the other holder's.
    for (const held of [desk, team]) {
      const own = idOf(held, 'HELP_DESK_ADMIN');
      expect(held?.effectivePermissions.map((p) => p.permission.name).toSorted()).toEqual(
        HELP_DESK_PERMISSIONS,
      );
      for (const p of held?.effectivePermissions ?? []) expect(p.grantedBy.map((g) => g.id)).toEqual([own]);
    }
    for (const held of [standard, targeted]) {
      const mine = new Set(held?.roleAssignments.map((a) => a.id));
      const credited = held?.effectivePermissions.flatMap((p) => p.grantedBy.map((g) => g.id)) ?? [];
      expect(credited.filter((id) => !mine.has(id))).toEqual([]);
      // APP_ADMIN grants okta.apps.read, and it is this user's APP_ADMIN that is credited.
      const appsRead = held?.effectivePermissions.find((p) => p.permission.name === 'okta.apps.read');
      expect(appsRead?.grantedBy.map((g) => g.id)).toEqual([idOf(held, 'APP_ADMIN')]);
    }
  });

  // Skipped until RoleAssignment.id (src/schema/role-assignment.ts) tells these apart: today both are
  // USER:{user}:{Okta id}, so a client cache keyed by id merges the targeted direct role into the
  // org-wide inherited one. With the group in the id (inheritedFromGroupId) this test passes.
  it('gives distinct ids to a direct and a group-inherited assignment Okta lists under one id on one user', async () => {
    const { helpDesk } = ids.users;
    const { helpDeskTeam, supportStaff } = ids.groups;
    const org = structuredClone(gw.sim.org);
    // help.desk joins Help Desk Team: HELP_DESK_ADMIN of its own (Support Staff) and the team's (org-wide).
    const membership = org.memberships.find((m) => m.groupId === helpDeskTeam);
    membership?.userIds.push(helpDesk);
    const other = await startTestGateway({ sim: { org } });
    try {
      expect(
        await upstreamAssignments(other.sim, `/api/v1/users/${helpDesk}/roles`, 'HELP_DESK_ADMIN'),
      ).toEqual([
        [HELP_DESK_ADMIN_ID, 'HELP_DESK_ADMIN', 'USER'],
        [HELP_DESK_ADMIN_ID, 'HELP_DESK_ADMIN', 'GROUP'],
      ]);
      const result = await other.fetchGraphQL<{ user: Held | null }>(
        `query One($id: String!) { user(idOrLogin: $id) { ...Held } }\n${HELD}`,
        { id: helpDesk },
      );
      expect(result.errors).toBeUndefined();
      const principal = { __typename: 'User', key: helpDesk };
      const group = `orn:okta:directory:${org.org.id}:groups:${supportStaff}`;
      expect(withoutIds(result.data?.user)).toEqual([
        {
          role: { key: 'HELP_DESK_ADMIN' },
          assignmentType: 'GROUP',
          targets: null,
          inheritedFrom: { key: helpDeskTeam },
          principal,
        },
        {
          role: { key: 'HELP_DESK_ADMIN' },
          assignmentType: 'USER',
          targets: [group],
          inheritedFrom: null,
          principal,
        },
      ]);
      const assignmentIds = result.data?.user?.roleAssignments.map((a) => a.id) ?? [];
      expect(new Set(assignmentIds).size).toBe(2);
      for (const p of result.data?.user?.effectivePermissions ?? []) {
        expect(p.grantedBy.map((g) => g.id).toSorted()).toEqual(assignmentIds.toSorted());
      }
    } finally {
      await other.close();
    }
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
