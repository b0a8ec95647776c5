/**
 * Effective permissions: what a principal's role assignments grant, over which resources (ORNs),
 * and through which assignments (provenance).
 */

import { getOrMake, newMap, newWeakMap } from './memo.ts';
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
import {
  expandedPermissionsOfRole,
  type RolePermissionRow,
  type RolePermissionTable,
} from './role-permission-table.ts';
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
// Per table and org (what they depend on), not per catalog: a catalog a what-if builds shares them.
const orgWideCache = new WeakMap<RolePermissionTable, WeakMap<OrgInfo, Map<string, AssignmentGrants>>>();
const parsedListCache = new WeakMap<readonly ResourceRecord[], readonly Orn[]>();

function orgWideScope(permission: string, org: OrgInfo): string[] {
  const family = permissionFamily(permission);
  return family === null ? [] : [orgWideOrn(family, org)];
}

function orgWideGrants(type: string, catalog: AccessCatalog): AssignmentGrants {
  const perOrg = getOrMake(getOrMake(orgWideCache, catalog.table, newWeakMap), catalog.org, newMap);
  let grants = perOrg.get(type);
  if (!grants) {
    const permissions = expandedPermissionsOfRole(catalog.table, type);
    grants = new Map(permissions.map((p) => [p, orgWideScope(p, catalog.org)]));
    perOrg.set(type, grants);
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

function parseList(resources: readonly ResourceRecord[]): readonly Orn[] {
  const parsed: Orn[] = [];
  for (const r of resources) {
    try {
      parsed.push(parseOrn(r.orn));
    } catch {
      // A malformed ORN in a resource set grants nothing; the resource set view shows the raw value.
    }
  }
  return parsed;
}

/** The parseable ORNs of a resource set, parsed once per resource list (the shared cache keeps lists). */
export function parsedResources(set: { resources: readonly ResourceRecord[] }): readonly Orn[] {
  return getOrMake(parsedListCache, set.resources, parseList);
}

function resourceSetGrants(
  permissions: Iterable<string>,
  list: readonly ResourceRecord[],
  org: OrgInfo,
): AssignmentGrants {
  const resources = getOrMake(parsedListCache, list, parseList);
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

function targetedGrants(
  base: AssignmentGrants,
  row: RolePermissionRow,
  targets: readonly RoleTarget[],
  org: OrgInfo,
): AssignmentGrants {
  const grants = new Map<string, readonly string[]>();
  const untargeted = expandPermissions(row.untargeted ?? []);
  for (const [permission, scope] of base) {
    const narrowed = untargeted.has(permission)
      ? null
      : targetScope(permissionFamily(permission), targets, org);
    if (narrowed === null) grants.set(permission, scope);
    else if (narrowed.length > 0) grants.set(permission, narrowed);
  }
  return grants;
}

// Records and lists are never changed once read, so each kind of grant is computed once per what
// it reads: a custom role's over its permission list and resource list (the shared cache keeps
// both across requests; principals holding one role share them), an IAM-based role's over its
// type and resource list, a targeted role's over the assignment (its targets).
const customGrantsCache = new WeakMap<
  OrgInfo,
  WeakMap<readonly string[], WeakMap<readonly ResourceRecord[], AssignmentGrants>>
>();
const iamRoleGrantsCache = new WeakMap<
  RolePermissionTable,
  WeakMap<OrgInfo, WeakMap<readonly ResourceRecord[], Map<string, AssignmentGrants>>>
>();
const targetedCache = new WeakMap<
  RoleAssignmentRecord,
  WeakMap<RolePermissionTable, WeakMap<OrgInfo, AssignmentGrants>>
>();

/**
 * What one assignment grants. Inactive assignments, unknown types and unknown custom roles grant
 * nothing. Cached (see above): callers must not mutate the result.
 */
export function assignmentGrants(assignment: RoleAssignmentRecord, catalog: AccessCatalog): AssignmentGrants {
  if (assignment.status !== 'ACTIVE') return EMPTY;
  const { org, table } = catalog;
  const set =
    assignment.resourceSetId === null ? undefined : catalog.resourceSets.get(assignment.resourceSetId);
  if (assignment.type === 'CUSTOM') {
    const role =
      assignment.customRoleId === null ? undefined : catalog.customRoles.get(assignment.customRoleId);
    if (!role || !set) return EMPTY;
    const byList = getOrMake(getOrMake(customGrantsCache, org, newWeakMap), role.permissions, newWeakMap);
    return getOrMake(byList, set.resources, (list) =>
      resourceSetGrants(expandPermissions(role.permissions), list, org),
    );
  }
  const type = assignment.type;
  const row = table.rows.get(type);
  if (!row) return EMPTY;
  // A predefined set whose resources Okta does not list (or lists none of) narrows nothing we can
  // see: the IAM-based role then grants what its own definition does.
  if (findStandardRole(type)?.kind === 'IAM_STANDARD' && set && set.resources.length > 0) {
    const byType = getOrMake(
      getOrMake(getOrMake(iamRoleGrantsCache, table, newWeakMap), org, newWeakMap),
      set.resources,
      newMap,
    );
    return getOrMake(byType, type, () =>
      resourceSetGrants(expandedPermissionsOfRole(table, type), set.resources, org),
    );
  }
  const base = orgWideGrants(type, catalog);
  const targets = assignment.targets;
  if (row.scope === 'org' || targets === null || targets.length === 0) return base;
  const byOrg = getOrMake(getOrMake(targetedCache, assignment, newWeakMap), table, newWeakMap);
  return getOrMake(byOrg, org, () => targetedGrants(base, row, targets, org));
}

const wideCache = new WeakMap<OrgInfo, Map<ResourceFamily, string>>();

function cachedOrgWideOrn(family: ResourceFamily, org: OrgInfo): string {
  const perOrg = getOrMake(wideCache, org, newMap);
  let orn = perOrg.get(family);
  if (orn === undefined) {
    orn = orgWideOrn(family, org);
    perOrg.set(family, orn);
  }
  return orn;
}

/**
 * Per permission: the merged scope (org-wide absorbs narrower ORNs) and every contributing
 * assignment. With `only`, just those permissions (each entry as it would be without).
 */
export function mergeGrants(
  assignments: readonly RoleAssignmentRecord[],
  catalog: AccessCatalog,
  only?: readonly string[],
): Map<string, MergedGrant> {
  const merged = new Map<string, MergedGrant>();
  for (const assignment of assignments) {
    const grants = assignmentGrants(assignment, catalog);
    for (const permission of only ?? grants.keys()) {
      const scope = grants.get(permission);
      if (scope === undefined) continue;
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
