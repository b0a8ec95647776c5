/** Ordered, concrete remediation steps, least privilege first. */

import { parsedResources } from '../effective-permissions.ts';
import type { RoleAssignmentRecord } from '../model.ts';
import type { Orn } from '../orn.ts';
import {
  isOrgWideFor,
  orgWideOrn,
  ornFitsFamily,
  permissionFamily,
  type ResourceFamily,
} from '../resource-family.ts';
import { permissionSetOfRole, type RolePermissionTable } from '../role-permission-table.ts';
import type { LumosReadinessStatus } from './evaluate.ts';
import type { EvaluationContext } from './explain.ts';
import type { LumosCapabilityRule } from './rule-set.ts';

type RemediationContext = EvaluationContext & {
  status: LumosReadinessStatus;
  missingRoles: readonly string[];
};

function rolesPath(kind: string, key: string): string {
  if (kind === 'SERVICE_APP') return `/oauth2/v1/clients/${key}/roles`;
  return kind === 'GROUP' ? `/api/v1/groups/${key}/roles` : `/api/v1/users/${key}/roles`;
}

function consolePage(kind: string, appName: string): string {
  return kind === 'SERVICE_APP'
    ? `Applications > ${appName} > Admin roles`
    : 'Security > Administrators > Add administrator';
}

function resourceSetOrns(ctx: RemediationContext, resourceSetId: string | null): readonly Orn[] {
  const set = resourceSetId === null ? undefined : ctx.catalog.resourceSets.get(resourceSetId);
  return set ? parsedResources(set) : [];
}

function addToResourceSet(ctx: RemediationContext, resourceSetId: string, family: ResourceFamily): string {
  const orn = orgWideOrn(family, ctx.catalog.org);
  return `Add ${orn} to resource set ${resourceSetId}: PATCH /api/v1/iam/resource-sets/${resourceSetId}/resources {"additions":["${orn}"]} (Security > Administrators > Resources).`;
}

const satisfiesCache = new WeakMap<RolePermissionTable, WeakMap<LumosCapabilityRule, Map<string, boolean>>>();

/** Whether one org-wide standard role satisfies the capability's role side (cached per table and rule). */
function roleSatisfies(ctx: RemediationContext, role: string, rule: LumosCapabilityRule): boolean {
  const table = ctx.catalog.table;
  let perTable = satisfiesCache.get(table);
  if (!perTable) {
    perTable = new WeakMap();
    satisfiesCache.set(table, perTable);
  }
  let perRule = perTable.get(rule);
  if (!perRule) {
    perRule = new Map();
    perTable.set(rule, perRule);
  }
  let answer = perRule.get(role);
  if (answer === undefined) {
    const { permissionsAllOf = [], rolesAnyOf = [], tableGrant } = rule.satisfiedBy;
    const granted = permissionSetOfRole(table, role);
    answer =
      rolesAnyOf.includes(role) ||
      (tableGrant !== undefined && table.rows.get(role)?.grants[tableGrant] === true) ||
      (permissionsAllOf.length > 0 && permissionsAllOf.every((p) => granted.has(p)));
    perRule.set(role, answer);
  }
  return answer;
}

function customRoleSteps(ctx: RemediationContext, custom: RoleAssignmentRecord): string[] {
  const steps: string[] = [];
  const roleId = custom.customRoleId ?? '{roleId}';
  for (const p of ctx.missingPermissions) {
    steps.push(
      `Add permission ${p} to custom role "${custom.label}" (${roleId}): POST /api/v1/iam/roles/${roleId}/permissions/${p} (Security > Administrators > Roles).`,
    );
  }
  const orns = resourceSetOrns(ctx, custom.resourceSetId);
  const families = new Set(ctx.missingPermissions.map(permissionFamily).filter((f) => f !== null));
  for (const family of families) {
    if (custom.resourceSetId !== null && !orns.some((o) => ornFitsFamily(o, family))) {
      steps.push(addToResourceSet(ctx, custom.resourceSetId, family));
    }
  }
  return steps;
}

