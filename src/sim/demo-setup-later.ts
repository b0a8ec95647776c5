/**
 * The named principals that show the rules added after the first demo org (a custom role missing a
 * permission, permissions out of their resource set's scope, an inactive assignment, a role type
 * the gateway does not know, a service app whose scopes allow only part of its role). Their ids
 * are drawn after every earlier named id, so those stay as they were.
 */
import type { DEMO_USERS } from './demo-principals.ts';
import { DEMO_SERVICE_APPS } from './demo-principals.ts';
import { ID_PREFIX, type OktaIdFactory } from './generate-random.ts';
import type {
  SnapshotApp,
  SnapshotCustomRole,
  SnapshotGrant,
  SnapshotOrg,
  SnapshotResourceSet,
  SnapshotRoleAssignment,
} from './snapshot-format.ts';

/** Named users whose ids are drawn last, in this order (access.certs came first). */
export const USERS_ADDED_LATER: ReadonlySet<keyof typeof DEMO_USERS> = new Set([
  'accessCertifications',
  'lumosCustomGap',
  'lumosCustomOutOfScope',
  'inactiveRole',
  'unknownRoleType',
]);

/** Named service apps whose ids are drawn last. */
export const SERVICE_APPS_ADDED_LATER: ReadonlySet<keyof typeof DEMO_SERVICE_APPS> = new Set([
  'partialScopes',
]);

/** Okta's predefined resource set of WORKFLOWS_ADMIN, an IAM-based role the gateway does not know. */
export const WORKFLOWS_IAM_POLICY = 'WORKFLOWS_IAM_POLICY';

export const LATER_EXTRAS = {
  lumosRoleNoLifecycle: 'Lumos Integration (no lifecycle)',
  lumosUsersAndGroupsResourceSet: 'Lumos: users and groups',
  workflowsResourceSet: 'Workflows',
} as const;

export interface LaterPartInput {
  org: SnapshotOrg;
  ids: OktaIdFactory;
  created: string;
  userId: (key: keyof typeof DEMO_USERS) => string;
  /** The custom role with the nine Lumos permissions, and the set holding all users, groups and apps. */
  lumosRole: SnapshotCustomRole;
  lumosSet: SnapshotResourceSet;
  permissions: readonly string[];
  scopes: readonly string[];
}

export interface LaterPart {
  apps: SnapshotApp[];
  grants: SnapshotGrant[];
  customRoles: SnapshotCustomRole[];
  resourceSets: SnapshotResourceSet[];
  roleAssignments: SnapshotRoleAssignment[];
}

export function buildLaterPart(input: LaterPartInput): LaterPart {
  const { org, ids, created, userId } = input;
  const orn = (service: string, rest: string) => `orn:${org.partition}:${service}:${org.id}:${rest}`;
  const appId = ids.next(ID_PREFIX.app);
  const partialScopes: SnapshotApp = {
    id: appId,
    name: 'oidc_client',
    label: DEMO_SERVICE_APPS.partialScopes.label,
    status: 'ACTIVE',
    signOnMode: 'OPENID_CONNECT',
    created,
    oauthClient: { clientId: appId, applicationType: 'service', tokenEndpointAuthMethod: 'private_key_jwt' },
  };
  const grants = input.scopes
    .map((scope) => (scope === 'okta.users.manage' ? 'okta.users.read' : scope))
    .map(
      (scopeId): SnapshotGrant => ({
        id: ids.next(ID_PREFIX.grant),
        appId,
        scopeId,
        status: 'ACTIVE',
        created,
      }),
    );
  const noLifecycle: SnapshotCustomRole = {
    id: ids.next(ID_PREFIX.customRole),
    label: LATER_EXTRAS.lumosRoleNoLifecycle,
    description: 'The Lumos permissions less okta.users.lifecycle.manage',
    permissions: input.permissions.filter((p) => p !== 'okta.users.lifecycle.manage'),
    created,
  };
  input.lumosSet.bindings.push({
    role: noLifecycle.id,
    members: [{ type: 'USER', id: userId('lumosCustomGap') }],
  });
  const usersAndGroups: SnapshotResourceSet = {
    id: ids.next(ID_PREFIX.resourceSet),
    label: LATER_EXTRAS.lumosUsersAndGroupsResourceSet,
    description: 'Every user and group of the org, no apps',
    created,
    resources: [orn('directory', 'users'), orn('directory', 'groups')],
    bindings: [
      { role: input.lumosRole.id, members: [{ type: 'USER', id: userId('lumosCustomOutOfScope') }] },
    ],
  };
  const workflows: SnapshotResourceSet = {
    id: WORKFLOWS_IAM_POLICY,
    label: LATER_EXTRAS.workflowsResourceSet,
    description: 'Predefined resource set of the IAM-based Workflows Administrator role',
    created,
    resources: [orn('workflow', 'flows')],
    bindings: [{ role: 'WORKFLOWS_ADMIN', members: [{ type: 'USER', id: userId('unknownRoleType') }] }],
  };
  const assignment = (
    principalType: SnapshotRoleAssignment['principalType'],
    principalId: string,
    type: string,
    status: SnapshotRoleAssignment['status'] = 'ACTIVE',
  ): SnapshotRoleAssignment => ({ principalType, principalId, type, status, created });
  return {
    apps: [partialScopes],
    grants,
    customRoles: [noLifecycle],
    resourceSets: [usersAndGroups, workflows],
    roleAssignments: [
      assignment('USER', userId('lumosCustomGap'), 'APP_ADMIN'),
      assignment('USER', userId('lumosCustomGap'), 'REPORT_ADMIN'),
      assignment('USER', userId('lumosCustomOutOfScope'), 'API_ACCESS_MANAGEMENT_ADMIN'),
      assignment('USER', userId('lumosCustomOutOfScope'), 'REPORT_ADMIN'),
      assignment('USER', userId('inactiveRole'), 'GROUP_MEMBERSHIP_ADMIN'),
      assignment('USER', userId('inactiveRole'), 'APP_ADMIN'),
      assignment('USER', userId('inactiveRole'), 'REPORT_ADMIN', 'INACTIVE'),
      assignment('CLIENT', appId, 'ORG_ADMIN'),
    ],
  };
}
