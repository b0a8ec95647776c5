/** Role side and scope side of each capability of a rule set, for one principal. */

import type { AccessCatalog, MergedGrant } from '../effective-permissions.ts';
import { getOrMake } from '../memo.ts';
import type { RoleAssignmentRecord } from '../model.ts';
import { expandPermissions } from '../permissions.ts';
import { orgWideOrn, permissionFamily } from '../resource-family.ts';
import { permissionSetOfRole } from '../role-permission-table.ts';
import { capabilityGrantOf } from './capability-grant.ts';
import type { LumosCapabilityRule, LumosRuleSet } from './rule-set.ts';
import type { LumosAccess } from './types.ts';

/** A permission a role holds that grants nothing: its resource set names no resource of its family. */
export interface OutOfScopeGrant {
  permission: string;
  assignment: RoleAssignmentRecord;
  resourceSetId: string;
  /** The family's org-wide ORN, which the set lacks. */
  lacks: string;
}

export interface CapabilityAssessment {
  rule: LumosCapabilityRule;
  roleOk: boolean;
  scopeOk: boolean;
  /** Role side granted only over targets or a partial resource set. */
  limited: boolean;
  limitedTo: string[];
  /** Assignments that grant it (role side). */
  grantedBy: RoleAssignmentRecord[];
  /** Of those, the ones that grant it org-wide (empty when limited). */
  wideBy: RoleAssignmentRecord[];
  /** Of those, the ones restricted to targets or a partial resource set, when the capability is limited. */
  restrictedBy: RoleAssignmentRecord[];
  /** Permissions no role holds, when the role side is unavailable. */
  missingPermissions: string[];
  /** Permissions a role holds over no resource, when the role side is unavailable. */
  outOfScope: OutOfScopeGrant[];
  /** rolesAnyOf when the role side is unavailable. */
  missingRoles: string[];
  /** The scopes Lumos requests at the access level that would satisfy the scope side. */
  missingScopes: string[];
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** One route to the role side (by permissions or by role type), or the two combined. */
type RoleSide = { ok: boolean } & Pick<
  CapabilityAssessment,
  'limited' | 'limitedTo' | 'grantedBy' | 'wideBy' | 'restrictedBy'
>;

const NONE: RoleSide = {
  ok: false,
  limited: false,
  limitedTo: [],
  grantedBy: [],
  wideBy: [],
  restrictedBy: [],
};

const LIMITED: RoleSide = { ...NONE, ok: true, limited: true };
const WIDE: RoleSide = { ...NONE, ok: true };

function permissionRoute(
  permissions: readonly string[],
  merged: ReadonlyMap<string, MergedGrant>,
  explain: boolean,
): RoleSide {
  const entries: MergedGrant[] = [];
  for (const p of permissions) {
    const entry = merged.get(p);
    if (!entry) return NONE;
    entries.push(entry);
  }
  if (!explain) return entries.every((e) => e.orgWide) ? WIDE : LIMITED;
  const narrow = entries.filter((e) => !e.orgWide);
  return {
    ok: true,
    limited: narrow.length > 0,
    limitedTo: unique(narrow.flatMap((e) => e.scope)).sort(),
    grantedBy: unique(entries.flatMap((e) => e.contributions.map((c) => c.assignment))),
    wideBy:
      narrow.length > 0
        ? []
        : unique(
            entries.flatMap((e) =>
              e.contributions
                .filter((c) => c.scope.length === 0 || c.scope.includes(e.scope[0]!))
                .map((c) => c.assignment),
            ),
          ),
    restrictedBy: unique(narrow.flatMap((e) => e.contributions.map((c) => c.assignment))),
  };
}

/**
 * Capabilities no okta.* permission names (System Log, admin roles, custom attributes, Super
 * Administrator membership) are granted by the role type alone: a role's targets narrow what it
 * grants over groups and apps, not these (custom attributes live on the user profile schema).
 */
function roleRoute(
  rule: LumosCapabilityRule,
  active: readonly RoleAssignmentRecord[],
  catalog: AccessCatalog,
): RoleSide {
  const grantedBy = active.filter((a) => capabilityGrantOf(a.type, rule, catalog.table).byType);
  if (grantedBy.length === 0) return NONE;
  return { ok: true, limited: false, limitedTo: [], grantedBy, wideBy: grantedBy, restrictedBy: [] };
}

const customRoleCache = new WeakMap<readonly string[], ReadonlySet<string>>();
const NOTHING: ReadonlySet<string> = new Set();

/** The permissions an assignment's role holds, whatever resources it is bound to. */
function heldBy(a: RoleAssignmentRecord, catalog: AccessCatalog): ReadonlySet<string> {
  if (a.type !== 'CUSTOM') return permissionSetOfRole(catalog.table, a.type);
  const role = a.customRoleId === null ? undefined : catalog.customRoles.get(a.customRoleId);
  return role ? getOrMake(customRoleCache, role.permissions, expandPermissions) : NOTHING;
}

/** Of `permissions` not granted, the ones a bound role holds whose resource set lacks their family. */
function outOfScopeGrants(
  permissions: readonly string[],
  active: readonly RoleAssignmentRecord[],
  merged: ReadonlyMap<string, MergedGrant>,
  catalog: AccessCatalog,
): OutOfScopeGrant[] {
  const found: OutOfScopeGrant[] = [];
  for (const permission of permissions) {
    const family = permissionFamily(permission);
    if (merged.has(permission) || family === null) continue;
    for (const a of active) {
      if (a.resourceSetId === null || !catalog.resourceSets.has(a.resourceSetId)) continue;
      if (!heldBy(a, catalog).has(permission)) continue;
      found.push({
        permission,
        assignment: a,
        resourceSetId: a.resourceSetId,
        lacks: orgWideOrn(family, catalog.org),
      });
    }
  }
  return found;
}

/** Every permission the active assignments' roles hold, in scope or not. */
export function heldPermissions(
  active: readonly RoleAssignmentRecord[],
  catalog: AccessCatalog,
): ReadonlySet<string> {
  const held = new Set<string>();
  for (const a of active) for (const p of heldBy(a, catalog)) held.add(p);
  return held;
}

/**
 * The scope Lumos requests at this access level among interchangeable ones: READ_USERS asks for
 * okta.users.manage in FULL and okta.users.read in READ_ONLY, as missingScopes does.
 */
function requestedScope(alternatives: readonly string[], ruleSet: LumosRuleSet, access: LumosAccess): string {
  for (const s of ruleSet.scopes) {
    const asked = s.acceptable[access].find((scope) => alternatives.includes(scope));
    if (asked !== undefined) return asked;
  }
  return alternatives[0]!;
}

/**
 * Assesses every capability of the rule set. `active` are the ACTIVE assignments, `merged` their
 * merged grants; `grantedScopes` is null for users and groups (no scope side). Without `explain`
 * only what decides the status is worked out (availability, limits, scopes): no provenance, ORNs
 * or missing permissions, for plans that evaluate many what-ifs.
 */
export function assessCapabilities(
  ruleSet: LumosRuleSet,
  access: LumosAccess,
  active: readonly RoleAssignmentRecord[],
  merged: ReadonlyMap<string, MergedGrant>,
  catalog: AccessCatalog,
  grantedScopes: ReadonlySet<string> | null,
  explain = true,
): CapabilityAssessment[] {
  let held: ReadonlySet<string> | undefined;
  return ruleSet.capabilities.map((rule) => {
    const permissions = rule.satisfiedBy.permissionsAllOf ?? [];
    const byPermission = permissions.length > 0 ? permissionRoute(permissions, merged, explain) : NONE;
    const byRole = roleRoute(rule, active, catalog);
    // An org-wide route wins over a limited one; two limited routes add up.
    const routes = [byPermission, byRole].filter((r) => r.ok);
    const wide = routes.find((r) => !r.limited);
    const role: RoleSide =
      routes.length === 0
        ? NONE
        : (wide ?? {
            ok: true,
            limited: true,
            limitedTo: unique(routes.flatMap((r) => r.limitedTo)).sort(),
            grantedBy: unique(routes.flatMap((r) => r.grantedBy)),
            wideBy: [],
            restrictedBy: unique(routes.flatMap((r) => r.restrictedBy)),
          });
    const outOfScope = role.ok || !explain ? [] : outOfScopeGrants(permissions, active, merged, catalog);
    const missingScopes =
      grantedScopes === null
        ? []
        : unique(
            rule.scopesAllOf
              .filter((alts) => !alts.some((s) => grantedScopes.has(s)))
              .map((alts) => requestedScope(alts, ruleSet, access)),
          );
    return {
      rule,
      roleOk: role.ok,
      scopeOk: missingScopes.length === 0,
      limited: role.ok && role.limited,
      limitedTo: role.limitedTo,
      grantedBy: role.grantedBy,
      wideBy: role.wideBy,
      restrictedBy: role.restrictedBy,
      missingPermissions:
        role.ok || !explain
          ? []
          : permissions.filter((p) => {
              held ??= heldPermissions(active, catalog);
              return !merged.has(p) && !held.has(p);
            }),
      outOfScope,
      missingRoles: role.ok ? [] : [...(rule.satisfiedBy.rolesAnyOf ?? [])],
      missingScopes,
    };
  });
}
