/**
 * Verdicts over inputs the gateway could not read (its credential's 403, or Okta failing after
 * retries). Each unread input is completed twice: with nothing (no roles, no permissions, no
 * resources, no scopes) and with everything (a SUPER_ADMIN assignment, every permission, org-wide
 * resources, every scope). The rules are monotone in what a principal holds except for one:
 * UNSUPPORTED, which more roles undo, so an unread role list is also completed with only the
 * unsupported role. When every completion gives one status, that status stands; otherwise the
 * verdict is UNKNOWN and names the unread inputs that can change it. Either way the rest of the
 * answer is the worst case's, less any claim an unread input could make false: a capability is
 * available only when it is in the worst case, missing only when it is in the best case too, and a
 * warning, remediation plan or step holds only when both cases give it.
 */

import type { AccessCatalog } from '../effective-permissions.ts';
import type { CustomRoleRecord, ResourceRecord } from '../model.ts';
import { PERMISSION_CATALOG } from '../permission-catalog.ts';
import { orgWideOrn, permissionFamily, type ResourceFamily } from '../resource-family.ts';
import { orgWideAssignment } from './changes.ts';
import { judge } from './judge.ts';
import type { LumosRuleSet } from './rule-set.ts';
import type {
  KnownReadinessResult,
  LumosCapabilityResult,
  LumosReadinessResult,
  ReadinessInput,
  RemediationPlan,
  UndeterminedInput,
  UnreadInput,
} from './types.ts';
import { evaluateKnown } from './verdict.ts';

type Completion = 'NOTHING' | 'EVERYTHING' | 'UNSUPPORTED_ONLY';

const ALL_PERMISSIONS = PERMISSION_CATALOG.map((p) => p.name);
const ALL_FAMILIES = [
  ...new Set(ALL_PERMISSIONS.map(permissionFamily).filter((f): f is ResourceFamily => f !== null)),
];
const everyOrgWideOrn = (org: AccessCatalog['org']) => [
  ...new Set(ALL_FAMILIES.map((f) => orgWideOrn(f, org))),
];

function everyScope(ruleSet: LumosRuleSet): string[] {
  const fromCapabilities = ruleSet.capabilities.flatMap((c) => c.scopesAllOf.flat());
  const fromScopes = ruleSet.scopes.flatMap((s) => [...s.acceptable.FULL, ...s.acceptable.READ_ONLY]);
  return [...new Set([...fromCapabilities, ...fromScopes])];
}

/** The input and catalog with every unread input filled in as `choose` says. */
function complete(
  input: ReadinessInput,
  unread: readonly UnreadInput[],
  catalog: AccessCatalog,
  ruleSet: LumosRuleSet,
  choose: (u: UnreadInput) => Completion,
): { input: ReadinessInput; catalog: AccessCatalog } {
  const assignments = [...input.assignments];
  let grantedScopes = input.grantedScopes;
  const customRoles = new Map<string, CustomRoleRecord>(catalog.customRoles);
  const resourceSets = new Map<string, { resources: readonly ResourceRecord[] }>(catalog.resourceSets);
  unread.forEach((u, index) => {
    const completion = choose(u);
    if (u.kind === 'ROLE_ASSIGNMENTS') {
      const unsupported = ruleSet.unsupportedRoles[0];
      if (completion === 'EVERYTHING')
        assignments.push(orgWideAssignment(input, 'SUPER_ADMIN', `unread-${index}`));
      if (completion === 'UNSUPPORTED_ONLY' && unsupported)
        assignments.push(orgWideAssignment(input, unsupported, `unread-${index}`));
    } else if (u.kind === 'CUSTOM_ROLE_PERMISSIONS') {
      if (completion === 'EVERYTHING') {
        customRoles.set(u.customRoleId, {
          id: u.customRoleId,
          label: u.customRoleId,
          description: null,
          permissions: ALL_PERMISSIONS,
        });
      } else customRoles.delete(u.customRoleId);
    } else if (u.kind === 'RESOURCE_SET_RESOURCES') {
      const resources =
        completion === 'EVERYTHING'
          ? everyOrgWideOrn(catalog.org).map((orn, i) => ({ id: `unread-${i}`, orn }))
          : [];
      resourceSets.set(u.resourceSetId, { resources });
    } else {
      grantedScopes = completion === 'EVERYTHING' ? everyScope(ruleSet) : [];
    }
  });
  return {
    input: { ...input, assignments, grantedScopes, unread: [] },
    catalog: { ...catalog, customRoles, resourceSets },
  };
}

const intersect = (a: readonly string[], b: readonly string[]) => a.filter((x) => b.includes(x));

function capabilityOf(
  worst: LumosCapabilityResult,
  best: LumosCapabilityResult,
  undetermined: readonly UndeterminedInput[],
): LumosCapabilityResult {
  const sameLimits = JSON.stringify(worst.limitedTo) === JSON.stringify(best.limitedTo);
  if (worst.available === best.available && sameLimits) return worst;
  const unreadText = undetermined.map((u) => u.input).join('; ');
  const reason = worst.available
    ? `Granted at least over ${worst.limitedTo?.length ?? 0} resource(s); whether org-wide depends on what the gateway could not read: ${unreadText}.`
    : `Undetermined: it depends on what the gateway could not read: ${unreadText}.`;
  return { ...worst, missing: intersect(worst.missing, best.missing), reason };
}

