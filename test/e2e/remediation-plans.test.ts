/**
 * Acceptance of the remediation plans on the demo org, every named principal: the plans are the
 * ones worked out by hand below; each plan, made in Okta the way its steps' API calls say (on a
 * copy of the demo org served by the simulator), reaches the status it says and leaves missing
 * what it says; leaving out any one step does worse; and nothing a verdict calls missing is held.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LumosCapability } from '../../src/cli/readiness/document.ts';
import { DEMO_GROUPS, DEMO_SERVICE_APPS, DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { type DemoPrincipalIds, demoPrincipalIds, generateDemoOrg } from '../../src/sim/generate.ts';
import type { OrgSnapshot, SnapshotRoleAssignment } from '../../src/sim/snapshot-format.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

interface Step {
  action: string;
  subject: string;
  apiCall: string | null;
  consolePath: string | null;
  text: string;
}
interface Plan {
  reaches: string;
  leavesMissing: string[];
  steps: Step[];
}
type Capability = LumosCapability;
interface Readiness {
  status: string;
  capabilities: Capability[];
  missingRoles: string[];
  missingPermissions: string[];
  missingScopes: string[];
  warnings: { code: string }[];
  remediation: string[];
  remediationPlans: Plan[];
}
interface Holdings {
  roleAssignments: { status: string; role: { key: string; permissions: { name: string }[] } }[];
  grantedScopes?: string[];
}

const READINESS = `query Plans($principal: String!) {
  lumosReadiness(principal: $principal) {
    status missingRoles missingPermissions missingScopes remediation warnings { code }
    capabilities { name required available limitedTo missing reason }
    remediationPlans { reaches leavesMissing steps { action subject apiCall consolePath text } }
  }
  principal(name: $principal) {
    roleAssignments { status role { key permissions { name } } }
    ... on ServiceApp { grantedScopes }
  }
}`;

const OUTCOME = `query Outcome($principal: String!) {
  lumosReadiness(principal: $principal) { status capabilities { name required available limitedTo } }
}`;

const SA_ONLY = ['READ_ADMIN_ROLES', 'MANAGE_SUPER_ADMIN_MEMBERSHIP'];
type Expected = [reaches: string, leavesMissing: string[], steps: string[]];
const STANDARD: Expected = [
  'PARTIAL',
  SA_ONLY,
  ['ASSIGN_ROLE REPORT_ADMIN', 'ASSIGN_ROLE GROUP_MEMBERSHIP_ADMIN', 'ASSIGN_ROLE APP_ADMIN'],
];
const SUPER: Expected = ['READY', [], ['ASSIGN_ROLE SUPER_ADMIN']];
const FIVE_SCOPES = [
  'GRANT_SCOPE okta.users.manage',
  'GRANT_SCOPE okta.apps.manage',
  'GRANT_SCOPE okta.groups.manage',
  'GRANT_SCOPE okta.roles.read',
  'GRANT_SCOPE okta.schemas.read',
];

interface PersonaCase {
  name: string;
  /** What lumosReadiness(principal:) is asked with. */
  principal: (ids: DemoPrincipalIds) => string;
  status: string;
  plans: (orgId: string) => Expected[];
}

const user = (key: keyof typeof DEMO_USERS, status: string, plans: PersonaCase['plans']): PersonaCase => ({
  name: DEMO_USERS[key].login,
  principal: () => DEMO_USERS[key].login,
  status,
  plans,
});
const groupCase = (key: keyof typeof DEMO_GROUPS, status: string, plans: PersonaCase['plans']) => ({
  name: `group ${DEMO_GROUPS[key].name}`,
  principal: (ids: DemoPrincipalIds) => ids.groups[key],
  status,
  plans,
});
const app = (key: keyof typeof DEMO_SERVICE_APPS, status: string, plans: PersonaCase['plans']) => ({
  name: `service app ${DEMO_SERVICE_APPS[key].label}`,
  principal: (ids: DemoPrincipalIds) => ids.serviceApps[key],
  status,
  plans,
});

