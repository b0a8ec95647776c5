/** Builders for the IAM domain's tests: one org, assignments, custom roles and resource sets. */

import { DEFAULT_ROLE_PERMISSION_TABLE } from '../../src/iam/default-role-permissions.ts';
import type { AccessCatalog } from '../../src/iam/effective-permissions.ts';
import type { CustomRoleRecord, OrgInfo, RoleAssignmentRecord, RoleTarget } from '../../src/iam/model.ts';
import type { ReadinessInput } from '../../src/iam/readiness/types.ts';

export const ORG: OrgInfo = { id: '00o1acme', partition: 'okta', url: 'https://acme.okta.com' };
export const SEED_DIR = new URL('../../../shared/seeds/', import.meta.url);
export const DESIGN_DIR = new URL('../../../shared/design/', import.meta.url);

export const ALL_USERS = 'orn:okta:directory:00o1acme:users';
export const ALL_GROUPS = 'orn:okta:directory:00o1acme:groups';
export const ALL_APPS = 'orn:okta:idp:00o1acme:apps';

/** The nine permissions the Lumos article lists for a custom role. */
export const LUMOS_CUSTOM_PERMISSIONS = [
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

let seq = 0;

export function assignment(type: string, extra: Partial<RoleAssignmentRecord> = {}): RoleAssignmentRecord {
  seq += 1;
  return {
    id: `ra${seq}`,
    principalKind: 'USER',
    principalKey: '00u1lumos',
    type,
    label: type,
    status: 'ACTIVE',
    assignmentType: 'USER',
    customRoleId: null,
    resourceSetId: null,
    inheritedFromGroupId: null,
    targets: null,
    ...extra,
  };
}

export function inherited(type: string, groupId: string, extra: Partial<RoleAssignmentRecord> = {}) {
  return assignment(type, { assignmentType: 'GROUP', inheritedFromGroupId: groupId, ...extra });
}

export function targeted(type: string, targets: RoleTarget[], extra: Partial<RoleAssignmentRecord> = {}) {
  return assignment(type, { targets, ...extra });
}

export function customAssignment(
  roleId: string,
  resourceSetId: string,
  extra: Partial<RoleAssignmentRecord> = {},
) {
  return assignment('CUSTOM', { label: 'Lumos connector', customRoleId: roleId, resourceSetId, ...extra });
}

export function catalogWith(
  customRoles: CustomRoleRecord[] = [],
  resourceSets: Record<string, string[]> = {},
  table = DEFAULT_ROLE_PERMISSION_TABLE,
): AccessCatalog {
  return {
    org: ORG,
    table,
    customRoles: new Map(customRoles.map((r) => [r.id, r])),
    resourceSets: new Map(
      Object.entries(resourceSets).map(([id, orns]) => [
        id,
        { resources: orns.map((orn, i) => ({ id: `ires${i}`, orn })) },
      ]),
    ),
  };
}

export function customRole(id: string, permissions: readonly string[]): CustomRoleRecord {
  return { id, label: 'Lumos connector', description: null, permissions: [...permissions] };
}

export function userInput(
  assignments: RoleAssignmentRecord[],
  access: ReadinessInput['access'] = 'FULL',
): ReadinessInput {
  return {
    principal: { kind: 'USER', key: '00u1lumos', displayName: 'lumos@acme.com' },
    assignments,
    grantedScopes: null,
    access,
  };
}

export function serviceAppInput(
  assignments: RoleAssignmentRecord[],
  grantedScopes: string[],
  access: ReadinessInput['access'] = 'FULL',
  revokedScopes: string[] = [],
): ReadinessInput {
  return {
    principal: { kind: 'SERVICE_APP', key: '0oa1lumos', displayName: 'Lumos connector' },
    assignments: assignments.map((a) => ({ ...a, principalKind: 'SERVICE_APP', assignmentType: 'CLIENT' })),
    grantedScopes,
    revokedScopes,
    access,
  };
}

export const ALL_SCOPES_FULL = [
  'okta.users.manage',
  'okta.apps.manage',
  'okta.groups.manage',
  'okta.roles.read',
  'okta.logs.read',
  'okta.schemas.read',
];

/** The rule set's ten capabilities, in the order of design/lumos-readiness-rules.md (written by hand). */
export const CAPABILITY_ORDER = [
  'READ_USERS',
  'READ_GROUPS',
  'READ_APPS',
  'MANAGE_USER_LIFECYCLE',
  'MANAGE_GROUP_MEMBERSHIP',
  'MANAGE_APP_ASSIGNMENTS',
  'READ_SYSTEM_LOG',
  'READ_ADMIN_ROLES',
  'READ_CUSTOM_ATTRIBUTES',
  'MANAGE_SUPER_ADMIN_MEMBERSHIP',
];
