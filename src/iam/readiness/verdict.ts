/** The verdict over inputs that were all read: the rule set's statuses, in order. */

import { type AccessCatalog, mergeGrants } from '../effective-permissions.ts';
import type { RoleAssignmentRecord } from '../model.ts';
import { assessCapabilities, type CapabilityAssessment } from './capabilities.ts';
import type {
  DeterminedStatus,
  KnownReadinessResult,
  LumosCapabilityResult,
  ReadinessInput,
} from './evaluate.ts';
import { describeAssignment, findMissingRoles, readinessWarnings } from './explain.ts';
import { buildRemediation } from './remediation.ts';
import type { LumosAccess, LumosRuleSet } from './rule-set.ts';

function names(assignments: readonly RoleAssignmentRecord[]): string {
  return [...new Set(assignments.map(describeAssignment))].join(', ');
}

function capabilityResult(
  c: CapabilityAssessment,
  required: boolean,
  access: LumosAccess,
): LumosCapabilityResult {
  const available = c.roleOk && c.scopeOk;
  const missing = [...c.missingPermissions, ...c.missingRoles, ...c.missingScopes];
  let reason: string;
  if (available && c.limited) {
    reason = `Granted only over ${c.limitedTo.length} resource(s) by ${names(c.restrictedBy)}; grant it org-wide to cover the whole org.`;
  } else if (available) {
    reason = `Granted org-wide by ${names(c.wideBy)}.`;
  } else {
    const parts: string[] = [];
    if (c.missingPermissions.length > 0) parts.push(`no role grants ${c.missingPermissions.join(' and ')}`);
    else if (c.missingRoles.length > 0) {
      parts.push(
        c.missingRoles.length === 1
          ? `it needs the role ${c.missingRoles[0]}`
          : `it needs one of the roles ${c.missingRoles.join(', ')}`,
      );
    }
    if (c.missingScopes.length > 0)
      parts.push(`the service app lacks the scope ${c.missingScopes.join(' and ')}`);
    const because = parts.join('; ');
    reason = `${because.charAt(0).toUpperCase()}${because.slice(1)}${required ? '' : ` (not required for ${access})`}.`;
  }
  return {
    name: c.rule.name,
    required,
    available,
    limitedTo: available && c.limited ? c.limitedTo : null,
    missing: available ? [] : missing,
    reason,
  };
}

/** Evaluates a principal whose inputs were all read (`input.unread` is not looked at). */
export function evaluateKnown(
  input: ReadinessInput,
  catalog: AccessCatalog,
  ruleSet: LumosRuleSet,
): KnownReadinessResult {
  const isApp = input.principal.kind === 'SERVICE_APP';
  const active = input.assignments.filter((a) => a.status === 'ACTIVE');
  const granted = isApp ? new Set(input.grantedScopes ?? []) : null;
  const merged = mergeGrants(active, catalog);
  const assessed = assessCapabilities(ruleSet, active, merged, catalog, granted);
  const required = new Set(ruleSet.requiredFor[input.access]);
  const capabilities = assessed.map((c) => capabilityResult(c, required.has(c.rule.name), input.access));
  const byName = new Map(capabilities.map((c) => [c.name, c]));
  const requiredResults = capabilities.filter((c) => c.required);

  const missingScopes = granted
    ? ruleSet.scopes
        .filter((s) => !s.acceptable[input.access].some((scope) => granted.has(scope)))
        .map((s) => s.acceptable[input.access][0]!)
    : [];

  let status: DeterminedStatus;
  if (active.length === 0) status = 'NOT_READY';
  else if (active.every((a) => ruleSet.unsupportedRoles.includes(a.type))) status = 'UNSUPPORTED';
  else if (missingScopes.length > 0 || ruleSet.essentialCapabilities.some((n) => !byName.get(n)?.available)) {
    status = 'NOT_READY';
  } else if (requiredResults.every((c) => c.available && c.limitedTo === null)) status = 'READY';
  else status = 'PARTIAL';

  const hasCustomRole = active.some((a) => a.type === 'CUSTOM');
  const missingPermissions = hasCustomRole
    ? [
        ...new Set(assessed.filter((c) => required.has(c.rule.name)).flatMap((c) => c.missingPermissions)),
      ].sort()
    : [];
  const missingRoles =
    status === 'READY' ? [] : findMissingRoles(active, assessed, merged, catalog, ruleSet, required);

  const context = { input, active, assessed, required, catalog, ruleSet, missingScopes, missingPermissions };
  return {
    status,
    connection: isApp ? 'OAUTH_SERVICE_APP' : 'API_TOKEN',
    access: input.access,
    ruleSet: ruleSet.id,
    capabilities,
    missingRoles,
    missingPermissions,
    missingScopes,
    warnings: readinessWarnings(context),
    remediation: status === 'READY' ? [] : buildRemediation({ ...context, status, missingRoles }),
  };
}
