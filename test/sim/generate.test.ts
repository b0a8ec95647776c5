import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_GROUPS, DEMO_SERVICE_APPS, DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { demoPrincipalIds, generateDemoOrg } from '../../src/sim/generate.ts';
import { parseSnapshot } from '../../src/sim/snapshot.ts';
import type { OrgSnapshot, SnapshotRoleAssignment } from '../../src/sim/snapshot-format.ts';

const PERMISSIONS_SEED = new URL(
  '../../../shared/seeds/okta-roles-permissions-resources.txt',
  import.meta.url,
);
const LUMOS_SCOPES = [
  'okta.users.manage',
  'okta.apps.manage',
  'okta.groups.manage',
  'okta.roles.read',
  'okta.logs.read',
  'okta.schemas.read',
];
const LUMOS_PERMISSIONS = [
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

/** A readable digest of an assignment: `TYPE` or `TYPE groups=[...]` / `TYPE apps=[...]`. */
function digest(assignment: SnapshotRoleAssignment): string {
  const groups = assignment.groupTargets ? ` groups=[${assignment.groupTargets.join(',')}]` : '';
  const apps = assignment.appTargets
    ? ` apps=[${assignment.appTargets.map((t) => (t.appId ? `${t.name}:${t.appId}` : t.name)).join(',')}]`
    : '';
  return `${assignment.type}${groups}${apps}`;
}

/** Standard roles a user holds: direct ones and those of every group the user belongs to. */
function standardRolesOfUser(org: OrgSnapshot, userId: string): string[] {
  const groups = new Set(org.memberships.filter((m) => m.userIds.includes(userId)).map((m) => m.groupId));
  return org.roleAssignments
    .filter(
      (a) =>
        (a.principalType === 'USER' && a.principalId === userId) ||
        (a.principalType === 'GROUP' && groups.has(a.principalId)),
    )
    .map(digest)
    .sort();
}

/** Custom-role bindings naming a principal directly or through one of its groups: `role label @ set label`. */
function bindingsOf(org: OrgSnapshot, principalId: string): string[] {
  const groups = new Set(
    org.memberships.filter((m) => m.userIds.includes(principalId)).map((m) => m.groupId),
  );
  const roleLabel = new Map(org.customRoles.map((r) => [r.id, r.label]));
  return org.resourceSets.flatMap((set) =>
    set.bindings
      .filter((b) => b.members.some((m) => m.id === principalId || groups.has(m.id)))
      .map((b) => `${roleLabel.get(b.role) ?? b.role} @ ${set.label}`),
  );
}

function grantsOf(org: OrgSnapshot, appId: string): string[] {
  return org.grants
    .filter((g) => g.appId === appId)
    .map((g) => `${g.scopeId}:${g.status}`)
    .sort();
}

const org = generateDemoOrg();
const ids = demoPrincipalIds(org);

describe('generateDemoOrg', () => {
  it('gives byte-identical JSON for the same seed and sizes, and a different org for another seed', () => {
    expect(JSON.stringify(generateDemoOrg({ seed: 'demo' }))).toBe(JSON.stringify(org));
    expect(JSON.stringify(generateDemoOrg({ seed: 42, users: 300 }))).toBe(
      JSON.stringify(generateDemoOrg({ seed: 42, users: 300 })),
    );
    const other = generateDemoOrg({ seed: 'other' });
    expect(other.users[20]?.id).not.toBe(org.users[20]?.id);
    expect(demoPrincipalIds(other).users.gateway).not.toBe(ids.users.gateway);
  });

  it('keeps the named principals ids whatever the size', () => {
    const tiny = generateDemoOrg({ users: 20, groups: 0, apps: 0, serviceApps: 0, admins: 0 });
    expect(demoPrincipalIds(tiny)).toEqual(ids);
    expect(tiny.org.id).toBe(org.org.id);
  });

  it('produces the requested sizes, named principals included, with floors for tiny requests', () => {
    expect(org.users).toHaveLength(2000);
    expect(org.groups).toHaveLength(150);
    expect(org.apps.filter((a) => a.oauthClient?.applicationType !== 'service')).toHaveLength(60);
    expect(org.apps.filter((a) => a.oauthClient?.applicationType === 'service')).toHaveLength(7);
    expect(org.customRoles).toHaveLength(3 + 3);
    expect(org.resourceSets).toHaveLength(5 + 3);
    const sized = generateDemoOrg({
      users: 500,
      groups: 40,
      apps: 12,
      serviceApps: 9,
      customRoles: 7,
      resourceSets: 5,
    });
    expect([sized.users.length, sized.groups.length, sized.apps.length]).toEqual([500, 40, 12 + 9]);
    expect([sized.customRoles.length, sized.resourceSets.length]).toEqual([10, 10]);
    const tiny = generateDemoOrg({
      users: 0,
      groups: 0,
      apps: 0,
      serviceApps: 0,
      customRoles: 0,
      resourceSets: 0,
    });
    expect(tiny.users.length).toBe(Object.keys(DEMO_USERS).length + 1);
    expect(() => generateDemoOrg({ users: -1 })).toThrow(/whole numbers/);
  });

  it('uses Okta-style ids, unique across the org', () => {
    const expectIds = (list: { id: string }[], prefix: string) => {
      for (const { id } of list) expect(id).toMatch(new RegExp(`^${prefix}[0-9A-Za-z]{17}$`));
    };
    expectIds([org.org], '00o');
    expectIds(org.users, '00u');
    expectIds(org.groups, '00g');
    expectIds(org.apps, '0oa');
    expectIds(org.customRoles, 'cr0');
    // Okta's predefined resource sets of IAM-based roles have fixed ids instead.
    const predefined = org.resourceSets.filter((s) => s.id.endsWith('_IAM_POLICY'));
    expect(predefined.map((s) => s.id)).toEqual(['ACCESS_CERTIFICATIONS_IAM_POLICY', 'WORKFLOWS_IAM_POLICY']);
    expectIds(
      org.resourceSets.filter((s) => !predefined.includes(s)),
      'iam',
    );
    expectIds(org.grants, 'oag');
    const all = [org.users, org.groups, org.apps, org.customRoles, org.resourceSets, org.grants].flat();
    expect(new Set(all.map((x) => x.id)).size).toBe(all.length);
  });

  it('looks like a real directory: unique logins, mostly active users, Everyone holding everybody', () => {
    const logins = org.users.map((u) => u.profile.login);
    expect(new Set(logins).size).toBe(logins.length);
    for (const user of org.users) {
      expect(user.profile.login).toMatch(/^[a-z.0-9]+@demo\.example$/);
      expect(user.profile.email).toBe(user.profile.login);
    }
    const active = org.users.filter((u) => u.status === 'ACTIVE').length;
    expect(active / org.users.length).toBeGreaterThan(0.8);
    for (const status of ['STAGED', 'SUSPENDED', 'DEPROVISIONED']) {
      expect(org.users.some((u) => u.status === status)).toBe(true);
    }
    const everyone = org.groups.find((g) => g.profile.name === 'Everyone');
    expect(everyone?.type).toBe('BUILT_IN');
    const everyoneMembers = org.memberships.find((m) => m.groupId === everyone?.id)?.userIds;
    expect(everyoneMembers).toHaveLength(org.users.length);
    const perUser = new Map<string, number>();
    for (const m of org.memberships) for (const u of m.userIds) perUser.set(u, (perUser.get(u) ?? 0) + 1);
    const random = org.users.slice(Object.keys(DEMO_USERS).length);
    const average = random.reduce((sum, u) => sum + (perUser.get(u.id) ?? 0), 0) / random.length;
    expect(average).toBeGreaterThan(2.5);
    for (const name of ['oidc_client', 'salesforce', 'slack', 'bookmark']) {
      expect(org.apps.some((a) => a.name === name)).toBe(true);
    }
    expect(org.systemLog?.length).toBeGreaterThan(0);
  });

  it('sets up every named user exactly as demo-principals states', () => {
    const u = ids.users;
    const x = ids.extras;
    const expected: Record<keyof typeof DEMO_USERS, { roles: string[]; bindings: string[] }> = {
      gateway: { roles: ['SUPER_ADMIN'], bindings: [] },
      superDirect: { roles: ['SUPER_ADMIN'], bindings: [] },
      superViaGroup: { roles: ['SUPER_ADMIN'], bindings: [] },
      readOnly: { roles: ['READ_ONLY_ADMIN'], bindings: [] },
      noRole: { roles: [], bindings: [] },
      lumosStandard: { roles: ['APP_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'REPORT_ADMIN'], bindings: [] },
      lumosTargeted: {
        roles: [
          `APP_ADMIN apps=[salesforce,slack:${x.slackApp}]`,
          `GROUP_MEMBERSHIP_ADMIN groups=[${x.engineeringGroup},${x.salesGroup}]`,
          'REPORT_ADMIN',
        ],
        bindings: [],
      },
      lumosCustom: {
        roles: ['APP_ADMIN', 'REPORT_ADMIN'],
        bindings: ['Lumos Integration @ Lumos: all users, groups and apps'],
      },
      lumosCustomMissing: {
        roles: ['APP_ADMIN', 'REPORT_ADMIN'],
        bindings: ['Lumos Integration (no app assignment) @ Lumos: all users, groups and apps'],
      },
      orgAdmin: { roles: ['ORG_ADMIN'], bindings: [] },
      helpDesk: { roles: [`HELP_DESK_ADMIN groups=[${ids.groups.supportStaff}]`], bindings: [] },
      accessCertifications: {
        roles: [],
        bindings: ['ACCESS_CERTIFICATIONS_ADMIN @ Access certifications'],
      },
      lumosCustomGap: {
        roles: ['APP_ADMIN', 'REPORT_ADMIN'],
        bindings: ['Lumos Integration (no lifecycle) @ Lumos: all users, groups and apps'],
      },
      lumosCustomOutOfScope: {
        roles: ['API_ACCESS_MANAGEMENT_ADMIN', 'REPORT_ADMIN'],
        bindings: ['Lumos Integration @ Lumos: users and groups'],
      },
      inactiveRole: { roles: ['APP_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'REPORT_ADMIN'], bindings: [] },
      unknownRoleType: { roles: [], bindings: ['WORKFLOWS_ADMIN @ Workflows'] },
    };
    for (const key of Object.keys(DEMO_USERS) as (keyof typeof DEMO_USERS)[]) {
      const user = org.users.find((candidate) => candidate.id === u[key]);
      expect(user?.profile.login, key).toBe(DEMO_USERS[key].login);
      expect(user?.status, key).toBe('ACTIVE');
      expect(standardRolesOfUser(org, u[key]), key).toEqual(expected[key].roles);
      expect(bindingsOf(org, u[key]), key).toEqual(expected[key].bindings);
    }
    const inactive = org.roleAssignments.filter((a) => a.status !== 'ACTIVE');
    expect(inactive.map((a) => [a.principalId, a.type])).toEqual([[u.inactiveRole, 'REPORT_ADMIN']]);
    const direct = (id: string) => org.roleAssignments.filter((a) => a.principalId === id).map((a) => a.type);
    expect(direct(u.superViaGroup)).toEqual([]);
    expect(direct(u.gateway)).toEqual(['SUPER_ADMIN']);
    expect(org.users[0]?.id).toBe(u.gateway);
  });

  it('sets up the named groups, the targeted app and groups, and the Lumos roles and resource set', () => {
    const groupRoles = (id: string) =>
      org.roleAssignments.filter((a) => a.principalType === 'GROUP' && a.principalId === id).map(digest);
    expect(groupRoles(ids.groups.superAdmins)).toEqual(['SUPER_ADMIN']);
    expect(groupRoles(ids.groups.helpDeskTeam)).toEqual(['HELP_DESK_ADMIN']);
    expect(groupRoles(ids.groups.supportStaff)).toEqual([]);
    expect(org.memberships.find((m) => m.groupId === ids.groups.superAdmins)?.userIds).toEqual([
      ids.users.superViaGroup,
    ]);
    for (const key of Object.keys(DEMO_GROUPS) as (keyof typeof DEMO_GROUPS)[]) {
      expect(org.groups.find((g) => g.id === ids.groups[key])?.profile.name).toBe(DEMO_GROUPS[key].name);
    }
    const name = (id: string) => org.groups.find((g) => g.id === id)?.profile.name;
    expect([name(ids.extras.engineeringGroup), name(ids.extras.salesGroup)]).toEqual([
      'Engineering',
      'Sales',
    ]);
    expect(org.apps.find((a) => a.id === ids.extras.slackApp)?.name).toBe('slack');

    const role = (id: string) => org.customRoles.find((r) => r.id === id);
    expect(role(ids.extras.lumosRole)?.permissions).toEqual(LUMOS_PERMISSIONS);
    expect(role(ids.extras.lumosRoleNoAppAssignment)?.permissions).toEqual(
      LUMOS_PERMISSIONS.filter((p) => p !== 'okta.apps.assignment.manage'),
    );
    const lumosSet = org.resourceSets.find((s) => s.id === ids.extras.lumosResourceSet);
    const orgId = org.org.id;
    expect(lumosSet?.resources).toEqual([
      `orn:okta:directory:${orgId}:users`,
      `orn:okta:directory:${orgId}:groups`,
      `orn:okta:idp:${orgId}:apps`,
    ]);
    const accessRequests = org.resourceSets.find((s) => s.id === ids.extras.accessRequestsResourceSet);
    expect(accessRequests?.resources).toEqual([`orn:okta:governance:${orgId}:requests`]);
    expect(accessRequests?.bindings.map((b) => b.role)).toEqual(['ACCESS_REQUESTS_ADMIN']);
    const holder = accessRequests?.bindings[0]?.members[0];
    expect(holder?.type).toBe('USER');
    expect(Object.values(ids.users)).not.toContain(holder?.id);
    const certifications = org.resourceSets.find((s) => s.id === 'ACCESS_CERTIFICATIONS_IAM_POLICY');
    expect(ids.extras.accessCertificationsResourceSet).toBe('ACCESS_CERTIFICATIONS_IAM_POLICY');
    expect(certifications?.resources).toEqual([`orn:okta:governance:${orgId}:certifications`]);
    expect(certifications?.bindings).toEqual([
      {
        role: 'ACCESS_CERTIFICATIONS_ADMIN',
        members: [{ type: 'USER', id: ids.users.accessCertifications }],
      },
    ]);
  });

  it('keeps the ids the named principals had before access.certs and the later personas were added (their ids are drawn last)', () => {
    const named = Object.keys(DEMO_USERS).length;
    expect(org.users.slice(named - 5, named).map((u) => u.profile.login)).toEqual([
      'access.certs@demo.example',
      'lumos.custom.gap@demo.example',
      'lumos.custom.scoped@demo.example',
      'inactive.role@demo.example',
      'new.role.type@demo.example',
    ]);
    // Ids of seed 'demo' as generated before the IAM-based role holder joined the named principals.
    expect([org.org.id, ids.users.gateway, ids.users.helpDesk, ids.groups.superAdmins]).toEqual([
      '00o79XDy5kj9vcdLFQqi',
      '00uDk3RcmiSCtvh1ed5z',
      '00uFG80cA1M6GYHelB00',
      '00gJlztAzy7qZfgsjmqx',
    ]);
    expect([ids.serviceApps.reporting, ids.extras.accessRequestsResourceSet]).toEqual([
      '0oax7FOL7hk05R2aVVNW',
      'iamuQ83kBjaP4ZAsF3lh',
    ]);
  });

  it('sets up every named service app with its roles and scope grants', () => {
    const s = ids.serviceApps;
    const roles = (clientId: string) =>
      org.roleAssignments
        .filter((a) => a.principalType === 'CLIENT' && a.principalId === clientId)
        .map(digest);
    const active = (scopes: string[]) => scopes.map((scope) => `${scope}:ACTIVE`).sort();
    for (const key of Object.keys(DEMO_SERVICE_APPS) as (keyof typeof DEMO_SERVICE_APPS)[]) {
      const app = org.apps.find((a) => a.id === s[key]);
      expect(app?.label).toBe(DEMO_SERVICE_APPS[key].label);
      expect(app?.oauthClient).toEqual({
        clientId: s[key],
        applicationType: 'service',
        tokenEndpointAuthMethod: 'private_key_jwt',
      });
    }
    expect(roles(s.full)).toEqual(['SUPER_ADMIN']);
    expect(grantsOf(org, s.full)).toEqual(active(LUMOS_SCOPES));
    expect(roles(s.missingScope)).toEqual(['SUPER_ADMIN']);
    expect(grantsOf(org, s.missingScope)).toEqual(active(LUMOS_SCOPES.filter((x) => x !== 'okta.logs.read')));
    expect(roles(s.revoked)).toEqual(['SUPER_ADMIN']);
    expect(grantsOf(org, s.revoked)).toEqual(
      [...active(LUMOS_SCOPES.filter((x) => x !== 'okta.schemas.read')), 'okta.schemas.read:REVOKED'].sort(),
    );
    expect(roles(s.readOnly)).toEqual(['SUPER_ADMIN']);
    expect(grantsOf(org, s.readOnly)).toEqual(
      active([
        'okta.users.read',
        'okta.groups.read',
        'okta.apps.manage',
        'okta.roles.read',
        'okta.logs.read',
        'okta.schemas.read',
      ]),
    );
    expect(roles(s.noRole)).toEqual([]);
    expect(grantsOf(org, s.noRole)).toEqual(active(LUMOS_SCOPES));
    expect(roles(s.reporting)).toEqual(['READ_ONLY_ADMIN']);
    expect(grantsOf(org, s.reporting)).toEqual(active(['okta.users.read', 'okta.logs.read']));
    expect(roles(s.partialScopes)).toEqual(['ORG_ADMIN']);
    expect(grantsOf(org, s.partialScopes)).toEqual(
      active(LUMOS_SCOPES.map((x) => (x === 'okta.users.manage' ? 'okta.users.read' : x))),
    );
    const bound = new Set(
      org.resourceSets.flatMap((set) => set.bindings.flatMap((b) => b.members.map((m) => m.id))),
    );
    for (const clientId of Object.values(s)) expect(bound.has(clientId), clientId).toBe(false);
  });

  it('assigns every standard role type to random users, some groups and some service apps', () => {
    const big = generateDemoOrg({ serviceApps: 20, admins: 60 });
    const named = new Set([
      ...Object.values(demoPrincipalIds(big).users),
      ...Object.values(demoPrincipalIds(big).groups),
    ]);
    const random = big.roleAssignments.filter((a) => !named.has(a.principalId));
    const types = new Set(random.map((a) => a.type));
    for (const type of [
      'SUPER_ADMIN',
      'ORG_ADMIN',
      'APP_ADMIN',
      'USER_ADMIN',
      'HELP_DESK_ADMIN',
      'GROUP_MEMBERSHIP_ADMIN',
      'READ_ONLY_ADMIN',
      'REPORT_ADMIN',
      'API_ACCESS_MANAGEMENT_ADMIN',
      'MOBILE_ADMIN',
    ]) {
      expect(types, type).toContain(type);
    }
    expect(random.some((a) => a.principalType === 'GROUP')).toBe(true);
    expect(random.some((a) => a.principalType === 'CLIENT')).toBe(true);
    expect(random.some((a) => (a.groupTargets?.length ?? 0) > 0)).toBe(true);
    expect(random.some((a) => (a.appTargets?.length ?? 0) > 0)).toBe(true);
    const everyone = demoPrincipalIds(big).extras.everyoneGroup;
    expect(big.roleAssignments.some((a) => a.principalId === everyone)).toBe(false);
  });

  it('uses only real ORN forms in resource sets', () => {
    const orgId = org.org.id;
    const forms = [
      new RegExp(`^orn:okta:directory:${orgId}:(users|groups)$`),
      new RegExp(`^orn:okta:directory:${orgId}:groups:00g\\w{17}(:contained_resources)?$`),
      new RegExp(`^orn:okta:idp:${orgId}:apps(:[a-z0-9_]+(:0oa\\w{17})?)?$`),
      new RegExp(`^orn:okta:governance:${orgId}:(requests|certifications)$`),
      new RegExp(`^orn:okta:workflow:${orgId}:flows$`),
    ];
    const resources = generateDemoOrg({ resourceSets: 40 }).resourceSets.flatMap((s) => s.resources);
    for (const orn of resources)
      expect(
        forms.some((form) => form.test(orn)),
        orn,
      ).toBe(true);
  });

  it('passes its own snapshot validation, at several seeds and sizes', () => {
    expect(() => parseSnapshot(JSON.parse(JSON.stringify(org)))).not.toThrow();
    for (const seed of [1, 'x', 'tiny']) {
      const sized = generateDemoOrg({
        seed,
        users: 30,
        groups: 8,
        apps: 3,
        customRoles: 0,
        resourceSets: 2,
        admins: 10,
      });
      expect(() => parseSnapshot(sized)).not.toThrow();
    }
  });

  it('generates a 20,000-user org quickly and validly', () => {
    const started = performance.now();
    const large = generateDemoOrg({ users: 20_000, groups: 1000, apps: 200, serviceApps: 20, admins: 100 });
    const elapsedMs = performance.now() - started;
    expect(large.users).toHaveLength(20_000);
    expect(large.groups).toHaveLength(1000);
    expect(elapsedMs).toBeLessThan(5000);
    expect(() => parseSnapshot(large)).not.toThrow();
  });
});

// Skipped when ../shared (the seeds) is not checked out beside the repository.
describe.skipIf(!existsSync(PERMISSIONS_SEED))(
  'generateDemoOrg against the Okta permission catalog (needs ../shared)',
  () => {
    it('gives custom roles only permissions named in Okta’s "Roles in Okta" reference', () => {
      const catalog = new Set(readFileSync(PERMISSIONS_SEED, 'utf8').match(/okta\.[A-Za-z]+(\.[A-Za-z]+)+/g));
      const permissions = generateDemoOrg({ customRoles: 40 }).customRoles.flatMap((r) => r.permissions);
      for (const permission of permissions) expect(catalog, permission).toContain(permission);
    });
  },
);
