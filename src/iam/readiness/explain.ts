/** Warnings and missing roles of a readiness evaluation. */

import type { AccessCatalog, MergedGrant } from '../effective-permissions.ts';
import type { RoleAssignmentRecord } from '../model.ts';
import { targetOrn } from '../resource-family.ts';
import { findStandardRole } from '../standard-roles.ts';
import type { CapabilityAssessment } from './capabilities.ts';
import { capabilityGrantOf } from './capability-grant.ts';
import type { LumosRuleSet } from './rule-set.ts';
import type { LumosCapabilityName, LumosWarning, ReadinessInput } from './types.ts';

export interface EvaluationContext {
  input: ReadinessInput;
  /** The ACTIVE assignments. */
  active: readonly RoleAssignmentRecord[];
  assessed: readonly CapabilityAssessment[];
  required: ReadonlySet<LumosCapabilityName>;
  catalog: AccessCatalog;
  ruleSet: LumosRuleSet;
  missingScopes: readonly string[];
  missingPermissions: readonly string[];
}

export function describeAssignment(a: RoleAssignmentRecord): string {
  return a.type === 'CUSTOM' ? `custom role "${a.label}" (${a.customRoleId})` : a.type;
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

function* combinations<T>(items: readonly T[], k: number, start = 0): Generator<T[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - k; i++) {
    for (const rest of combinations(items, k - 1, i + 1)) yield [items[i]!, ...rest];
  }
}

/** Whether these standard roles, added org-wide beside what the principal holds, satisfy the capability fully. */
function fixedBy(
  c: CapabilityAssessment,
  roles: readonly string[],
  merged: ReadonlyMap<string, MergedGrant>,
  catalog: AccessCatalog,
): boolean {
  const grants = roles.map((r) => capabilityGrantOf(r, c.rule, catalog.table));
  if (grants.some((g) => g.byType)) return true;
  const { permissionsAllOf = [] } = c.rule.satisfiedBy;
  return (
    permissionsAllOf.length > 0 &&
    permissionsAllOf.every(
      (p) => merged.get(p)?.orgWide === true || grants.some((g) => g.permissions.includes(p)),
    )
  );
}

/**
 * The fewest standard role types that, added org-wide, make the role side READY (scopes aside);
 * among equally few, the first in the rule set's least-privilege order. Searches up to three roles.
 * Adding roles only adds grants, so only the capabilities failing now need checking.
 */
export function findMissingRoles(
  active: readonly RoleAssignmentRecord[],
  assessed: readonly CapabilityAssessment[],
  merged: ReadonlyMap<string, MergedGrant>,
  catalog: AccessCatalog,
  ruleSet: LumosRuleSet,
  required: ReadonlySet<LumosCapabilityName>,
): string[] {
  const unsupportedOnly = active.every((a) => ruleSet.unsupportedRoles.includes(a.type));
  const failing = assessed.filter((c) => required.has(c.rule.name) && !(c.roleOk && !c.limited));
  if (failing.length === 0 && !unsupportedOnly) return [];
  const candidates = ruleSet.suggestedRoles.filter(
    (r) => !ruleSet.unsupportedRoles.includes(r) && catalog.table.rows.has(r),
  );
  for (let k = 1; k <= 3; k++) {
    for (const combo of combinations(candidates, k)) {
      if (failing.every((c) => fixedBy(c, combo, merged, catalog))) return combo;
    }
  }
  return [];
}

export function readinessWarnings(ctx: EvaluationContext): LumosWarning[] {
  const { input, active, assessed, required, catalog, ruleSet } = ctx;
  const who = `${input.principal.displayName} (${input.principal.key})`;
  const warnings: LumosWarning[] = [];
  const inactive = input.assignments.filter((a) => a.status !== 'ACTIVE');
  if (input.principal.kind === 'SERVICE_APP' && active.length === 0) {
    warnings.push({
      code: 'NO_ADMIN_ROLE',
      message: `Service app ${who} has no ${inactive.length > 0 ? 'active ' : ''}admin role: Okta does not assign roles to apps automatically, and an app with scopes but no role gets empty lists.`,
    });
  }
  for (const a of inactive) {
    const through =
      a.assignmentType === 'GROUP' && a.inheritedFromGroupId
        ? ` through group ${a.inheritedFromGroupId}`
        : '';
    warnings.push({
      code: 'INACTIVE_ROLE',
      message: `${describeAssignment(a)} is assigned to ${who}${through} but ${a.status}: it grants nothing until it is reactivated.`,
    });
  }
  const relevant = assessed.filter((c) => required.has(c.rule.name) && c.roleOk);
  if (input.principal.kind === 'USER') {
    // A capability depends on a group only when no direct assignment provides it as well.
    const providers = relevant.map((c) => (c.limited ? c.restrictedBy : c.wideBy));
    const inherited = unique(providers.filter((p) => p.every((a) => a.assignmentType === 'GROUP')).flat());
    for (const a of inherited) {
      warnings.push({
        code: 'INHERITED_ROLE',
        message: `${describeAssignment(a)} comes through group ${a.inheritedFromGroupId ?? '(unknown)'}: removing ${who} from that group breaks the integration.`,
      });
    }
  }
  for (const a of unique(relevant.filter((c) => c.limited).flatMap((c) => c.restrictedBy))) {
    const limitedTo =
      a.targets && a.targets.length > 0
        ? `the targets ${a.targets.map((t) => targetOrn(catalog.org, t)).join(', ')}`
        : `the resources of resource set ${a.resourceSetId}`;
    warnings.push({
      code: 'TARGETED_ROLE',
      message: `${describeAssignment(a)} is limited to ${limitedTo}: that list must be maintained as the org changes.`,
    });
  }
  const membership = assessed.find((c) => c.rule.name === ruleSet.customRoleMembershipCapability);
  const superMembership = assessed.find((c) => c.rule.name === ruleSet.superAdminMembershipCapability);
  if (
    membership &&
    required.has(membership.rule.name) &&
    membership.roleOk &&
    membership.grantedBy.some((a) => a.type === 'CUSTOM') &&
    !superMembership?.roleOk
  ) {
    warnings.push({
      code: 'CUSTOM_ROLE_SUPER_ADMIN_MEMBERSHIP',
      message: `${who} relies on a custom role for group membership: adding or removing Super Administrators in groups will fail.`,
    });
  }
  for (const type of unique(active.map((a) => a.type)).filter(
    (t) => t !== 'CUSTOM' && !findStandardRole(t),
  )) {
    warnings.push({
      code: 'UNKNOWN_ROLE_TYPE',
      message: `${who} holds the role type ${type}, which this gateway does not know: it is shown as Okta names it and counted as granting nothing, so this verdict may understate what ${who} can do.`,
    });
  }
  return warnings;
}
