/** Okta's standard and IAM-based standard admin roles, as the "Roles in Okta" reference lists them. */

export type RoleKind = 'STANDARD' | 'IAM_STANDARD' | 'CUSTOM';
export type RoleTargetKind = 'GROUPS' | 'APPS';

export interface StandardRoleDef {
  type: string;
  label: string;
  kind: 'STANDARD' | 'IAM_STANDARD';
  description: string;
  /** Which targets the role accepts; empty when it takes none. */
  targetKinds: RoleTargetKind[];
}

function role(
  type: string,
  label: string,
  description: string,
  targetKinds: RoleTargetKind[] = [],
  kind: StandardRoleDef['kind'] = 'STANDARD',
): StandardRoleDef {
  return { type, label, kind, description, targetKinds };
}

export const STANDARD_ROLES: readonly StandardRoleDef[] = [
  role(
    'SUPER_ADMIN',
    'Super Administrator',
    'Full access to the org, including managing other administrators and their roles.',
  ),
  role(
    'ORG_ADMIN',
    'Organization Administrator',
    'Manages users, groups, apps, devices and customizations org-wide; cannot view or manage administrators.',
  ),
  role(
    'USER_ADMIN',
    'Group Administrator',
    'Creates and manages users, their lifecycle, profiles and credentials, in all groups or in target groups.',
    ['GROUPS'],
  ),
  role(
    'GROUP_MEMBERSHIP_ADMIN',
    'Group Membership Administrator',
    'Manages the membership of all groups or of target groups.',
    ['GROUPS'],
  ),
  role(
    'HELP_DESK_ADMIN',
    'Help Desk Administrator',
    'Resets passwords and authenticators, unlocks users and clears sessions, in all groups or in target groups.',
    ['GROUPS'],
  ),
  role(
    'APP_ADMIN',
    'Application Administrator',
    'Creates and manages apps and their user assignments, for all apps, an app type or chosen app instances.',
    ['APPS'],
  ),
  role(
    'READ_ONLY_ADMIN',
    'Read-only Administrator',
    'Views users, groups, apps, settings and the System Log; changes nothing.',
  ),
  role(
    'API_ACCESS_MANAGEMENT_ADMIN',
    'API Access Management Administrator',
    'Manages authorization servers, OIDC app profile mappings and reads user and group schemas.',
  ),
  role('REPORT_ADMIN', 'Report Administrator', 'Views reports and the System Log.'),
  role('MOBILE_ADMIN', 'Mobile Administrator', 'Manages devices and mobile policies (Classic Engine).'),
  role(
    'ACCESS_CERTIFICATIONS_ADMIN',
    'Access Certifications Administrator',
    'Views and manages access certification campaigns (okta.governance.accessCertifications.manage).',
    [],
    'IAM_STANDARD',
  ),
  role(
    'ACCESS_REQUESTS_ADMIN',
    'Access Requests Administrator',
    'Views and manages access requests (okta.governance.accessRequests.manage).',
    [],
    'IAM_STANDARD',
  ),
];

const BY_TYPE: ReadonlyMap<string, StandardRoleDef> = new Map(STANDARD_ROLES.map((r) => [r.type, r]));

export function findStandardRole(type: string): StandardRoleDef | undefined {
  return BY_TYPE.get(type);
}

/**
 * The definition of a role type, known or not. Unknown types (WORKFLOWS_ADMIN, ...) are kept:
 * kind STANDARD, label from Okta or the type itself, no targets; the default table grants them nothing.
 */
export function describeRoleType(type: string, label?: string): StandardRoleDef {
  const known = BY_TYPE.get(type);
  if (known) return known;
  return {
    type,
    label: label && label.trim() !== '' ? label : type,
    kind: 'STANDARD',
    description: `A role type this gateway does not know (${type}); it is shown but grants no permission until the role-permission table names it.`,
    targetKinds: [],
  };
}
