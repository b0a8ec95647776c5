/**
 * Lumos readiness rule sets as data (design/lumos-readiness-rules.md). A new Lumos or Okta revision
 * is a new rule set object; the evaluator is generic over it.
 */

import { getOrMake } from '../memo.ts';
import type { RoleGrant } from '../role-permission-table.ts';
import type { LumosAccess, LumosCapabilityName } from './types.ts';

export interface LumosCapabilityRule {
  name: LumosCapabilityName;
  /** What Lumos does with it. */
  description: string;
  /** Role side: satisfied when every permission is granted, or by any of the roles (or a table row with the grant). */
  satisfiedBy: {
    permissionsAllOf?: readonly string[];
    rolesAnyOf?: readonly string[];
    tableGrant?: RoleGrant;
  };
  /** Scope side (service apps): every entry must be granted; an entry lists interchangeable scopes, least privilege first. */
  scopesAllOf: readonly (readonly string[])[];
}

/** One scope Lumos requests of a service app, and what satisfies it per access level (first: the one to ask for). */
export interface LumosScopeRule {
  scope: string;
  context: string;
  acceptable: Record<LumosAccess, readonly string[]>;
}

export interface LumosRuleSet {
  id: string;
  source: string;
  capabilities: readonly LumosCapabilityRule[];
  requiredFor: Record<LumosAccess, readonly LumosCapabilityName[]>;
  scopes: readonly LumosScopeRule[];
  /** Status 2: a principal whose every role is one of these is UNSUPPORTED. */
  unsupportedRoles: readonly string[];
  /** Status 3: NOT_READY when any of these is unavailable. */
  essentialCapabilities: readonly LumosCapabilityName[];
  /** Standard roles to suggest (missingRoles, remediation), least privilege first. */
  suggestedRoles: readonly string[];
  /** Of those, the broad ones remediation suggests only for capabilities no narrower role grants. */
  broadRoles: readonly string[];
  /** The capability whose reliance on a custom role raises CUSTOM_ROLE_SUPER_ADMIN_MEMBERSHIP. */
  customRoleMembershipCapability: LumosCapabilityName;
  /** The capability custom roles can never grant (adding/removing Super Administrators in groups). */
  superAdminMembershipCapability: LumosCapabilityName;
}

const USERS_READ = ['okta.users.read', 'okta.users.manage'];
const GROUPS_READ = ['okta.groups.read', 'okta.groups.manage'];
const APPS_READ = ['okta.apps.read', 'okta.apps.manage'];

