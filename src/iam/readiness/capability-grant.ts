/**
 * What a standard role type grants toward one capability's role side: the one answer the
 * capability assessment, missingRoles and the remediation plans all ask for.
 */

import { getOrMake, newMap, newWeakMap } from '../memo.ts';
import { permissionSetOfRole, type RolePermissionTable } from '../role-permission-table.ts';
import type { LumosCapabilityRule } from './rule-set.ts';

export interface CapabilityGrant {
  /**
   * The role type alone grants the capability: the rule names it (rolesAnyOf) or its table row
   * has the rule's grant. Targets and resource sets do not narrow such a grant.
   */
  byType: boolean;
  /** Of the rule's permissionsAllOf, the ones the role's table row grants (included ones too). */
  permissions: readonly string[];
  /** Whether it grants anything toward the capability: by type or at least one permission. */
  contributes: boolean;
}

const NOTHING: CapabilityGrant = { byType: false, permissions: [], contributes: false };

const cache = new WeakMap<RolePermissionTable, WeakMap<LumosCapabilityRule, Map<string, CapabilityGrant>>>();

function compute(role: string, rule: LumosCapabilityRule, table: RolePermissionTable): CapabilityGrant {
  // A custom role grants by its own permissions over its resource set, never by type or table row.
  if (role === 'CUSTOM') return NOTHING;
  const { permissionsAllOf = [], rolesAnyOf = [], tableGrant } = rule.satisfiedBy;
  const byType =
    rolesAnyOf.includes(role) ||
    (tableGrant !== undefined && table.rows.get(role)?.grants[tableGrant] === true);
  const held = permissionSetOfRole(table, role);
  const permissions = permissionsAllOf.filter((p) => held.has(p));
  return { byType, permissions, contributes: byType || permissions.length > 0 };
}

/** What `role` (a standard role type) grants toward `rule`'s role side under `table`; cached per table and rule. */
export function capabilityGrantOf(
  role: string,
  rule: LumosCapabilityRule,
  table: RolePermissionTable,
): CapabilityGrant {
  const perRule = getOrMake(getOrMake(cache, table, newWeakMap), rule, newMap);
  return getOrMake(perRule, role, () => compute(role, rule, table));
}
