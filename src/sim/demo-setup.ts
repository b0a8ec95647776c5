/**
 * Builds the demo org's named principals exactly as `demo-principals.ts` states their setup. Their
 * ids come from their own seeded stream, drawn in a fixed order, so they depend on the seed only,
 * never on the org's size.
 */
import { DEMO_GROUPS, DEMO_SERVICE_APPS, DEMO_USERS } from './demo-principals.ts';
import {
  buildLaterPart,
  LATER_EXTRAS,
  SERVICE_APPS_ADDED_LATER,
  USERS_ADDED_LATER,
} from './demo-setup-later.ts';
import { ID_PREFIX, type OktaIdFactory } from './generate-random.ts';
import type {
  SnapshotApp,
  SnapshotCustomRole,
  SnapshotGrant,
  SnapshotGroup,
  SnapshotMembership,
  SnapshotOrg,
  SnapshotResourceSet,
  SnapshotRoleAssignment,
  SnapshotUser,
} from './snapshot-format.ts';

/** The Okta API scopes Lumos requests of a service app. */
export const LUMOS_SCOPES = [
  'okta.users.manage',
  'okta.apps.manage',
  'okta.groups.manage',
  'okta.roles.read',
  'okta.logs.read',
  'okta.schemas.read',
] as const;

/** The Lumos requirements' custom-role permissions, in Okta's names. */
export const LUMOS_CUSTOM_ROLE_PERMISSIONS = [
  'okta.users.lifecycle.manage',
  'okta.users.read',
  'okta.users.appAssignment.manage',
  'okta.users.groupMembership.manage',
  'okta.groups.read',
  'okta.groups.members.manage',
  'okta.apps.manage',
  'okta.apps.read',
  'okta.apps.assignment.manage',
] as const;

/** Names of the named objects that are not principals of `demo-principals.ts`. */
export const DEMO_EXTRAS = {
  everyoneGroup: 'Everyone',
  engineeringGroup: 'Engineering',
  salesGroup: 'Sales',
  slackApp: 'Slack',
  salesforceApp: 'Salesforce',
  lumosRole: 'Lumos Integration',
  lumosRoleNoAppAssignment: 'Lumos Integration (no app assignment)',
  lumosResourceSet: 'Lumos: all users, groups and apps',
  accessRequestsResourceSet: 'Access requests',
  accessCertificationsResourceSet: 'Access certifications',
  ...LATER_EXTRAS,
} as const;

/** Okta's predefined resource set of the IAM-based Access Certifications Administrator role. */
export const ACCESS_CERTIFICATIONS_IAM_POLICY = 'ACCESS_CERTIFICATIONS_IAM_POLICY';

/** The named part of the org, before the random population is added. */
export interface NamedOrgPart {
  users: SnapshotUser[];
  /** Everyone first, then the named groups; Engineering and Sales last. */
  groups: SnapshotGroup[];
  everyoneGroupId: string;
  engineeringGroupId: string;
  salesGroupId: string;
  /** Group memberships of named users, beside Everyone. */
  memberships: SnapshotMembership[];
  apps: SnapshotApp[];
  grants: SnapshotGrant[];
  customRoles: SnapshotCustomRole[];
  resourceSets: SnapshotResourceSet[];
  /** The resource set the IAM-based ACCESS_REQUESTS_ADMIN is bound on; the caller adds members. */
  accessRequestsResourceSet: SnapshotResourceSet;
  roleAssignments: SnapshotRoleAssignment[];
}

const NAMED_CREATED = '2021-03-15T09:00:00.000Z';

