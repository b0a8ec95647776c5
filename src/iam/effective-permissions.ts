/**
 * Effective permissions: what a principal's role assignments grant, over which resources (ORNs),
 * and through which assignments (provenance).
 */

import type { CustomRoleRecord, OrgInfo, ResourceRecord, RoleAssignmentRecord, RoleTarget } from './model.ts';
import { formatOrn, type Orn, parseOrn } from './orn.ts';
import { expandPermissions } from './permissions.ts';
import {
  isOrgWideFor,
  orgWideOrn,
  ornFitsFamily,
  permissionFamily,
  type ResourceFamily,
  targetOrnsFor,
} from './resource-family.ts';
import { expandedPermissionsOfRole, type RolePermissionTable } from './role-permission-table.ts';
import { findStandardRole } from './standard-roles.ts';

export interface AccessCatalog {
  org: OrgInfo;
  table: RolePermissionTable;
  customRoles: ReadonlyMap<string, CustomRoleRecord>;
  resourceSets: ReadonlyMap<string, { resources: readonly ResourceRecord[] }>;
}

export interface EffectivePermission {
  permission: string;
  /** ORNs it applies to; the family's org-wide ORN alone when unrestricted; [] when no ORN names its resources. */
  scope: string[];
  grantedBy: RoleAssignmentRecord[];
}

/** Permission -> the ORNs one assignment grants it over. */
export type AssignmentGrants = ReadonlyMap<string, readonly string[]>;

export interface MergedGrant {
  scope: string[];
  /** Whether the scope is the family's org-wide ORN (or the permission has no ORN family). */
  orgWide: boolean;
  contributions: { assignment: RoleAssignmentRecord; scope: readonly string[] }[];
}

const EMPTY: AssignmentGrants = new Map();
const orgWideCache = new WeakMap<AccessCatalog, Map<string, AssignmentGrants>>();
const parsedSetCache = new WeakMap<object, Orn[]>();

function orgWideScope(permission: string, org: OrgInfo): string[] {
  const family = permissionFamily(permission);
  return family === null ? [] : [orgWideOrn(family, org)];
}

function orgWideGrants(type: string, catalog: AccessCatalog): AssignmentGrants {
  let perCatalog = orgWideCache.get(catalog);
  if (!perCatalog) {
    perCatalog = new Map();
    orgWideCache.set(catalog, perCatalog);
  }
  let grants = perCatalog.get(type);
  if (!grants) {
    const permissions = expandedPermissionsOfRole(catalog.table, type);
    grants = new Map(permissions.map((p) => [p, orgWideScope(p, catalog.org)]));
    perCatalog.set(type, grants);
  }
  return grants;
}

/**
 * What targets narrow a permission of this family to; null when no target concerns the family (an
 * app-targeted APP_ADMIN still reads all users), [] when the targets leave it nothing.
 */
function targetScope(
  family: ResourceFamily | null,
  targets: readonly RoleTarget[],
  org: OrgInfo,
): string[] | null {
  let scope: string[] | null = null;
  for (const t of targets) {
    const orns = targetOrnsFor(family, t, org);
    if (orns !== null) scope = [...(scope ?? []), ...orns];
  }
  return scope;
}

/** The parseable ORNs of a resource set, parsed once per set object. */
export function parsedResources(set: { resources: readonly ResourceRecord[] }): readonly Orn[] {
  let parsed = parsedSetCache.get(set);
  if (!parsed) {
    parsed = [] as Orn[];
    for (const r of set.resources) {
      try {
        parsed.push(parseOrn(r.orn));
      } catch {
        // A malformed ORN in a resource set grants nothing; the resource set view shows the raw value.
      }
    }
    parsedSetCache.set(set, parsed);
  }
  return parsed;
}

function resourceSetGrants(
  permissions: Iterable<string>,
  set: { resources: readonly ResourceRecord[] },
  org: OrgInfo,
): AssignmentGrants {
  const resources = parsedResources(set);
  const grants = new Map<string, string[]>();
  for (const permission of permissions) {
    const family = permissionFamily(permission);
    if (family === null) {
      grants.set(permission, []);
      continue;
    }
    const fitting = resources.filter((orn) => ornFitsFamily(orn, family));
    if (fitting.length === 0) continue;
    grants.set(
      permission,
      fitting.some((orn) => isOrgWideFor(orn, family))
        ? [orgWideOrn(family, org)]
        : [...new Set(fitting.map(formatOrn))].sort(),
    );
  }
  return grants;
}

