/**
 * Which kind of resource a permission applies to, and the ORNs that name that kind: the org-wide
 * ORN ("all users") and the narrower ones (a group's users, one app). A permission's family is what
 * the seed's "Applicable resources" column says for it (okta-roles-permissions-resources.txt), not
 * what its name suggests: okta.users.create applies to groups, okta.apps.manageFirstPartyApps to
 * access requests.
 */

import type { OrgInfo, RoleTarget } from './model.ts';
import type { Orn } from './orn.ts';
import { findPermission } from './permissions.ts';

export type ResourceFamily =
  | 'users'
  | 'groups'
  /** All groups, and nothing narrower (okta.groups.create). */
  | 'all_groups'
  | 'apps'
  | 'devices'
  | 'identity_provider'
  | 'authorization_servers'
  | 'customizations'
  | 'flows'
  | 'certifications'
  | 'requests'
  | 'iam'
  | 'cases';

interface FamilyHome {
  service: string;
  /** null: the service's contained_resources (iam). */
  objectType: string | null;
  /** Whether ORNs narrower than the org-wide one apply (a group, an app type, one flow). */
  narrows: boolean;
}

const FAMILY_HOME: Record<ResourceFamily, FamilyHome> = {
  users: { service: 'directory', objectType: 'users', narrows: true },
  groups: { service: 'directory', objectType: 'groups', narrows: true },
  all_groups: { service: 'directory', objectType: 'groups', narrows: false },
  apps: { service: 'idp', objectType: 'apps', narrows: true },
  devices: { service: 'directory', objectType: 'devices', narrows: false },
  identity_provider: { service: 'idp', objectType: 'identity_provider', narrows: false },
  authorization_servers: { service: 'idp', objectType: 'authorization_servers', narrows: true },
  customizations: { service: 'idp', objectType: 'customizations', narrows: false },
  flows: { service: 'workflow', objectType: 'flows', narrows: true },
  certifications: { service: 'governance', objectType: 'certifications', narrows: false },
  requests: { service: 'governance', objectType: 'requests', narrows: false },
  iam: { service: 'iam', objectType: null, narrows: false },
  cases: { service: 'support', objectType: 'cases', narrows: false },
};

/** The seed's "Applicable resources" wordings; null where no ORN names the resources (agents, directories, realms). */
const FAMILY_OF_APPLICABLE_RESOURCES: ReadonlyMap<string, ResourceFamily | null> = new Map([
  ['All users, all users within a specific group', 'users'],
  ['All groups, a specific group', 'groups'],
  ['All groups', 'all_groups'],
  ['All apps, all apps of a specific type, a specific app', 'apps'],
  ['All authorization servers, a specific authorization server', 'authorization_servers'],
  ['All customizations', 'customizations'],
  ['All Identity Providers', 'identity_provider'],
  ['All delegated flows, a specific delegated flow', 'flows'],
  ['All access certifications', 'certifications'],
  ['All access requests', 'requests'],
  ['All devices', 'devices'],
  ['All Identity and Access Management resources', 'iam'],
  ['All Okta Support cases opened by the admin', 'cases'],
  ['All agents', null],
  [
    'All directory integrations, a specific type of directory integration, a specific directory integration',
    null,
  ],
  ['All realm resources', null],
]);

/** For permissions the catalog does not list (Okta's newer ones): the family their name suggests. */
const PERMISSION_PREFIXES: readonly [string, ResourceFamily][] = [
  ['okta.users.', 'users'],
  ['okta.groups.', 'groups'],
  ['okta.apps.', 'apps'],
  ['okta.profilesources.', 'apps'],
  ['okta.devices.', 'devices'],
  ['okta.identityProviders.', 'identity_provider'],
  ['okta.authzServers.', 'authorization_servers'],
  ['okta.customizations.', 'customizations'],
  ['okta.workflows.', 'flows'],
  ['okta.governance.accessCertifications.', 'certifications'],
  ['okta.governance.accessRequests.', 'requests'],
  ['okta.iam.', 'iam'],
  ['okta.support.', 'cases'],
];

const familyCache = new Map<string, ResourceFamily | null>();

/**
 * The family of a permission's applicable resources; null when no ORN names them (agents,
 * directories, realms). A catalog permission whose wording is not known here has none.
 */
export function permissionFamily(permission: string): ResourceFamily | null {
  const cached = familyCache.get(permission);
  if (cached !== undefined) return cached;
  const known = findPermission(permission);
  const family = known
    ? (FAMILY_OF_APPLICABLE_RESOURCES.get(known.applicableResources.join(', ')) ?? null)
    : (PERMISSION_PREFIXES.find(([prefix]) => permission.startsWith(prefix))?.[1] ?? null);
  if (familyCache.size < 10_000) familyCache.set(permission, family);
  return family;
}

/** orn:{partition}:directory:{org}:users, ...; iam -> orn:{partition}:iam:{org}:contained_resources. */
export function orgWideOrn(family: ResourceFamily, org: OrgInfo): string {
  const home = FAMILY_HOME[family];
  return `orn:${org.partition}:${home.service}:${org.id}:${home.objectType ?? 'contained_resources'}`;
}

/** A group (containedResources false) or all users within it (true). */
export function groupOrn(org: OrgInfo, groupId: string, containedResources = false): string {
  const base = `orn:${org.partition}:directory:${org.id}:groups:${groupId}`;
  return containedResources ? `${base}:contained_resources` : base;
}

/** All apps of one app definition (appId absent) or one app instance. */
export function appOrn(org: OrgInfo, appName: string, appId?: string | null): string {
  const base = `orn:${org.partition}:idp:${org.id}:apps:${appName}`;
  return appId ? `${base}:${appId}` : base;
}

/** Whether a parsed ORN names resources a permission of this family applies to. */
export function ornFitsFamily(orn: Orn, family: ResourceFamily): boolean {
  if (isOrgWideFor(orn, family)) return true;
  const home = FAMILY_HOME[family];
  if (!home.narrows || orn.service !== home.service) return false;
  if (family === 'users')
    return orn.objectType === 'groups' && orn.objectId !== null && orn.containedResources;
  return orn.objectType === home.objectType && !orn.containedResources;
}

/** Whether a parsed ORN is its family's org-wide ORN (all users, all apps, ...). */
export function isOrgWideFor(orn: Orn, family: ResourceFamily): boolean {
  const home = FAMILY_HOME[family];
  if (orn.service !== home.service) return false;
  if (home.objectType === null) return orn.objectType === null && orn.containedResources;
  return (
    orn.objectType === home.objectType &&
    orn.objectId === null &&
    orn.appName === null &&
    !orn.containedResources
  );
}

/**
 * The ORNs a role target narrows a family to: a group's users or the group, an app type or
 * instance; [] when the family has no ORN that narrow (okta.groups.create applies to all groups
 * only); null when the target does not concern the family (an app target and users).
 */
export function targetOrnsFor(
  family: ResourceFamily | null,
  target: RoleTarget,
  org: OrgInfo,
): string[] | null {
  if (target.kind === 'GROUP') {
    if (family === 'users') return [groupOrn(org, target.groupId, true)];
    if (family === 'groups') return [groupOrn(org, target.groupId)];
    return family === 'all_groups' ? [] : null;
  }
  return family === 'apps' ? [appOrn(org, target.appName, target.appId)] : null;
}

/** The ORN of a role target: the group, or the app type / app instance. */
export function targetOrn(org: OrgInfo, target: RoleTarget): string {
  return target.kind === 'GROUP' ? groupOrn(org, target.groupId) : appOrn(org, target.appName, target.appId);
}