const PERSONAS: PersonaCase[] = [
  user('gateway', 'READY', () => []),
  user('superDirect', 'READY', () => []),
  user('superViaGroup', 'READY', () => []),
  user('readOnly', 'UNSUPPORTED', () => [
    ['PARTIAL', SA_ONLY, ['ASSIGN_ROLE GROUP_MEMBERSHIP_ADMIN', 'ASSIGN_ROLE APP_ADMIN']],
    SUPER,
  ]),
  user('noRole', 'NOT_READY', () => [STANDARD, SUPER]),
  user('lumosStandard', 'PARTIAL', () => [SUPER]),
  user('lumosTargeted', 'PARTIAL', () => [
    ['PARTIAL', SA_ONLY, ['REMOVE_TARGETS GROUP_MEMBERSHIP_ADMIN', 'REMOVE_TARGETS APP_ADMIN']],
    SUPER,
  ]),
  user('lumosCustom', 'PARTIAL', () => [SUPER]),
  user('lumosCustomMissing', 'PARTIAL', () => [SUPER]),
  user('orgAdmin', 'PARTIAL', () => [SUPER]),
  user('helpDesk', 'NOT_READY', () => [STANDARD, SUPER]),
  user('accessCertifications', 'NOT_READY', () => [STANDARD, SUPER]),
  user('lumosCustomGap', 'PARTIAL', () => [
    ['PARTIAL', SA_ONLY, ['ADD_PERMISSION okta.users.lifecycle.manage']],
    SUPER,
  ]),
  user('lumosCustomOutOfScope', 'NOT_READY', (orgId) => [
    ['PARTIAL', SA_ONLY, [`ADD_RESOURCE orn:okta:idp:${orgId}:apps`]],
    SUPER,
  ]),
  user('inactiveRole', 'PARTIAL', () => [['PARTIAL', SA_ONLY, ['REACTIVATE_ROLE REPORT_ADMIN']], SUPER]),
  user('unknownRoleType', 'NOT_READY', () => [STANDARD, SUPER]),
  groupCase('superAdmins', 'READY', () => []),
  groupCase('supportStaff', 'NOT_READY', () => [STANDARD, SUPER]),
  groupCase('helpDeskTeam', 'NOT_READY', () => [STANDARD, SUPER]),
  app('full', 'READY', () => []),
  app('missingScope', 'NOT_READY', () => [['READY', [], ['GRANT_SCOPE okta.logs.read']]]),
  app('revoked', 'NOT_READY', () => [['READY', [], ['GRANT_SCOPE okta.schemas.read']]]),
  app('readOnly', 'NOT_READY', () => [
    ['READY', [], ['GRANT_SCOPE okta.users.manage', 'GRANT_SCOPE okta.groups.manage']],
  ]),
  app('noRole', 'NOT_READY', () => [STANDARD, SUPER]),
  app('reporting', 'UNSUPPORTED', () => [
    ['PARTIAL', SA_ONLY, [...FIVE_SCOPES, 'ASSIGN_ROLE GROUP_MEMBERSHIP_ADMIN', 'ASSIGN_ROLE APP_ADMIN']],
    ['READY', [], [...FIVE_SCOPES, 'ASSIGN_ROLE SUPER_ADMIN']],
  ]),
  app('partialScopes', 'NOT_READY', () => [
    ['PARTIAL', SA_ONLY, ['GRANT_SCOPE okta.users.manage']],
    ['READY', [], ['GRANT_SCOPE okta.users.manage', 'ASSIGN_ROLE SUPER_ADMIN']],
  ]),
];

const PRINCIPAL_TYPES: Record<string, SnapshotRoleAssignment['principalType']> = {
  '/api/v1/users': 'USER',
  '/api/v1/groups': 'GROUP',
  '/oauth2/v1/clients': 'CLIENT',
};
const CREATED = '2026-11-30T00:00:00.000Z';

/**
 * Makes a step's change in the org the way its API call says. A DELETE names an assignment id:
 * `checkId` asks the simulator whether the principal's role list holds it.
 */
