/** The verdict over inputs that were all read: status, explained capabilities, warnings and plans. */

import type { AccessCatalog } from '../effective-permissions.ts';
import type { RoleAssignmentRecord } from '../model.ts';
import type { CapabilityAssessment, OutOfScopeGrant } from './capabilities.ts';
import { describeAssignment, findMissingRoles, readinessWarnings } from './explain.ts';
import { isAvailable, judge } from './judge.ts';
import { remediationPlans } from './plans.ts';
import type { LumosRuleSet } from './rule-set.ts';
import type { KnownReadinessResult, LumosAccess, LumosCapabilityResult, ReadinessInput } from './types.ts';

function names(assignments: readonly RoleAssignmentRecord[]): string {
  return [...new Set(assignments.map(describeAssignment))].join(', ');
}

/** "custom role "X" (cr0..) holds okta.apps.read, but its resource set iam.. lacks orn:...:apps", per role and set. */
function outOfScopeText(grants: readonly OutOfScopeGrant[]): string {
  const bySet = new Map<string, OutOfScopeGrant[]>();
  for (const g of grants) {
    const key = `${g.assignment.id}|${g.resourceSetId}|${g.lacks}`;
    bySet.set(key, [...(bySet.get(key) ?? []), g]);
  }
  return [...bySet.values()]
    .map((group) => {
      const { assignment, resourceSetId, lacks } = group[0]!;
      const held = [...new Set(group.map((g) => g.permission))].join(' and ');
      return `out of scope: ${describeAssignment(assignment)} holds ${held}, but its resource set ${resourceSetId} lacks ${lacks}`;
    })
    .join('; ');
}

function unavailableReason(c: CapabilityAssessment): string {
  const parts: string[] = [];
  if (c.outOfScope.length > 0) parts.push(outOfScopeText(c.outOfScope));
  if (c.missingPermissions.length > 0) parts.push(`no role grants ${c.missingPermissions.join(' and ')}`);
  else if (c.missingRoles.length > 0) {
    parts.push(
      c.missingRoles.length === 1
        ? `it needs the role ${c.missingRoles[0]}`
        : `it needs one of the roles ${c.missingRoles.join(', ')}`,
    );
  }
  if (!c.roleOk && parts.length === 0) {
    parts.push(
      `no role grants ${(c.rule.satisfiedBy.permissionsAllOf ?? []).join(' and ')} over resources the gateway could see`,
    );
  }
  if (c.missingScopes.length > 0)
    parts.push(`the service app lacks the scope ${c.missingScopes.join(' and ')}`);
  return parts.join('; ');
}

function capabilityResult(
  c: CapabilityAssessment,
  required: boolean,
  access: LumosAccess,
): LumosCapabilityResult {
  const available = isAvailable(c);
  let reason: string;
  if (available && c.limited) {
    reason = `Granted only over ${c.limitedTo.length} resource(s) by ${names(c.restrictedBy)}; grant it org-wide to cover the whole org.`;
  } else if (available) {
    reason = `Granted org-wide by ${names(c.wideBy)}.`;
  } else {
    const because = unavailableReason(c);
    reason = `${because.charAt(0).toUpperCase()}${because.slice(1)}${required ? '' : ` (not required for ${access})`}.`;
  }
  return {
    name: c.rule.name,
    required,
    available,
    limitedTo: available && c.limited ? c.limitedTo : null,
    missing: available ? [] : [...new Set([...c.missingPermissions, ...c.missingRoles, ...c.missingScopes])],
    reason,
  };
}

/** Evaluates a principal whose inputs were all read (`input.unread` is not looked at). */
export function evaluateKnown(
  input: ReadinessInput,
  catalog: AccessCatalog,
  ruleSet: LumosRuleSet,
): KnownReadinessResult {
  const judgement = judge(input, catalog, ruleSet);
  const { status, active, merged, assessed, required, missingScopes } = judgement;
  const capabilities = assessed.map((c) => capabilityResult(c, required.has(c.rule.name), input.access));
  const hasCustomRole = active.some((a) => a.type === 'CUSTOM');
  const missingPermissions = hasCustomRole
    ? [
        ...new Set(assessed.filter((c) => required.has(c.rule.name)).flatMap((c) => c.missingPermissions)),
      ].sort()
    : [];
  const missingRoles =
    status === 'READY' ? [] : findMissingRoles(active, assessed, merged, catalog, ruleSet, required);
  const context = { input, active, assessed, required, catalog, ruleSet, missingScopes, missingPermissions };
  const plans = status === 'READY' ? [] : remediationPlans(input, catalog, ruleSet, judgement);
  return {
    status,
    connection: input.principal.kind === 'SERVICE_APP' ? 'OAUTH_SERVICE_APP' : 'API_TOKEN',
    access: input.access,
    ruleSet: ruleSet.id,
    capabilities,
    missingRoles,
    missingPermissions,
    missingScopes,
    warnings: readinessWarnings(context),
    remediation: plans[0]?.steps.map((s) => s.text) ?? [],
    remediationPlans: plans,
  };
}