/** One sentence: what the gateway could not read and what its credential needs to read it. */
function readStep(u: UndeterminedInput): string {
  const { scopes, adminRoles } = u.needs;
  const give = [
    scopes.length > 0 ? `the scope${scopes.length > 1 ? 's' : ''} ${scopes.join(' and ')}` : null,
    adminRoles.length > 0
      ? adminRoles.map((r) => (r.startsWith('okta.') ? `a custom role with ${r}` : r)).join(' or ')
      : null,
  ].filter((part) => part !== null);
  const then =
    give.length > 0 ? `give its credential ${give.join(' and ')}, then check again` : 'check again later';
  return `The gateway could not read ${u.input} (${u.reason}): ${then}.`;
}

function publicInput(u: UnreadInput): UndeterminedInput {
  return { input: u.input, reason: u.reason, needs: u.needs };
}

/**
 * The plans both cases give (worded as in the best case, which claims the least for each step),
 * and the steps any plan of both gives when no whole plan is common.
 */
function commonRemediation(
  worst: KnownReadinessResult,
  best: KnownReadinessResult,
): { plans: RemediationPlan[]; steps: string[] } {
  const key = (p: RemediationPlan) =>
    JSON.stringify([p.reaches, p.leavesMissing, p.steps.map((s) => [s.action, s.subject, s.apiCall])]);
  const worstPlans = new Set(worst.remediationPlans.map(key));
  const plans = best.remediationPlans.filter((p) => worstPlans.has(key(p)));
  if (plans.length > 0) return { plans, steps: plans[0]!.steps.map((s) => s.text) };
  const texts = (r: KnownReadinessResult) => r.remediationPlans.flatMap((p) => p.steps.map((s) => s.text));
  const bestSteps = new Set(texts(best));
  return { plans, steps: [...new Set(texts(worst))].filter((t) => bestSteps.has(t)) };
}

export function evaluateUndetermined(
  input: ReadinessInput,
  unread: readonly UnreadInput[],
  catalog: AccessCatalog,
  ruleSet: LumosRuleSet,
): LumosReadinessResult {
  const completeWith = (choose: (u: UnreadInput) => Completion) =>
    complete(input, unread, catalog, ruleSet, choose);
  const run = (choose: (u: UnreadInput) => Completion): KnownReadinessResult => {
    const completed = completeWith(choose);
    return evaluateKnown(completed.input, completed.catalog, ruleSet);
  };
  const statusOf = (choose: (u: UnreadInput) => Completion) => {
    const completed = completeWith(choose);
    return judge(completed.input, completed.catalog, ruleSet, false).status;
  };
  const worst = run(() => 'NOTHING');
  const best = run(() => 'EVERYTHING');
  const hasRoleLists = unread.some((u) => u.kind === 'ROLE_ASSIGNMENTS');
  const onlyUnsupported = (u: UnreadInput): Completion =>
    u.kind === 'ROLE_ASSIGNMENTS' ? 'UNSUPPORTED_ONLY' : 'NOTHING';
  const statuses = new Set([worst.status, best.status, ...(hasRoleLists ? [statusOf(onlyUnsupported)] : [])]);
  const certain = statuses.size === 1;

  // An input can change the verdict when filling it in alone moves the worst case, or leaving it
  // empty alone moves the best case.
  const decisive = certain
    ? []
    : unread.filter(
        (u) =>
          statusOf((v) => (v === u ? 'EVERYTHING' : 'NOTHING')) !== worst.status ||
          (u.kind === 'ROLE_ASSIGNMENTS' &&
            statusOf((v) => (v === u ? 'UNSUPPORTED_ONLY' : 'NOTHING')) !== worst.status) ||
          statusOf((v) => (v === u ? 'NOTHING' : 'EVERYTHING')) !== best.status,
      );
  const undetermined = (certain || decisive.length > 0 ? decisive : unread).map(publicInput);
  // Whether the verdict is certain or not, claim only what no unread input could make false.
  const same = (a: { code: string; message: string }) =>
    best.warnings.some((b) => b.code === a.code && b.message === a.message);
  const common = commonRemediation(worst, best);
  return {
    status: certain ? worst.status : 'UNKNOWN',
    connection: worst.connection,
    access: worst.access,
    ruleSet: worst.ruleSet,
    capabilities: worst.capabilities.map((c, i) =>
      capabilityOf(c, best.capabilities[i] ?? c, certain ? unread : undetermined),
    ),
    missingRoles: intersect(worst.missingRoles, best.missingRoles),
    missingPermissions: intersect(worst.missingPermissions, best.missingPermissions),
    missingScopes: intersect(worst.missingScopes, best.missingScopes),
    warnings: worst.warnings.filter(same),
    remediation: certain ? common.steps : [...undetermined.map(readStep), ...common.steps],
    remediationPlans: common.plans,
    undetermined,
  };
}