async function applyStep(
  org: OrgSnapshot,
  step: Step,
  checkId: (path: string, id: string) => Promise<void>,
): Promise<void> {
  const call = step.apiCall ?? '';
  let m = /^POST (\/api\/v1\/users|\/api\/v1\/groups|\/oauth2\/v1\/clients)\/([^/\s]+)\/roles (\{.*\})$/.exec(
    call,
  );
  if (m) {
    const body = JSON.parse(m[3]!) as { type: string };
    org.roleAssignments.push({
      principalType: PRINCIPAL_TYPES[m[1]!]!,
      principalId: m[2]!,
      type: body.type,
      status: 'ACTIVE',
      created: CREATED,
    });
    return;
  }
  m =
    /^DELETE ((\/api\/v1\/users|\/api\/v1\/groups|\/oauth2\/v1\/clients)\/([^/\s]+)\/roles)\/(\S+), then POST \1 (\{[^}]*\})$/.exec(
      call,
    );
  if (m) {
    await checkId(m[1]!, m[4]!);
    const body = JSON.parse(m[5]!) as { type: string };
    const principalType = PRINCIPAL_TYPES[m[2]!]!;
    const old = org.roleAssignments.findIndex(
      (a) => a.principalType === principalType && a.principalId === m![3] && a.type === body.type,
    );
    expect(old, call).toBeGreaterThanOrEqual(0);
    org.roleAssignments.splice(old, 1);
    org.roleAssignments.push({
      principalType,
      principalId: m[3]!,
      type: body.type,
      status: 'ACTIVE',
      created: CREATED,
    });
    return;
  }
  m = /^POST \/api\/v1\/iam\/roles\/(\S+)\/permissions\/(\S+)$/.exec(call);
  if (m) {
    org.customRoles.find((r) => r.id === m![1])!.permissions.push(m[2]!);
    return;
  }
  m = /^PATCH \/api\/v1\/iam\/resource-sets\/(\S+)\/resources (\{.*\})$/.exec(call);
  if (m) {
    const body = JSON.parse(m[2]!) as { additions: string[] };
    org.resourceSets.find((s) => s.id === m![1])!.resources.push(...body.additions);
    return;
  }
  m = /^POST \/api\/v1\/apps\/(\S+)\/grants (\{.*\})$/.exec(call);
  if (m) {
    const { scopeId } = JSON.parse(m[2]!) as { scopeId: string };
    const grant = org.grants.find((g) => g.appId === m![1] && g.scopeId === scopeId);
    if (grant) grant.status = 'ACTIVE';
    else
      org.grants.push({
        id: `oagplan${org.grants.length}`,
        appId: m[1]!,
        scopeId,
        status: 'ACTIVE',
        created: CREATED,
      });
    return;
  }
  throw new Error(`no Okta call this test can make: ${call}`);
}

interface Outcome {
  status: string;
  unavailable: string[];
  limited: string[];
}

function outcomeOf(r: { status: string; capabilities: Omit<Capability, 'missing' | 'reason'>[] }): Outcome {
  const required = r.capabilities.filter((c) => c.required);
  return {
    status: r.status,
    unavailable: required.filter((c) => !c.available).map((c) => c.name),
    limited: required.filter((c) => c.limitedTo !== null).map((c) => c.name),
  };
}

/** One evaluation of a changed org: a plan in full, or with one step left out. */
interface Scenario {
  persona: PersonaCase;
  plan: number;
  without: number | null;
}

let gw: TestGateway;
let ids: DemoPrincipalIds;
let baseOrg: OrgSnapshot;
const answers = new Map<string, { readiness: Readiness; holdings: Holdings }>();

beforeAll(async () => {
  gw = await startTestGateway();
  ids = demoPrincipalIds(gw.sim.org);
  baseOrg = generateDemoOrg();
  for (const persona of PERSONAS) {
    const result = await gw.fetchGraphQL<{ lumosReadiness: Readiness; principal: Holdings }>(READINESS, {
      principal: persona.principal(ids),
    });
    expect(result.errors, persona.name).toBeUndefined();
    answers.set(persona.name, { readiness: result.data!.lumosReadiness, holdings: result.data!.principal });
  }
}, 60_000);
afterAll(() => gw?.close());