export const LUMOS_OKTA_2026_03_10: LumosRuleSet = {
  id: 'lumos-okta-2026-03-10',
  source:
    'Lumos "Okta Integration Requirements" (last updated 2026-03-10) and Okta "Roles in Okta"; design/lumos-readiness-rules.md',
  capabilities: [
    {
      name: 'READ_USERS',
      description: 'Sync users',
      satisfiedBy: { permissionsAllOf: ['okta.users.read'] },
      scopesAllOf: [USERS_READ],
    },
    {
      name: 'READ_GROUPS',
      description: 'Sync groups and memberships',
      satisfiedBy: { permissionsAllOf: ['okta.groups.read'] },
      scopesAllOf: [GROUPS_READ],
    },
    {
      name: 'READ_APPS',
      description: 'Sync applications',
      satisfiedBy: { permissionsAllOf: ['okta.apps.read'] },
      scopesAllOf: [APPS_READ],
    },
    {
      name: 'MANAGE_USER_LIFECYCLE',
      description: "Edit users' lifecycle states",
      satisfiedBy: { permissionsAllOf: ['okta.users.lifecycle.manage'] },
      scopesAllOf: [['okta.users.manage']],
    },
    {
      name: 'MANAGE_GROUP_MEMBERSHIP',
      description: 'Add and remove users in groups',
      satisfiedBy: { permissionsAllOf: ['okta.users.groupMembership.manage', 'okta.groups.members.manage'] },
      scopesAllOf: [['okta.users.manage'], ['okta.groups.manage']],
    },
    {
      name: 'MANAGE_APP_ASSIGNMENTS',
      description: 'Assign and unassign users to apps',
      satisfiedBy: {
        permissionsAllOf: [
          'okta.users.appAssignment.manage',
          'okta.apps.assignment.manage',
          'okta.apps.manage',
        ],
      },
      scopesAllOf: [['okta.users.manage'], ['okta.apps.manage']],
    },
    {
      name: 'READ_SYSTEM_LOG',
      description: 'Activity and last-login data',
      satisfiedBy: {
        rolesAnyOf: ['REPORT_ADMIN', 'READ_ONLY_ADMIN', 'ORG_ADMIN', 'SUPER_ADMIN'],
        tableGrant: 'systemLog',
      },
      scopesAllOf: [['okta.logs.read']],
    },
    {
      name: 'READ_ADMIN_ROLES',
      description: 'Show Okta admin roles, e.g. in access reviews',
      satisfiedBy: { rolesAnyOf: ['SUPER_ADMIN'], tableGrant: 'adminRoles' },
      scopesAllOf: [['okta.roles.read']],
    },
    {
      name: 'READ_CUSTOM_ATTRIBUTES',
      description: 'Fetch custom profile attributes',
      satisfiedBy: {
        rolesAnyOf: ['APP_ADMIN', 'API_ACCESS_MANAGEMENT_ADMIN', 'ORG_ADMIN', 'SUPER_ADMIN'],
        tableGrant: 'customAttributes',
      },
      scopesAllOf: [['okta.schemas.read']],
    },
    {
      name: 'MANAGE_SUPER_ADMIN_MEMBERSHIP',
      description: 'Add and remove Super Administrators in groups',
      satisfiedBy: { rolesAnyOf: ['SUPER_ADMIN'], tableGrant: 'superAdminMembership' },
      scopesAllOf: [['okta.groups.manage']],
    },
  ],
  requiredFor: {
    FULL: [
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
    ],
    READ_ONLY: [
      'READ_USERS',
      'READ_GROUPS',
      'READ_APPS',
      'READ_SYSTEM_LOG',
      'READ_ADMIN_ROLES',
      'READ_CUSTOM_ATTRIBUTES',
    ],
  },
  scopes: [
    {
      scope: 'okta.users.manage',
      context: "Create new users and manage all users' profile and credentials information",
      acceptable: { FULL: ['okta.users.manage'], READ_ONLY: ['okta.users.read', 'okta.users.manage'] },
    },
    {
      scope: 'okta.apps.manage',
      context: 'Create and manage apps',
      acceptable: { FULL: ['okta.apps.manage'], READ_ONLY: ['okta.apps.manage'] },
    },
    {
      scope: 'okta.groups.manage',
      context: 'Manage existing groups',
      acceptable: { FULL: ['okta.groups.manage'], READ_ONLY: ['okta.groups.read', 'okta.groups.manage'] },
    },
    {
      scope: 'okta.roles.read',
      context: 'Read administrative role assignments',
      acceptable: { FULL: ['okta.roles.read'], READ_ONLY: ['okta.roles.read'] },
    },
    {
      scope: 'okta.logs.read',
      context: 'Read System Log entries',
      acceptable: { FULL: ['okta.logs.read'], READ_ONLY: ['okta.logs.read'] },
    },
    {
      scope: 'okta.schemas.read',
      context: 'Read schemas (custom attributes)',
      acceptable: { FULL: ['okta.schemas.read'], READ_ONLY: ['okta.schemas.read'] },
    },
  ],
  unsupportedRoles: ['READ_ONLY_ADMIN'],
  essentialCapabilities: ['READ_USERS', 'READ_GROUPS', 'READ_APPS'],
  suggestedRoles: [
    'REPORT_ADMIN',
    'HELP_DESK_ADMIN',
    'GROUP_MEMBERSHIP_ADMIN',
    'USER_ADMIN',
    'APP_ADMIN',
    'API_ACCESS_MANAGEMENT_ADMIN',
    'MOBILE_ADMIN',
    'ORG_ADMIN',
    'SUPER_ADMIN',
  ],
  broadRoles: ['ORG_ADMIN', 'SUPER_ADMIN'],
  customRoleMembershipCapability: 'MANAGE_GROUP_MEMBERSHIP',
  superAdminMembershipCapability: 'MANAGE_SUPER_ADMIN_MEMBERSHIP',
};

export const DEFAULT_LUMOS_RULE_SET: LumosRuleSet = LUMOS_OKTA_2026_03_10;

const permissionsCache = new WeakMap<LumosRuleSet, readonly string[]>();

/** Every permission the rule set's capabilities name (permissionsAllOf), once each; cached per rule set. */
export function ruleSetPermissions(ruleSet: LumosRuleSet): readonly string[] {
  return getOrMake(permissionsCache, ruleSet, (r) => [
    ...new Set(r.capabilities.flatMap((c) => c.satisfiedBy.permissionsAllOf ?? [])),
  ]);
}
