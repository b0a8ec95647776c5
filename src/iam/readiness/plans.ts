/**
 * Remediation plans: complete ways to a better verdict, fewest privileges first. The first plan
 * uses only narrow means (the custom role's missing permission, the resource set's missing ORN, a
 * targeted role made org-wide, an inactive role reactivated, scopes, narrow standard roles); then
 * each broad role in turn (ORG_ADMIN, SUPER_ADMIN), kept only when it reaches further. Each plan
 * is found by making every change of its kind and evaluating again, then dropping, most privileged
 * first, each change the outcome does not need: so a plan reaches what it says, and no step
 * repeats what another already grants.
 */

import { type AccessCatalog, parsedResources } from '../effective-permissions.ts';
import { expandPermissions } from '../permissions.ts';
import { isOrgWideFor, orgWideOrn, permissionFamily } from '../resource-family.ts';
import type { CapabilityAssessment } from './capabilities.ts';
import { capabilityGrantOf } from './capability-grant.ts';
import { applyChanges, type Change } from './changes.ts';
import { isAvailable, type Judgement, judge } from './judge.ts';
import type { LumosRuleSet } from './rule-set.ts';
import { describeChange } from './steps.ts';
import type { DeterminedStatus, LumosCapabilityName, ReadinessInput, RemediationPlan } from './types.ts';

interface Outcome {
  status: DeterminedStatus;
  /** Required capabilities unavailable. */
  unavailable: LumosCapabilityName[];
  /** Required capabilities available only over some resources. */
  limited: LumosCapabilityName[];
}

interface Candidate {
  change: Change;
  /** Least privilege first. */
  rank: number;
  /** The broad role the change assigns or reactivates; null for narrow changes. */
  broad: string | null;
}

const STATUS_RANK: Record<DeterminedStatus, number> = { READY: 3, PARTIAL: 2, NOT_READY: 1, UNSUPPORTED: 1 };

function outcomeOf(j: Judgement): Outcome {
  const required = j.assessed.filter((c) => j.required.has(c.rule.name));
  return {
    status: j.status,
    unavailable: required.filter((c) => !isAvailable(c)).map((c) => c.rule.name),
    limited: required.filter((c) => isAvailable(c) && c.limited).map((c) => c.rule.name),
  };
}

const shortfall = (o: Outcome) => new Set([...o.unavailable, ...o.limited]);

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return (
    a.status === b.status &&
    a.unavailable.join() === b.unavailable.join() &&
    a.limited.join() === b.limited.join()
  );
}

/** Strictly better: a higher status, or the same with less unavailable or limited and nothing worse. */
function better(a: Outcome, b: Outcome): boolean {
  if (STATUS_RANK[a.status] !== STATUS_RANK[b.status]) return STATUS_RANK[a.status] > STATUS_RANK[b.status];
  const bShort = shortfall(b);
  const subset =
    a.unavailable.every((n) => b.unavailable.includes(n)) && a.limited.every((n) => bShort.has(n));
  return subset && !sameOutcome(a, b);
}

interface SearchContext {
  input: ReadinessInput;
  catalog: AccessCatalog;
  ruleSet: LumosRuleSet;
  current: Judgement;
}

/** Required capabilities whose role side is missing or limited: what role changes can help. */
function failingRoleSides(ctx: SearchContext): CapabilityAssessment[] {
  const { current } = ctx;
  return current.assessed.filter((c) => current.required.has(c.rule.name) && !(c.roleOk && !c.limited));
}

/** Custom-role assignments whose role and resource set are known: what permissions and ORNs can fix. */
function customRoleChanges(ctx: SearchContext, failing: readonly CapabilityAssessment[]): Candidate[] {
  const { catalog } = ctx;
  const found: Candidate[] = [];
  const seen = new Set<string>();
  for (const a of ctx.current.active) {
    const role = a.customRoleId === null ? undefined : catalog.customRoles.get(a.customRoleId);
    const set = a.resourceSetId === null ? undefined : catalog.resourceSets.get(a.resourceSetId);
    if (a.type !== 'CUSTOM' || !role || !set || a.resourceSetId === null) continue;
    const held = expandPermissions(role.permissions);
    const orns = parsedResources(set);
    for (const c of failing) {
      for (const permission of c.rule.satisfiedBy.permissionsAllOf ?? []) {
        const addPermission = `${role.id}:${permission}`;
        if (!held.has(permission) && !seen.has(addPermission)) {
          seen.add(addPermission);
          found.push({
            change: { action: 'ADD_PERMISSION', assignment: a, customRoleId: role.id, permission },
            rank: 2,
            broad: null,
          });
        }
        const family = permissionFamily(permission);
        if (family === null || orns.some((o) => isOrgWideFor(o, family))) continue;
        const orn = orgWideOrn(family, catalog.org);
        const addResource = `${a.resourceSetId}:${orn}`;
        if (seen.has(addResource)) continue;
        seen.add(addResource);
        found.push({
          change: { action: 'ADD_RESOURCE', assignment: a, resourceSetId: a.resourceSetId, orn },
          rank: 1,
          broad: null,
        });
      }
    }
  }
  return found;
}

function roleRank(ctx: SearchContext, role: string, base: number): { rank: number; broad: string | null } {
  const index = Math.max(0, ctx.ruleSet.suggestedRoles.indexOf(role)) / 100;
  const broad = ctx.ruleSet.broadRoles.includes(role) ? role : null;
  return { rank: (broad ? 9 : base) + index, broad };
}

