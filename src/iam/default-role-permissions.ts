/**
 * The first version of the standard-role -> permission table (design/standard-role-permissions.md).
 * Okta publishes no machine-readable version of this; every row carries its confidence and source,
 * and an operator may replace the table (parseRolePermissionTable).
 */

import { PERMISSION_CATALOG } from './permission-catalog.ts';
import type { RolePermissionRow, RolePermissionTable } from './role-permission-table.ts';

const DEFAULT_TABLE_VERSION = 'okta-standard-roles-2026-03-10';

const DEFAULT_ROLE_PERMISSION_ROWS: readonly RolePermissionRow[] = [
  {
    role: 'SUPER_ADMIN',
    permissions: PERMISSION_CATALOG.map((p) => p.name),
    grants: { systemLog: true, adminRoles: true, customAttributes: true, superAdminMembership: true },
    scope: 'org',
    confidence: 'H',
    source: 'Okta help center, Super Administrator role page; seed okta-roles-permissions-resources',
  },
  {
    role: 'ORG_ADMIN',
    permissions: [
      'okta.users.manage',
      'okta.groups.manage',
      'okta.apps.manage',
      'okta.customizations.manage',
      'okta.devices.manage',
      'okta.authzServers.read',
      'okta.identityProviders.read',
    ],
    grants: { systemLog: true, customAttributes: true },
    scope: 'org',
    confidence: 'M',
    source: 'Okta help center, administrator role comparison table (no okta.iam.*: cannot view admins)',
  },
  {
    role: 'USER_ADMIN',
    permissions: [
      'okta.users.read',
      'okta.users.create',
      'okta.users.lifecycle.manage',
      'okta.users.credentials.manage',
      'okta.users.userprofile.manage',
      'okta.groups.read',
    ],
    grants: {},
    scope: 'targets',
    confidence: 'M',
    source: 'Okta help center; Okta staff in terraform-provider-okta #1315 (label "Group Administrator")',
  },
  {
    role: 'GROUP_MEMBERSHIP_ADMIN',
    permissions: [
      'okta.users.read',
      'okta.groups.read',
      'okta.groups.members.manage',
      'okta.users.groupMembership.manage',
      // Lumos describes this role's option as "manage users, their profiles, and their credentials".
      'okta.users.lifecycle.manage',
    ],
    grants: {},
    scope: 'targets',
    // Targets narrow membership changes; the role still reads every user (help center).
    untargeted: ['okta.users.read'],
    confidence: 'M',
    source: 'Okta help center; lifecycle from the Lumos requirements article only (L)',
  },
  {
    role: 'HELP_DESK_ADMIN',
    permissions: [
      'okta.users.read',
      'okta.users.credentials.resetPassword',
      'okta.users.credentials.resetFactors',
      'okta.users.credentials.expirePassword',
      'okta.users.lifecycle.unlock',
      'okta.users.lifecycle.clearSessions',
    ],
    grants: {},
    scope: 'targets',
    confidence: 'M',
    source: 'Okta help center, Help Desk Administrator role page',
  },
  {
    role: 'APP_ADMIN',
    permissions: [
      'okta.apps.read',
      'okta.apps.manage',
      'okta.apps.assignment.manage',
      'okta.users.appAssignment.manage',
      'okta.profilesources.import.run',
      // App admins see the users and groups they assign.
      'okta.users.read',
      'okta.groups.read',
    ],
    grants: { customAttributes: true },
    scope: 'targets',
    confidence: 'L',
    source: 'Okta help center; Lumos requirements article; Management API spec (user schema read)',
  },
  {
    role: 'READ_ONLY_ADMIN',
    permissions: [
      'okta.users.read',
      'okta.groups.read',
      'okta.apps.read',
      'okta.authzServers.read',
      'okta.customizations.read',
      'okta.devices.read',
      'okta.realms.read',
    ],
    grants: { systemLog: true },
    scope: 'org',
    confidence: 'M',
    source: 'Okta help center, Read-only Administrator role page',
  },
  {
    role: 'API_ACCESS_MANAGEMENT_ADMIN',
    permissions: ['okta.authzServers.manage'],
    grants: { customAttributes: true },
    scope: 'org',
    confidence: 'M',
    source: 'Okta help center footnote; Management API spec annotations on schema operations',
  },
  {
    role: 'REPORT_ADMIN',
    permissions: [],
    grants: { systemLog: true },
    scope: 'org',
    confidence: 'M',
    source: 'Okta help center, Report Administrator role page (reports and System Log only)',
  },
  {
    role: 'MOBILE_ADMIN',
    permissions: ['okta.devices.manage'],
    grants: {},
    scope: 'org',
    confidence: 'L',
    source: 'Inferred: device and mobile policy management (Classic Engine, legacy)',
  },
  {
    role: 'ACCESS_CERTIFICATIONS_ADMIN',
    permissions: ['okta.governance.accessCertifications.manage'],
    grants: {},
    scope: 'org',
    confidence: 'H',
    source: 'Okta "Roles in Okta", IAM-based standard roles (resource set ACCESS_CERTIFICATIONS_IAM_POLICY)',
  },
  {
    role: 'ACCESS_REQUESTS_ADMIN',
    permissions: ['okta.governance.accessRequests.manage'],
    grants: {},
    scope: 'org',
    confidence: 'H',
    source: 'Okta "Roles in Okta", IAM-based standard roles (resource set ACCESS_REQUESTS_IAM_POLICY)',
  },
];

/** The table the gateway uses unless the operator gives one. */
export const DEFAULT_ROLE_PERMISSION_TABLE: RolePermissionTable = {
  version: DEFAULT_TABLE_VERSION,
  rows: new Map(DEFAULT_ROLE_PERMISSION_ROWS.map((row) => [row.role, row])),
};
