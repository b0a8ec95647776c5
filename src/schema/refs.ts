import type { EffectivePermission } from '../iam/effective-permissions.ts';
import type { GroupRecord, RoleAssignmentRecord, ServiceAppRecord, UserRecord } from '../iam/model.ts';
import type { LumosReadinessResult } from '../iam/readiness/types.ts';
import type { ConnectionModel } from '../resolvers/connection.ts';
import type { OrnModel } from '../resolvers/orn.ts';
import type { PermissionModel } from '../resolvers/permission.ts';
import type { PrincipalModel } from '../resolvers/principal.ts';
import type { BindingModel, ResourceModel, ResourceSetModel } from '../resolvers/resource-set.ts';
import type { RoleModel } from '../resolvers/role.ts';
import { builder } from './builder.ts';

// Type references shared between domain files; each type is implemented in its domain's file.
export const RoleRef = builder.objectRef<RoleModel>('Role');
export const PermissionRef = builder.objectRef<PermissionModel>('Permission');
export const ResourceSetRef = builder.objectRef<ResourceSetModel>('ResourceSet');
export const ResourceRef = builder.objectRef<ResourceModel>('ResourceSetResource');
export const BindingRef = builder.objectRef<BindingModel>('ResourceSetBinding');
export const OrnRef = builder.objectRef<OrnModel>('Orn');
export const PrincipalRef = builder.interfaceRef<PrincipalModel>('Principal');
export const UserRef = builder.objectRef<UserRecord>('User');
export const GroupRef = builder.objectRef<GroupRecord>('Group');
export const ServiceAppRef = builder.objectRef<ServiceAppRecord>('ServiceApp');
export const RoleAssignmentRef = builder.objectRef<RoleAssignmentRecord>('RoleAssignment');
export const EffectivePermissionRef = builder.objectRef<EffectivePermission>('EffectivePermission');
export const ReadinessRef = builder.objectRef<LumosReadinessResult>('LumosReadiness');

export const UserConnectionRef = builder.connectionObject(
  { type: UserRef, name: 'UserConnection', description: 'One page of users, in Okta order.' },
  { name: 'UserEdge', description: 'A user and its cursor.' },
);
export const GroupConnectionRef = builder.connectionObject(
  { type: GroupRef, name: 'GroupConnection', description: 'One page of groups, in Okta order.' },
  { name: 'GroupEdge', description: 'A group and its cursor.' },
);

export type UserConnectionModel = ConnectionModel<UserRecord>;
export type GroupConnectionModel = ConnectionModel<GroupRecord>;

export const RoleKindEnum = builder.enumType('RoleKind', {
  description: 'Where a role comes from.',
  values: {
    STANDARD: { description: "One of Okta's standard admin roles (SUPER_ADMIN, APP_ADMIN, ...)." },
    IAM_STANDARD: { description: 'An IAM-based standard role, bound with a fixed resource set.' },
    CUSTOM: { description: 'A custom admin role defined in the org (cr0...).' },
  } as const,
});

export const RoleTargetKindEnum = builder.enumType('RoleTargetKind', {
  description: 'What a standard role can be limited to.',
  values: {
    GROUPS: { description: 'Chosen groups (USER_ADMIN, HELP_DESK_ADMIN, GROUP_MEMBERSHIP_ADMIN).' },
    APPS: { description: 'Chosen app types or app instances (APP_ADMIN).' },
  } as const,
});

export const PrincipalKindEnum = builder.enumType('PrincipalKind', {
  description: 'What holds a role assignment.',
  values: {
    USER: { description: 'An Okta user.' },
    GROUP: { description: 'An Okta group.' },
    SERVICE_APP: { description: 'An OAuth 2.0 service (API Services) app.' },
  } as const,
});

export const LumosAccessEnum = builder.enumType('LumosAccess', {
  description: 'The access level Lumos is connected with.',
  values: {
    FULL: { description: 'Read and manage: all ten capabilities are required.' },
    READ_ONLY: { description: 'Read only: the six read capabilities are required.' },
  } as const,
});

export const AssignmentTypeEnum = builder.enumType('AssignmentType', {
  description: 'How a role assignment reaches the principal whose list shows it.',
  values: {
    USER: { description: 'Assigned to the user directly.' },
    GROUP: { description: 'Assigned to a group (on a user list: inherited through membership).' },
    CLIENT: { description: 'Assigned to a service app.' },
  } as const,
});