/** Every change that could help, each with its privilege rank. */
function candidates(ctx: SearchContext): Candidate[] {
  const { input, catalog, ruleSet, current } = ctx;
  const failing = failingRoleSides(ctx);
  const helps = (type: string) =>
    failing.some((c) => capabilityGrantOf(type, c.rule, catalog.table).contributes);
  const found: Candidate[] = current.missingScopes.map((scope) => ({
    change: { action: 'GRANT_SCOPE', scope },
    rank: 0,
    broad: null,
  }));
  found.push(...customRoleChanges(ctx, failing));
  for (const a of current.active) {
    const row = catalog.table.rows.get(a.type);
    if (a.type === 'CUSTOM' || row?.scope !== 'targets' || !a.targets?.length || !helps(a.type)) continue;
    found.push({ change: { action: 'REMOVE_TARGETS', assignment: a }, ...roleRank(ctx, a.type, 3) });
  }
  for (const a of input.assignments) {
    if (a.status === 'ACTIVE') continue;
    const known =
      a.type === 'CUSTOM'
        ? a.customRoleId !== null && catalog.customRoles.has(a.customRoleId)
        : catalog.table.rows.has(a.type);
    if (known)
      found.push({ change: { action: 'REACTIVATE_ROLE', assignment: a }, ...roleRank(ctx, a.type, 4) });
  }
  const held = new Set(input.assignments.map((a) => a.type));
  for (const role of ruleSet.suggestedRoles) {
    if (held.has(role) || ruleSet.unsupportedRoles.includes(role) || !catalog.table.rows.has(role)) continue;
    if (!helps(role)) continue;
    found.push({ change: { action: 'ASSIGN_ROLE', role }, ...roleRank(ctx, role, 5) });
  }
  return found.sort((x, y) => x.rank - y.rank);
}

/**
 * Fewest privileges first: the narrow changes, then the narrow changes with each broad role. A
 * tier whose outcome is no better than the last plan's adds nothing.
 */
function tiers(all: readonly Candidate[], ruleSet: LumosRuleSet): Candidate[][] {
  const narrow = all.filter((c) => c.broad === null);
  const result = [narrow];
  for (const role of ruleSet.broadRoles) {
    const broad = all.filter((c) => c.broad === role);
    if (broad.length > 0) result.push([...narrow, ...broad].sort((x, y) => x.rank - y.rank));
  }
  return result;
}

function revokedToAskFor(ctx: SearchContext): Set<string> {
  const revoked = new Set(ctx.input.revokedScopes ?? []);
  const access = ctx.input.access;
  return new Set(
    ctx.current.missingScopes.filter((scope) => {
      const rule = ctx.ruleSet.scopes.find((s) => s.acceptable[access][0] === scope);
      return (rule?.acceptable[access] ?? [scope]).some((s) => revoked.has(s));
    }),
  );
}

/** The remediation plans of a principal whose verdict is not READY. */
export function remediationPlans(
  input: ReadinessInput,
  catalog: AccessCatalog,
  ruleSet: LumosRuleSet,
  current: Judgement,
): RemediationPlan[] {
  const ctx: SearchContext = { input, catalog, ruleSet, current };
  const all = candidates(ctx);
  const position = new Map(all.map((c, i) => [c, i]));
  const seen = new Map<string, Outcome>();
  const outcomeWith = (kept: readonly Candidate[]) => {
    const key = kept.map((c) => position.get(c)).join();
    let outcome = seen.get(key);
    if (!outcome) {
      const changed = applyChanges(
        input,
        catalog,
        kept.map((c) => c.change),
      );
      outcome = outcomeOf(judge(changed.input, changed.catalog, ruleSet, false));
      seen.set(key, outcome);
    }
    return outcome;
  };
  const required = ruleSet.requiredFor[input.access];
  const revokedScopes = revokedToAskFor(ctx);
  const plans: RemediationPlan[] = [];
  let reached = outcomeOf(current);
  for (const tier of tiers(all, ruleSet)) {
    if (tier.length === 0) continue;
    const target = outcomeWith(tier);
    if (!better(target, reached)) continue;
    let kept = tier;
    // A broad role usually makes every narrow change but the scopes redundant: try dropping them at once first.
    const broadAndScopes = tier.filter((c) => c.broad !== null || c.change.action === 'GRANT_SCOPE');
    if (broadAndScopes.length < tier.length && broadAndScopes.some((c) => c.broad !== null)) {
      if (sameOutcome(outcomeWith(broadAndScopes), target)) kept = broadAndScopes;
    }
    for (const step of [...kept].reverse()) {
      const without = kept.filter((c) => c !== step);
      if (sameOutcome(outcomeWith(without), target)) kept = without;
    }
    const short = shortfall(target);
    const steps = kept.map((step) => {
      const lost = shortfall(outcomeWith(kept.filter((c) => c !== step)));
      const gives = required.filter((n) => lost.has(n) && !short.has(n));
      return describeChange(step.change, { input, orgUrl: catalog.org.url, gives, required, revokedScopes });
    });
    plans.push({ reaches: target.status, steps, leavesMissing: target.unavailable });
    reached = target;
  }
  return plans;
}
