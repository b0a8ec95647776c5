/**
 * The status of a principal whose inputs were all read, and the assessment it rests on: what a
 * verdict explains and what a remediation plan is checked against.
 */

import { type AccessCatalog, type MergedGrant, mergeGrants } from '../effective-permissions.ts';
import type { RoleAssignmentRecord } from '../model.ts';
import { assessCapabilities, type CapabilityAssessment } from './capabilities.ts';
import { type LumosRuleSet, ruleSetPermissions } from './rule-set.ts';
import type { DeterminedStatus, LumosCapabilityName, ReadinessInput } from './types.ts';

export interface Judgement {
  status: DeterminedStatus;
  /** The ACTIVE assignments. */
  active: RoleAssignmentRecord[];
  /** The merged grants of the rule set's permissions (the only ones a capability looks up). */
  merged: Map<string, MergedGrant>;
  assessed: CapabilityAssessment[];
  required: ReadonlySet<LumosCapabilityName>;
  /** Service apps: the ACTIVE scopes; null for users and groups. */
  granted: ReadonlySet<string> | null;
  /** Scopes Lumos requests at the access level that no grant satisfies. */
  missingScopes: string[];
}

export function isAvailable(c: CapabilityAssessment): boolean {
  return c.roleOk && c.scopeOk;
}

/**
 * Evaluates the rule set's statuses, in order, over inputs that were all read. Without `explain`,
 * the assessment holds only what decides the status (see assessCapabilities).
 */
export function judge(
  input: ReadinessInput,
  catalog: AccessCatalog,
  ruleSet: LumosRuleSet,
  explain = true,
): Judgement {
  const active = input.assignments.filter((a) => a.status === 'ACTIVE');
  const granted = input.principal.kind === 'SERVICE_APP' ? new Set(input.grantedScopes ?? []) : null;
  // Only the rule set's permissions are ever looked up: merge just those.
  const merged = mergeGrants(active, catalog, ruleSetPermissions(ruleSet));
  const assessed = assessCapabilities(ruleSet, input.access, active, merged, catalog, granted, explain);
  const required = new Set(ruleSet.requiredFor[input.access]);
  const missingScopes = granted
    ? ruleSet.scopes
        .filter((s) => !s.acceptable[input.access].some((scope) => granted.has(scope)))
        .map((s) => s.acceptable[input.access][0]!)
    : [];
  const byName = new Map(assessed.map((c) => [c.rule.name, c]));
  const requiredOnes = assessed.filter((c) => required.has(c.rule.name));
  let status: DeterminedStatus;
  if (active.length === 0) status = 'NOT_READY';
  else if (active.every((a) => ruleSet.unsupportedRoles.includes(a.type))) status = 'UNSUPPORTED';
  else if (
    missingScopes.length > 0 ||
    ruleSet.essentialCapabilities.some((n) => {
      const c = byName.get(n);
      return !c || !isAvailable(c);
    })
  ) {
    status = 'NOT_READY';
  } else if (requiredOnes.every((c) => isAvailable(c) && !c.limited)) status = 'READY';
  else status = 'PARTIAL';
  return { status, active, merged, assessed, required, granted, missingScopes };
}
