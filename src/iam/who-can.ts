/**
 * Who can: the principals whose own role assignments grant a permission over one resource, and the
 * ORN of each grant's scope that covers it. Coverage follows the seed's ORN rules
 * (okta-roles-permissions-resources.txt, "Resources"): an org-wide ORN covers its family, a group's
 * contained_resources its members, an app type its instances; targets and implied permissions come
 * from assignmentGrants. Okta's barriers (architecture.md) void grants: those are left out.
 */

import { type AccessCatalog, assignmentGrants } from './effective-permissions.ts';
import type { OrgInfo, PrincipalKind, RoleAssignmentRecord } from './model.ts';
import { formatOrn, type Orn } from './orn.ts';
import { expandPermissions } from './permissions.ts';
import { appOrn, groupOrn, isOrgWideFor, orgWideOrn, type ResourceFamily } from './resource-family.ts';
import { grantedScopesAllowing } from './scope-permissions.ts';

/** A principal with the role assignments of its own (a user's: assignmentType USER only). */
export interface AssignmentHolder {
  kind: PrincipalKind;
  key: string;
  assignments: readonly RoleAssignmentRecord[];
}

/** The resource of a question, as the scope ORNs that cover it. */
export interface CoveredResource {
  family: ResourceFamily;
  /** Scope ORNs that cover the resource, widest first. */
  coveredBy: readonly string[];
  /** The one group asked about (orn ...:groups:{id}); null for anything else. */
  groupId: string | null;
  /** The one user asked about, with the ids of the groups it is in; null for anything else. */
  user: { id: string; groupIds: readonly string[] } | null;
}

export interface WhoCanGrant {
  kind: PrincipalKind;
  key: string;
  /** The holder's assignments that grant the permission over the resource. */
  grantedBy: RoleAssignmentRecord[];
  /** The widest of their scope ORNs that covers the resource. */
  matchedScope: string;
}

/** An ORN resource of a permission's family (ornFitsFamily checked by the caller). */
export function ornResource(orn: Orn, family: ResourceFamily, org: OrgInfo): CoveredResource {
  const wide = orgWideOrn(family, org);
  if (isOrgWideFor(orn, family)) return { family, coveredBy: [wide], groupId: null, user: null };
  const appType = orn.appName !== null && orn.objectId !== null ? [appOrn(org, orn.appName)] : [];
  const isGroup = family === 'groups' && orn.objectType === 'groups' && orn.objectId !== null;
  return {
    family,
    coveredBy: [wide, ...appType, formatOrn(orn)],
    groupId: isGroup ? orn.objectId : null,
    user: null,
  };
}

/** One user: all users, or all users of a group it is in. */
export function userResource(org: OrgInfo, userId: string, groupIds: readonly string[]): CoveredResource {
  return {
    family: 'users',
    coveredBy: [orgWideOrn('users', org), ...groupIds.map((id) => groupOrn(org, id, true))],
    groupId: null,
    user: { id: userId, groupIds },
  };
}

const SUPER_ADMIN = 'SUPER_ADMIN';
const isActiveSuperAdmin = (a: RoleAssignmentRecord) => a.type === SUPER_ADMIN && a.status === 'ACTIVE';

/** Any change to a group: every groups-family permission but its reads. */
function managesGroup(permission: string, family: ResourceFamily): boolean {
  return family === 'groups' && !permission.endsWith('.read');
}

/** Changing a user's group memberships: okta.users.groupMembership.manage and what includes it. */
function changesMemberships(permission: string): boolean {
  return expandPermissions([permission]).has('okta.users.groupMembership.manage');
}

/**
 * The barriers that apply to this question, as a test each assignment must pass:
 * - only Super Administrators manage a group that holds an admin role;
 * - custom roles cannot change a Super Administrator's group memberships.
 */
function barrierFor(
  permission: string,
  resource: CoveredResource,
  holders: readonly AssignmentHolder[],
): ((a: RoleAssignmentRecord) => boolean) | null {
  const groupHolders = new Map(holders.filter((h) => h.kind === 'GROUP').map((h) => [h.key, h]));
  if (resource.groupId !== null && managesGroup(permission, resource.family)) {
    if (groupHolders.has(resource.groupId)) return isActiveSuperAdmin;
  }
  const user = resource.user;
  if (user && changesMemberships(permission)) {
    const own = holders.find((h) => h.kind === 'USER' && h.key === user.id);
    const viaGroups = user.groupIds.flatMap((id) => groupHolders.get(id)?.assignments ?? []);
    if ([...(own?.assignments ?? []), ...viaGroups].some(isActiveSuperAdmin))
      return (a) => a.type !== 'CUSTOM';
  }
  return null;
}

/**
 * Every holder whose own assignments grant `permission` (or a permission that includes it) over
 * the resource, less what a barrier voids; service apps before their scopes are considered
 * (usableByToken). In the holders' order.
 */
export function whoCan(
  permission: string,
  resource: CoveredResource,
  holders: readonly AssignmentHolder[],
  catalog: AccessCatalog,
): WhoCanGrant[] {
  const passes = barrierFor(permission, resource, holders);
  const rank = new Map(resource.coveredBy.map((orn, i) => [orn, i]));
  const grants: WhoCanGrant[] = [];
  for (const holder of holders) {
    const grantedBy: RoleAssignmentRecord[] = [];
    let widest = Number.POSITIVE_INFINITY;
    for (const assignment of holder.assignments) {
      const scope = assignmentGrants(assignment, catalog).get(permission);
      if (!scope || (passes && !passes(assignment))) continue;
      let matched = Number.POSITIVE_INFINITY;
      for (const orn of scope) matched = Math.min(matched, rank.get(orn) ?? Number.POSITIVE_INFINITY);
      if (matched === Number.POSITIVE_INFINITY) continue;
      grantedBy.push(assignment);
      widest = Math.min(widest, matched);
    }
    const matchedScope = resource.coveredBy[widest];
    if (matchedScope !== undefined)
      grants.push({ kind: holder.kind, key: holder.key, grantedBy, matchedScope });
  }
  return grants;
}

/**
 * A service app acts with its roles and its scopes together: its grant stands only where a granted
 * scope allows the permission. `scopesOf` gives each service app's granted (ACTIVE) scopes.
 */
export function usableByToken(
  grants: readonly WhoCanGrant[],
  permission: string,
  scopesOf: ReadonlyMap<string, readonly string[]>,
): WhoCanGrant[] {
  return grants.filter(
    (g) =>
      g.kind !== 'SERVICE_APP' || grantedScopesAllowing(permission, scopesOf.get(g.key) ?? []).length > 0,
  );
}
