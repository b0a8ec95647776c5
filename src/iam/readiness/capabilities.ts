/** Role side and scope side of each capability of a rule set, for one principal. */

import type { AccessCatalog, MergedGrant } from '../effective-permissions.ts';
import type { RoleAssignmentRecord } from '../model.ts';
import { targetOrn } from '../resource-family.ts';
import type { LumosCapabilityRule, LumosRuleSet } from './rule-set.ts';

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
  missingPermissions: string[];
  /** rolesAnyOf when the role side is unavailable. */
  missingRoles: string[];
  missingScopes: string[];
}

function isTargeted(a: RoleAssignmentRecord, catalog: AccessCatalog): boolean {
  return catalog.table.rows.get(a.type)?.scope === 'targets' && a.targets !== null && a.targets.length > 0;
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

interface RoleSide {
  ok: boolean;
  limited: boolean;
  limitedTo: string[];
  grantedBy: RoleAssignmentRecord[];
  wideBy: RoleAssignmentRecord[];
  restrictedBy: RoleAssignmentRecord[];
}

const NONE: RoleSide = {
  ok: false,
  limited: false,
  limitedTo: [],
  grantedBy: [],
  wideBy: [],
  restrictedBy: [],
};

function permissionRoute(permissions: readonly string[], merged: ReadonlyMap<string, MergedGrant>): RoleSide {
  const entries: MergedGrant[] = [];
  for (const p of permissions) {
    const entry = merged.get(p);
    if (!entry) return NONE;
    entries.push(entry);
  }
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

function roleRoute(
  rule: LumosCapabilityRule,
  active: readonly RoleAssignmentRecord[],
  catalog: AccessCatalog,
): RoleSide {
  const { rolesAnyOf = [], tableGrant } = rule.satisfiedBy;
  if (rolesAnyOf.length === 0 && tableGrant === undefined) return NONE;
  const grantedBy = active.filter(
    (a) =>
      a.type !== 'CUSTOM' &&
      (rolesAnyOf.includes(a.type) ||
        (tableGrant !== undefined && catalog.table.rows.get(a.type)?.grants[tableGrant] === true)),
  );
  if (grantedBy.length === 0) return NONE;
  const limited = grantedBy.every((a) => isTargeted(a, catalog));
  return {
    ok: true,
    limited,
    limitedTo: limited
      ? unique(grantedBy.flatMap((a) => (a.targets ?? []).map((t) => targetOrn(catalog.org, t)))).sort()
      : [],
    grantedBy,
    wideBy: grantedBy.filter((a) => !isTargeted(a, catalog)),
    restrictedBy: limited ? grantedBy : [],
  };
}

/**
 * Assesses every capability of the rule set. `active` are the ACTIVE assignments, `merged` their
 * merged grants; `grantedScopes` is null for users and groups (no scope side).
 */
export function assessCapabilities(
  ruleSet: LumosRuleSet,
  active: readonly RoleAssignmentRecord[],
  merged: ReadonlyMap<string, MergedGrant>,
  catalog: AccessCatalog,
  grantedScopes: ReadonlySet<string> | null,
): CapabilityAssessment[] {
  return ruleSet.capabilities.map((rule) => {
    const permissions = rule.satisfiedBy.permissionsAllOf ?? [];
    const byPermission = permissions.length > 0 ? permissionRoute(permissions, merged) : NONE;
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
    const missingScopes =
      grantedScopes === null
        ? []
        : rule.scopesAllOf.filter((alts) => !alts.some((s) => grantedScopes.has(s))).map((alts) => alts[0]!);
    return {
      rule,
      roleOk: role.ok,
      scopeOk: missingScopes.length === 0,
      limited: role.ok && role.limited,
      limitedTo: role.limitedTo,
      grantedBy: role.grantedBy,
      wideBy: role.wideBy,
      restrictedBy: role.restrictedBy,
      missingPermissions: role.ok ? [] : permissions.filter((p) => !merged.has(p)),
      missingRoles: role.ok ? [] : [...(rule.satisfiedBy.rolesAnyOf ?? [])],
      missingScopes,
    };
  });
}
