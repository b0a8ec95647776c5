/**
 * Which kind of resource a permission applies to, and the ORNs that name that kind: the org-wide
 * ORN ("all users") and the narrower ones (a group's users, one app).
 */

import type { OrgInfo, RoleTarget } from './model.ts';
import type { Orn } from './orn.ts';

export type ResourceFamily =
  | 'users'
  | 'groups'
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

/** Where each family's org-wide ORN lives: service and object type (null: the service's contained_resources). */
const FAMILY_HOME: Record<ResourceFamily, { service: string; objectType: string | null }> = {
  users: { service: 'directory', objectType: 'users' },
  groups: { service: 'directory', objectType: 'groups' },
  apps: { service: 'idp', objectType: 'apps' },
  devices: { service: 'directory', objectType: 'devices' },
  identity_provider: { service: 'idp', objectType: 'identity_provider' },
  authorization_servers: { service: 'idp', objectType: 'authorization_servers' },
  customizations: { service: 'idp', objectType: 'customizations' },
  flows: { service: 'workflow', objectType: 'flows' },
  certifications: { service: 'governance', objectType: 'certifications' },
  requests: { service: 'governance', objectType: 'requests' },
  iam: { service: 'iam', objectType: null },
  cases: { service: 'support', objectType: 'cases' },
};

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

/** okta.users.* -> users, okta.apps.* and okta.profilesources.* -> apps, ...; null when no ORN names its resources (agents, directories, realms). */
export function permissionFamily(permission: string): ResourceFamily | null {
  const cached = familyCache.get(permission);
  if (cached !== undefined) return cached;
  const family = PERMISSION_PREFIXES.find(([prefix]) => permission.startsWith(prefix))?.[1] ?? null;
  if (familyCache.size < 10_000) familyCache.set(permission, family);
  return family;
}

const familyCache = new Map<string, ResourceFamily | null>();

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
  const home = FAMILY_HOME[family];
  if (orn.service !== home.service) return false;
  if (family === 'users') {
    return (
      (orn.objectType === 'users' && orn.objectId === null) ||
      (orn.objectType === 'groups' && orn.objectId !== null && orn.containedResources)
    );
  }
  if (family === 'iam') return orn.objectType === null && orn.containedResources;
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

/** The ORN of a role target: the group, or the app type / app instance. */
export function targetOrn(org: OrgInfo, target: RoleTarget): string {
  return target.kind === 'GROUP' ? groupOrn(org, target.groupId) : appOrn(org, target.appName, target.appId);
}
