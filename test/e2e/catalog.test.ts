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

/**
 * The permissions Okta's "Roles in Okta" lists (../shared/seeds/okta-roles-permissions-resources.txt,
 * "The following permissions are supported in Okta"), 58 of them. The demo org's custom roles use
 * only these, so the catalog adds none.
 */
const SEED_PERMISSIONS = [
  ...['okta.users.manage', 'okta.users.create', 'okta.users.read', 'okta.users.credentials.manage'],
  ...['okta.users.credentials.resetFactors', 'okta.users.credentials.resetPassword'],
  ...[
    'okta.users.credentials.expirePassword',
    'okta.users.userprofile.manage',
    'okta.users.lifecycle.manage',
  ],
  ...['okta.users.lifecycle.activate', 'okta.users.lifecycle.deactivate', 'okta.users.lifecycle.suspend'],
  ...['okta.users.lifecycle.unsuspend', 'okta.users.lifecycle.delete', 'okta.users.lifecycle.unlock'],
  ...['okta.users.lifecycle.clearSessions', 'okta.users.groupMembership.manage'],
  ...['okta.users.appAssignment.manage', 'okta.users.apitokens.manage', 'okta.users.apitokens.read'],
  ...['okta.groups.manage', 'okta.groups.create', 'okta.groups.members.manage', 'okta.groups.read'],
  ...['okta.groups.appAssignment.manage'],
  ...[
    'okta.apps.read',
    'okta.apps.manage',
    'okta.apps.assignment.manage',
    'okta.apps.clientCredentials.read',
  ],
  ...['okta.profilesources.import.run', 'okta.authzServers.read', 'okta.authzServers.manage'],
  ...['okta.customizations.read', 'okta.customizations.manage'],
  ...['okta.identityProviders.read', 'okta.identityProviders.manage', 'okta.workflows.read'],
  ...['okta.workflows.invoke', 'okta.governance.accessCertifications.manage'],
  ...['okta.governance.accessRequests.manage', 'okta.apps.manageFirstPartyApps'],
  ...['okta.agents.manage', 'okta.agents.register', 'okta.agents.view'],
  ...['okta.directories.manage', 'okta.directories.read'],
  ...['okta.devices.manage', 'okta.devices.lifecycle.manage', 'okta.devices.lifecycle.activate'],
  ...['okta.devices.lifecycle.deactivate', 'okta.devices.lifecycle.suspend'],
  ...['okta.devices.lifecycle.unsuspend', 'okta.devices.lifecycle.delete', 'okta.devices.read'],
  ...['okta.iam.read', 'okta.realms.manage', 'okta.realms.read', 'okta.support.cases.manage'],
];

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
    // SUPER_ADMIN grants every permission in the catalog (design/standard-role-permissions.md).
    expect(superAdmin?.permissions.map((p) => p.name).toSorted()).toEqual(SEED_PERMISSIONS.toSorted());
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
    expect(SEED_PERMISSIONS).toHaveLength(58);
    // Each once (sorting keeps duplicates), and exactly the seed's.
    expect(names.toSorted()).toEqual(SEED_PERMISSIONS.toSorted());
    const one = await gw.execute(PermissionDocument, { name: 'okta.groups.members.manage' });
    // The seed's line: "okta.groups.members.manage Allows the admin to only manage member operations
    // in a group in your Okta org All groups, a specific group".
    expect(one.data?.permission).toEqual({
      name: 'okta.groups.members.manage',
      description: 'Allows the admin to only manage member operations in a group in your Okta org',
      applicableResources: ['All groups', 'a specific group'],
    });
    expect((await gw.execute(PermissionDocument, { name: 'okta.nothing.here' })).data?.permission).toBeNull();
  });
});

describe('resource sets', () => {
  it('shows a resource set with parsed ORNs, REST URLs and bindings resolved to principals', async () => {
    const result = await gw.execute(ResourceSetDocument, { idOrLabel: 'Lumos: all users, groups and apps' });
    expect(result.errors).toBeUndefined();
    const set = result.data?.resourceSet;
    expect(set?.key).toBe(ids.extras.lumosResourceSet);
    expect(set?.description).toBe('Every user, group and app of the org');
    // demo-setup.ts: all users, all groups, all apps; each the collection's REST URL on the org.
    const org = gw.sim.org.org.id;
    const whole = (service: string, objectType: string, path: string) => {
      const restUrl = `${gw.sim.url}/api/v1/${path}`;
      return {
        orn: `orn:okta:${service}:${org}:${objectType}`,
        restUrl,
        parsed: {
          partition: 'okta',
          service,
          orgId: org,
          objectType,
          objectId: null,
          appName: null,
          containedResources: false,
          restUrl,
        },
      };
    };
    expect(set?.resources).toEqual([
      whole('directory', 'users', 'users'),
      whole('directory', 'groups', 'groups'),
      whole('idp', 'apps', 'apps'),
    ]);
    // Three custom roles are bound on it, one user each (demo-setup.ts, demo-setup-later.ts).
    expect(
      set?.bindings.map((b) => ({
        role: [b.role.key, b.role.label, b.role.kind],
        members: b.members.map((m) => [m.__typename, m.kind, m.key, m.displayName]),
      })),
    ).toEqual([
      {
        role: [ids.extras.lumosRole, 'Lumos Integration', 'CUSTOM'],
        members: [['User', 'USER', ids.users.lumosCustom, 'Cas Custom']],
      },
      {
        role: [ids.extras.lumosRoleNoAppAssignment, 'Lumos Integration (no app assignment)', 'CUSTOM'],
        members: [['User', 'USER', ids.users.lumosCustomMissing, 'Cy Missing']],
      },
      {
        role: [ids.extras.lumosRoleNoLifecycle, 'Lumos Integration (no lifecycle)', 'CUSTOM'],
        members: [['User', 'USER', ids.users.lumosCustomGap, 'Gus Gap']],
      },
    ]);
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
    // The first member of the set's first binding: lumos.custom, holder of "Lumos Integration".
    expect([role?.key, set?.key, user?.key]).toEqual([
      ids.extras.lumosRole,
      ids.extras.lumosResourceSet,
      ids.users.lumosCustom,
    ]);
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