const summary = (p: Plan): Expected => [
  p.reaches,
  p.leavesMissing,
  p.steps.map((s) => `${s.action} ${s.subject}`),
];

describe('remediation plans of every named principal', () => {
  it.each(PERSONAS.map((p) => [p.name, p]))('%s: the plans worked out by hand', (_name, persona) => {
    const { readiness } = answers.get(persona.name)!;
    expect(readiness.status).toBe(persona.status);
    expect(readiness.remediationPlans.map(summary)).toEqual(persona.plans(gw.sim.org.org.id));
    expect(readiness.remediation).toEqual(readiness.remediationPlans[0]?.steps.map((s) => s.text) ?? []);
    for (const step of readiness.remediationPlans.flatMap((p) => p.steps)) {
      expect(step.text).toContain(`${step.apiCall} (${step.consolePath})`);
    }
  });

  it.each(PERSONAS.map((p) => [p.name, p]))('%s: nothing called missing is held', (_name, persona) => {
    const { readiness, holdings } = answers.get(persona.name)!;
    const active = holdings.roleAssignments.filter((a) => a.status === 'ACTIVE');
    const roles = new Set(active.map((a) => a.role.key));
    const permissions = new Set(active.flatMap((a) => a.role.permissions.map((p) => p.name)));
    const scopes = new Set(holdings.grantedScopes ?? []);
    const isApp = holdings.grantedScopes !== undefined;
    // A missing okta.* name of a service app may be the permission or the scope: one of them lacks.
    const held = (item: string) =>
      item.startsWith('okta.') ? permissions.has(item) && (!isApp || scopes.has(item)) : roles.has(item);
    for (const role of readiness.missingRoles) expect(roles.has(role), role).toBe(false);
    for (const p of readiness.missingPermissions) expect(permissions.has(p), p).toBe(false);
    for (const s of readiness.missingScopes) expect(scopes.has(s), s).toBe(false);
    for (const c of readiness.capabilities)
      for (const item of c.missing) expect(held(item), `${c.name}: ${item}`).toBe(false);
  });

  it('says what each new persona is there to show', () => {
    const of = (key: keyof typeof DEMO_USERS) => answers.get(DEMO_USERS[key].login)!.readiness;
    expect(of('lumosCustomGap').missingPermissions).toEqual(['okta.users.lifecycle.manage']);
    expect(of('lumosCustomOutOfScope').missingPermissions).toEqual([]);
    expect(of('lumosCustomOutOfScope').capabilities.find((c) => c.name === 'READ_APPS')).toMatchObject({
      available: false,
      missing: [],
      reason: `Out of scope: custom role "Lumos Integration" (${ids.extras.lumosRole}) holds okta.apps.read, but its resource set ${ids.extras.lumosUsersAndGroupsResourceSet} lacks orn:okta:idp:${gw.sim.org.org.id}:apps.`,
    });
    expect(of('inactiveRole').warnings.map((w) => w.code)).toEqual(['INACTIVE_ROLE']);
    expect(of('unknownRoleType').warnings.map((w) => w.code)).toEqual(['UNKNOWN_ROLE_TYPE']);
    const partial = answers.get(`service app ${DEMO_SERVICE_APPS.partialScopes.label}`)!.readiness;
    expect(partial.missingScopes).toEqual(['okta.users.manage']);
  });

  it('shows which of a service app role permissions its scopes let it use, and none for users', async () => {
    const result = await gw.fetchGraphQL<{
      serviceApp: {
        effectivePermissions: { permission: { name: string }; allowedByScopes: string[] | null }[];
      };
      user: { effectivePermissions: { allowedByScopes: string[] | null }[] };
    }>(
      `query ($clientId: String!, $login: String!) {
        serviceApp(clientId: $clientId) { effectivePermissions { permission { name } allowedByScopes } }
        user(idOrLogin: $login) { effectivePermissions { allowedByScopes } }
      }`,
      { clientId: ids.serviceApps.partialScopes, login: DEMO_USERS.lumosCustom.login },
    );
    expect(result.errors).toBeUndefined();
    const allowed = Object.fromEntries(
      result.data!.serviceApp.effectivePermissions.map((e) => [e.permission.name, e.allowedByScopes]),
    );
    // ORG_ADMIN grants okta.users.manage; the app holds okta.users.read, not okta.users.manage.
    expect(allowed['okta.users.manage']).toEqual([]);
    expect(allowed['okta.users.lifecycle.manage']).toEqual([]);
    expect(allowed['okta.users.read']).toEqual(['okta.users.read']);
    expect(allowed['okta.groups.members.manage']).toEqual(['okta.groups.manage']);
    expect(allowed['okta.apps.read']).toEqual(['okta.apps.manage']);
    expect(allowed['okta.customizations.manage']).toEqual([]);
    expect(result.data!.user.effectivePermissions.every((e) => e.allowedByScopes === null)).toBe(true);
  });
});