/** What one assignment grants. Inactive assignments, unknown types and unknown custom roles grant nothing. */
export function assignmentGrants(assignment: RoleAssignmentRecord, catalog: AccessCatalog): AssignmentGrants {
  if (assignment.status !== 'ACTIVE') return EMPTY;
  const set =
    assignment.resourceSetId === null ? undefined : catalog.resourceSets.get(assignment.resourceSetId);
  if (assignment.type === 'CUSTOM') {
    const role =
      assignment.customRoleId === null ? undefined : catalog.customRoles.get(assignment.customRoleId);
    if (!role || !set) return EMPTY;
    return resourceSetGrants(expandPermissions(role.permissions), set, catalog.org);
  }
  const row = catalog.table.rows.get(assignment.type);
  if (!row) return EMPTY;
  // A predefined set whose resources Okta does not list (or lists none of) narrows nothing we can
  // see: the IAM-based role then grants what its own definition does.
  if (findStandardRole(assignment.type)?.kind === 'IAM_STANDARD' && set && set.resources.length > 0) {
    return resourceSetGrants(expandedPermissionsOfRole(catalog.table, assignment.type), set, catalog.org);
  }
  const base = orgWideGrants(assignment.type, catalog);
  const targets = assignment.targets;
  if (row.scope === 'org' || targets === null || targets.length === 0) return base;
  const grants = new Map<string, readonly string[]>();
  const untargeted = expandPermissions(row.untargeted ?? []);
  for (const [permission, scope] of base) {
    const narrowed = untargeted.has(permission)
      ? null
      : targetScope(permissionFamily(permission), targets, catalog.org);
    if (narrowed === null) grants.set(permission, scope);
    else if (narrowed.length > 0) grants.set(permission, narrowed);
  }
  return grants;
}

const wideCache = new WeakMap<OrgInfo, Map<ResourceFamily, string>>();

function cachedOrgWideOrn(family: ResourceFamily, org: OrgInfo): string {
  let perOrg = wideCache.get(org);
  if (!perOrg) {
    perOrg = new Map();
    wideCache.set(org, perOrg);
  }
  let orn = perOrg.get(family);
  if (orn === undefined) {
    orn = orgWideOrn(family, org);
    perOrg.set(family, orn);
  }
  return orn;
}

// Records are never changed once read: what an assignment grants under a catalog is computed once.
const grantsCache = new WeakMap<AccessCatalog, WeakMap<RoleAssignmentRecord, AssignmentGrants>>();

function cachedAssignmentGrants(assignment: RoleAssignmentRecord, catalog: AccessCatalog): AssignmentGrants {
  let perCatalog = grantsCache.get(catalog);
  if (!perCatalog) {
    perCatalog = new WeakMap();
    grantsCache.set(catalog, perCatalog);
  }
  let grants = perCatalog.get(assignment);
  if (!grants) {
    grants = assignmentGrants(assignment, catalog);
    perCatalog.set(assignment, grants);
  }
  return grants;
}

/** Per permission: the merged scope (org-wide absorbs narrower ORNs) and every contributing assignment. */
export function mergeGrants(
  assignments: readonly RoleAssignmentRecord[],
  catalog: AccessCatalog,
): Map<string, MergedGrant> {
  const merged = new Map<string, MergedGrant>();
  for (const assignment of assignments) {
    for (const [permission, scope] of cachedAssignmentGrants(assignment, catalog)) {
      const entry = merged.get(permission);
      if (entry) entry.contributions.push({ assignment, scope });
      else merged.set(permission, { scope: [], orgWide: false, contributions: [{ assignment, scope }] });
    }
  }
  for (const [permission, entry] of merged) {
    const family = permissionFamily(permission);
    if (family === null) {
      entry.orgWide = true;
      continue;
    }
    const wide = cachedOrgWideOrn(family, catalog.org);
    entry.orgWide = entry.contributions.some((c) => c.scope.includes(wide));
    if (entry.orgWide) entry.scope = [wide];
    else entry.scope = [...new Set(entry.contributions.flatMap((c) => c.scope))].sort();
  }
  return merged;
}

/** Effective permissions of a principal's assignments, sorted by permission name. */
export function effectivePermissions(
  assignments: readonly RoleAssignmentRecord[],
  catalog: AccessCatalog,
): EffectivePermission[] {
  const merged = mergeGrants(assignments, catalog);
  return [...merged.keys()].sort().map((permission) => {
    const entry = merged.get(permission)!;
    const grantedBy = [...new Set(entry.contributions.map((c) => c.assignment))];
    return { permission, scope: entry.scope, grantedBy };
  });
}