export function buildNamedPart(org: SnapshotOrg, ids: OktaIdFactory): NamedOrgPart {
  const created = NAMED_CREATED;
  const users = Object.entries(DEMO_USERS).map(
    ([key, user]): SnapshotUser => ({
      // Named users added after the first demo org get their ids last, so earlier ids stay as they were.
      id: USERS_ADDED_LATER.has(key as keyof typeof DEMO_USERS) ? '' : ids.next(ID_PREFIX.user),
      status: 'ACTIVE',
      created,
      profile: {
        login: user.login,
        email: user.login,
        firstName: user.firstName,
        lastName: user.lastName,
        department: 'IT',
        title: 'IAM Engineer',
      },
    }),
  );
  const userId = (key: keyof typeof DEMO_USERS) => users[Object.keys(DEMO_USERS).indexOf(key)]!.id;

  const group = (name: string, description: string, type: SnapshotGroup['type'] = 'OKTA_GROUP') => ({
    id: ids.next(ID_PREFIX.group),
    type,
    created,
    profile: { name, description },
  });
  const everyone = group(DEMO_EXTRAS.everyoneGroup, 'All users in your organization', 'BUILT_IN');
  const superAdmins = group(DEMO_GROUPS.superAdmins.name, 'Members hold SUPER_ADMIN through the group');
  const supportStaff = group(DEMO_GROUPS.supportStaff.name, 'Customer support staff');
  const helpDeskTeam = group(DEMO_GROUPS.helpDeskTeam.name, 'Members hold HELP_DESK_ADMIN through the group');
  const engineering = group(DEMO_EXTRAS.engineeringGroup, 'Engineering department');
  const sales = group(DEMO_EXTRAS.salesGroup, 'Sales department');

  const app = (name: string, label: string, signOnMode: string): SnapshotApp => ({
    id: ids.next(ID_PREFIX.app),
    name,
    label,
    status: 'ACTIVE',
    signOnMode,
    created,
  });
  const slack = app('slack', DEMO_EXTRAS.slackApp, 'SAML_2_0');
  const salesforce = app('salesforce', DEMO_EXTRAS.salesforceApp, 'SAML_2_0');
  const firstServiceApps = (Object.keys(DEMO_SERVICE_APPS) as (keyof typeof DEMO_SERVICE_APPS)[]).filter(
    (key) => !SERVICE_APPS_ADDED_LATER.has(key),
  );
  const serviceApps = firstServiceApps.map((key): SnapshotApp => {
    const base = app('oidc_client', DEMO_SERVICE_APPS[key].label, 'OPENID_CONNECT');
    return {
      ...base,
      oauthClient: {
        clientId: base.id,
        applicationType: 'service',
        tokenEndpointAuthMethod: 'private_key_jwt',
      },
    };
  });
  const clientId = (key: keyof typeof DEMO_SERVICE_APPS) => serviceApps[firstServiceApps.indexOf(key)]!.id;

  const grants: SnapshotGrant[] = [];
  const grant = (key: keyof typeof DEMO_SERVICE_APPS, scopes: readonly string[], revoked: string[] = []) => {
    for (const scopeId of scopes) {
      const status = revoked.includes(scopeId) ? 'REVOKED' : 'ACTIVE';
      grants.push({ id: ids.next(ID_PREFIX.grant), appId: clientId(key), scopeId, status, created });
    }
  };
  grant('full', LUMOS_SCOPES);
  grant(
    'missingScope',
    LUMOS_SCOPES.filter((scope) => scope !== 'okta.logs.read'),
  );
  grant('revoked', LUMOS_SCOPES, ['okta.schemas.read']);
  grant('readOnly', [
    'okta.users.read',
    'okta.groups.read',
    'okta.apps.manage',
    'okta.roles.read',
    'okta.logs.read',
    'okta.schemas.read',
  ]);
  grant('noRole', LUMOS_SCOPES);
  grant('reporting', ['okta.users.read', 'okta.logs.read']);

  const customRole = (label: string, description: string, permissions: readonly string[]) => ({
    id: ids.next(ID_PREFIX.customRole),
    label,
    description,
    permissions: [...permissions],
    created,
  });
  const lumosRole = customRole(
    DEMO_EXTRAS.lumosRole,
    'The permissions the Lumos Okta integration needs',
    LUMOS_CUSTOM_ROLE_PERMISSIONS,
  );
  const lumosRoleNoAppAssignment = customRole(
    DEMO_EXTRAS.lumosRoleNoAppAssignment,
    'The Lumos permissions less okta.apps.assignment.manage',
    LUMOS_CUSTOM_ROLE_PERMISSIONS.filter((permission) => permission !== 'okta.apps.assignment.manage'),
  );

  const orn = (service: string, rest: string) => `orn:${org.partition}:${service}:${org.id}:${rest}`;
  const lumosSet: SnapshotResourceSet = {
    id: ids.next(ID_PREFIX.resourceSet),
    label: DEMO_EXTRAS.lumosResourceSet,
    description: 'Every user, group and app of the org',
    created,
    resources: [orn('directory', 'users'), orn('directory', 'groups'), orn('idp', 'apps')],
    bindings: [
      { role: lumosRole.id, members: [{ type: 'USER', id: userId('lumosCustom') }] },
      { role: lumosRoleNoAppAssignment.id, members: [{ type: 'USER', id: userId('lumosCustomMissing') }] },
    ],
  };
  const accessRequestsSet: SnapshotResourceSet = {
    id: ids.next(ID_PREFIX.resourceSet),
    label: DEMO_EXTRAS.accessRequestsResourceSet,
    description: 'All access requests, for the IAM-based Access Requests Administrator role',
    created,
    resources: [orn('governance', 'requests')],
    bindings: [],
  };

  const roleAssignments: SnapshotRoleAssignment[] = [];
  const assign = (
    principalType: SnapshotRoleAssignment['principalType'],
    principalId: string,
    type: string,
    targets: Pick<SnapshotRoleAssignment, 'groupTargets' | 'appTargets'> = {},
  ) => roleAssignments.push({ principalType, principalId, type, status: 'ACTIVE', created, ...targets });
  const lumosStandardRoles = (key: keyof typeof DEMO_USERS) => {
    assign('USER', userId(key), 'APP_ADMIN');
    assign('USER', userId(key), 'REPORT_ADMIN');
  };

  assign('USER', userId('gateway'), 'SUPER_ADMIN');
  assign('USER', userId('superDirect'), 'SUPER_ADMIN');
  assign('GROUP', superAdmins.id, 'SUPER_ADMIN');
  assign('USER', userId('readOnly'), 'READ_ONLY_ADMIN');
  assign('USER', userId('lumosStandard'), 'GROUP_MEMBERSHIP_ADMIN');
  lumosStandardRoles('lumosStandard');
  assign('USER', userId('lumosTargeted'), 'GROUP_MEMBERSHIP_ADMIN', {
    groupTargets: [engineering.id, sales.id],
  });
  assign('USER', userId('lumosTargeted'), 'APP_ADMIN', {
    appTargets: [{ name: 'salesforce' }, { name: 'slack', appId: slack.id }],
  });
  assign('USER', userId('lumosTargeted'), 'REPORT_ADMIN');
  lumosStandardRoles('lumosCustom');
  lumosStandardRoles('lumosCustomMissing');
  assign('USER', userId('orgAdmin'), 'ORG_ADMIN');
  assign('USER', userId('helpDesk'), 'HELP_DESK_ADMIN', { groupTargets: [supportStaff.id] });
  assign('GROUP', helpDeskTeam.id, 'HELP_DESK_ADMIN');
  for (const key of ['full', 'missingScope', 'revoked', 'readOnly'] as const) {
    assign('CLIENT', clientId(key), 'SUPER_ADMIN');
  }
  assign('CLIENT', clientId('reporting'), 'READ_ONLY_ADMIN');

  for (const user of users) if (!user.id) user.id = ids.next(ID_PREFIX.user);
  const accessCertificationsSet: SnapshotResourceSet = {
    id: ACCESS_CERTIFICATIONS_IAM_POLICY,
    label: DEMO_EXTRAS.accessCertificationsResourceSet,
    description: 'Predefined resource set of the IAM-based Access Certifications Administrator role',
    created,
    resources: [orn('governance', 'certifications')],
    bindings: [
      {
        role: 'ACCESS_CERTIFICATIONS_ADMIN',
        members: [{ type: 'USER', id: userId('accessCertifications') }],
      },
    ],
  };

  const later = buildLaterPart({
    org,
    ids,
    created,
    userId,
    lumosRole,
    lumosSet,
    permissions: LUMOS_CUSTOM_ROLE_PERMISSIONS,
    scopes: LUMOS_SCOPES,
  });

  return {
    users,
    groups: [everyone, superAdmins, supportStaff, helpDeskTeam, engineering, sales],
    everyoneGroupId: everyone.id,
    engineeringGroupId: engineering.id,
    salesGroupId: sales.id,
    memberships: [{ groupId: superAdmins.id, userIds: [userId('superViaGroup')] }],
    apps: [slack, salesforce, ...serviceApps, ...later.apps],
    grants: [...grants, ...later.grants],
    customRoles: [lumosRole, lumosRoleNoAppAssignment, ...later.customRoles],
    resourceSets: [lumosSet, accessRequestsSet, accessCertificationsSet, ...later.resourceSets],
    accessRequestsResourceSet: accessRequestsSet,
    roleAssignments: [...roleAssignments, ...later.roleAssignments],
  };
}