describe('each plan, made in Okta as its API calls say', () => {
  it('reaches what it says, leaves missing what it says, and needs every step', async () => {
    const scenarios = new Map<PersonaCase, Scenario[]>();
    for (const persona of PERSONAS) {
      const plans = answers.get(persona.name)!.readiness.remediationPlans;
      scenarios.set(
        persona,
        plans.flatMap((plan, p) => [
          { persona, plan: p, without: null },
          ...plan.steps.map((_s, i) => ({ persona, plan: p, without: i })),
        ]),
      );
    }
    const rounds = Math.max(...[...scenarios.values()].map((s) => s.length));
    const outcomes = new Map<string, Outcome>();
    const keyOf = (s: Scenario) => `${s.persona.name}|${s.plan}|${s.without}`;
    const checkId = async (path: string, id: string) => {
      const response = await fetch(`${gw.sim.url}${path}`, {
        headers: { authorization: `SSWS ${gw.sim.apiToken}`, accept: 'application/json' },
      });
      const list = (await response.json()) as { id: string }[];
      expect(
        list.map((a) => a.id),
        `${path}/${id}`,
      ).toContain(id);
    };
    // Principals do not share what plans change, so one org per round holds one scenario of each.
    for (let round = 0; round < rounds; round++) {
      const org = structuredClone(baseOrg);
      const inRound = [...scenarios.values()].flatMap((list) => list.slice(round, round + 1));
      for (const s of inRound) {
        const plan = answers.get(s.persona.name)!.readiness.remediationPlans[s.plan]!;
        for (const [i, step] of plan.steps.entries())
          if (i !== s.without) await applyStep(org, step, checkId);
      }
      const changed = await startTestGateway({ sim: { org } });
      try {
        await Promise.all(
          inRound.map(async (s) => {
            const result = await changed.fetchGraphQL<{ lumosReadiness: Readiness }>(OUTCOME, {
              principal: s.persona.principal(ids),
            });
            expect(result.errors, keyOf(s)).toBeUndefined();
            outcomes.set(keyOf(s), outcomeOf(result.data!.lumosReadiness));
          }),
        );
      } finally {
        await changed.close();
      }
    }
    expect(outcomes.size).toBe([...scenarios.values()].flat().length);
    for (const [persona, list] of scenarios) {
      const plans = answers.get(persona.name)!.readiness.remediationPlans;
      for (const s of list) {
        const plan = plans[s.plan]!;
        const full = outcomes.get(keyOf({ ...s, without: null }))!;
        const got = outcomes.get(keyOf(s))!;
        if (s.without === null) {
          expect(got.status, keyOf(s)).toBe(plan.reaches);
          expect(got.unavailable, keyOf(s)).toEqual(plan.leavesMissing);
        } else {
          const step = plan.steps[s.without]!;
          expect(got, `${keyOf(s)}: ${step.action} ${step.subject} is needed`).not.toEqual(full);
        }
      }
    }
  }, 240_000);
});