function wideningSteps(ctx: RemediationContext): string[] {
  const { input } = ctx;
  const steps: string[] = [];
  const limited = ctx.assessed.filter((c) => ctx.required.has(c.rule.name) && c.roleOk && c.limited);
  const seen = new Set<string>();
  for (const c of limited) {
    for (const a of c.restrictedBy) {
      if (a.targets && a.targets.length > 0) {
        const key = `targets:${a.id}:${a.principalKey}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const owner = a.assignmentType === 'GROUP' && a.inheritedFromGroupId ? 'GROUP' : input.principal.kind;
        const path = rolesPath(
          owner,
          owner === 'GROUP' ? (a.inheritedFromGroupId ?? a.principalKey) : input.principal.key,
        );
        steps.push(
          `Replace the targeted ${a.type} assignment with an org-wide one: DELETE ${path}/${a.id}, then POST ${path} {"type":"${a.type}"} (Security > Administrators: edit the role to cover all groups or all apps).`,
        );
        continue;
      }
      if (a.resourceSetId === null) continue;
      const orns = resourceSetOrns(ctx, a.resourceSetId);
      for (const p of c.rule.satisfiedBy.permissionsAllOf ?? []) {
        const family = permissionFamily(p);
        const key = `set:${a.resourceSetId}:${family}`;
        if (family === null || seen.has(key) || orns.some((o) => isOrgWideFor(o, family))) continue;
        seen.add(key);
        steps.push(addToResourceSet(ctx, a.resourceSetId, family));
      }
    }
  }
  return steps;
}

/**
 * Standard roles for the required capabilities no role grants: narrow roles first, each pick the one
 * covering most of what is left (ties: least privilege); broad roles only for what remains.
 */
function roleSteps(ctx: RemediationContext, coveredByCustomRole: boolean): string[] {
  const { input, ruleSet } = ctx;
  let remaining = ctx.assessed.filter(
    (c) =>
      ctx.required.has(c.rule.name) && !c.roleOk && !(coveredByCustomRole && c.missingPermissions.length > 0),
  );
  const candidates = ruleSet.suggestedRoles.filter((r) => !ruleSet.unsupportedRoles.includes(r));
  const tiers = [
    candidates.filter((r) => !ruleSet.broadRoles.includes(r)),
    candidates.filter((r) => ruleSet.broadRoles.includes(r)),
  ];
  const picks = new Map<string, string[]>();
  for (const tier of tiers) {
    for (;;) {
      let best: { role: string; covers: typeof remaining } | undefined;
      for (const role of tier) {
        const covers = remaining.filter((c) => roleSatisfies(ctx, role, c.rule));
        if (covers.length > (best?.covers.length ?? 0)) best = { role, covers };
      }
      if (!best) break;
      picks.set(
        best.role,
        best.covers.map((c) => c.rule.name),
      );
      remaining = remaining.filter((c) => !best.covers.includes(c));
    }
  }
  const path = rolesPath(input.principal.kind, input.principal.key);
  const page = consolePage(input.principal.kind, input.principal.displayName);
  return ruleSet.suggestedRoles
    .filter((r) => picks.has(r))
    .map((role) => {
      const caps = picks.get(role)!.join(', ');
      const why = ruleSet.broadRoles.includes(role)
        ? `no narrower role grants ${caps}; it also covers every step above`
        : `grants ${caps}`;
      return `Assign ${role} org-wide (${why}): POST ${path} {"type":"${role}"} (${page}).`;
    });
}

function scopeSteps(ctx: RemediationContext): string[] {
  const { input, ruleSet } = ctx;
  const revoked = new Set(input.revokedScopes ?? []);
  const issuer = ctx.catalog.org.url;
  return ctx.missingScopes.map((scope) => {
    const rule = ruleSet.scopes.find((s) => s.acceptable[input.access][0] === scope);
    const wasRevoked = (rule?.acceptable[input.access] ?? [scope]).some((s) => revoked.has(s));
    const verb = wasRevoked
      ? `Re-grant the revoked Okta API scope ${scope}`
      : `Grant the Okta API scope ${scope}`;
    return `${verb} to ${input.principal.displayName}: POST /api/v1/apps/${input.principal.key}/grants {"scopeId":"${scope}","issuer":"${issuer}"} (Applications > ${input.principal.displayName} > Okta API Scopes).`;
  });
}

export function buildRemediation(ctx: RemediationContext): string[] {
  const steps: string[] = [];
  if (ctx.status === 'UNSUPPORTED') {
    steps.push(
      `Read-Only Administrator alone is not supported by the Lumos integration: add the roles below to ${ctx.input.principal.displayName}.`,
    );
  }
  const custom = ctx.active.find((a) => a.type === 'CUSTOM');
  if (custom && ctx.missingPermissions.length > 0) steps.push(...customRoleSteps(ctx, custom));
  steps.push(...wideningSteps(ctx));
  steps.push(...roleSteps(ctx, custom !== undefined));
  steps.push(...scopeSteps(ctx));
  if (steps.length === 0 && ctx.missingRoles.length > 0) {
    const path = rolesPath(ctx.input.principal.kind, ctx.input.principal.key);
    for (const role of ctx.missingRoles)
      steps.push(`Assign ${role} org-wide: POST ${path} {"type":"${role}"}.`);
  }
  return steps;
}
