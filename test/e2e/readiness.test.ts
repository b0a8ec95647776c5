import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipalIds } from '../../src/sim/demo-ids.ts';
import { DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { ReadinessDocument, RuleSetDocument } from '../generated/graphql.ts';
import { startTestGateway, TEST_CREDENTIAL, type TestGateway } from '../helpers/gateway.ts';
import { CAPABILITY_ORDER } from '../iam/fixtures.ts';

let gw: TestGateway;
let ids: ReturnType<typeof demoPrincipalIds>;

beforeAll(async () => {
  gw = await startTestGateway();
  ids = demoPrincipalIds(gw.sim.org);
});
afterAll(() => gw.close());

const readiness = async (principal: string, access: 'FULL' | 'READ_ONLY' = 'FULL') => {
  const result = await gw.execute(ReadinessDocument, { principal, access });
  expect(result.errors).toBeUndefined();
  const value = result.data?.lumosReadiness;
  if (!value) throw new Error(`no readiness for ${principal}`);
  return { ...value, codes: value.warnings.map((w) => w.code) };
};

const CAPABILITIES = CAPABILITY_ORDER;

type Plan = Awaited<ReturnType<typeof readiness>>['remediationPlans'][number];
/** A plan as action, subject and API call per step, and what it reaches and leaves missing. */
const planOf = (plan: Plan | undefined) => ({
  reaches: plan?.reaches,
  leavesMissing: plan?.leavesMissing,
  steps: plan?.steps.map((s) => [s.action, s.subject, s.apiCall]),
});
const assign = (userId: string, role: string) => `POST /api/v1/users/${userId}/roles {"type":"${role}"}`;

describe('Lumos readiness on the demo org', () => {
  // Warnings by the rules' table (design/lumos-readiness-rules.md) from each user's setup in
  // demo-principals.ts; an empty list is checked as strictly as a full one.
  it.each([
    ['super.direct', DEMO_USERS.superDirect.login, 'READY', []],
    // SUPER_ADMIN only through "Okta Super Admins".
    ['super.group', DEMO_USERS.superViaGroup.login, 'READY', ['INHERITED_ROLE']],
    ['read.only', DEMO_USERS.readOnly.login, 'UNSUPPORTED', []],
    // NO_ADMIN_ROLE is for service apps only.
    ['no.role', DEMO_USERS.noRole.login, 'NOT_READY', []],
    ['lumos.standard', DEMO_USERS.lumosStandard.login, 'PARTIAL', []],
    // GROUP_MEMBERSHIP_ADMIN limited to two groups, APP_ADMIN to an app type and an app: one each.
    ['lumos.targeted', DEMO_USERS.lumosTargeted.login, 'PARTIAL', ['TARGETED_ROLE', 'TARGETED_ROLE']],
    ['lumos.custom', DEMO_USERS.lumosCustom.login, 'PARTIAL', ['CUSTOM_ROLE_SUPER_ADMIN_MEMBERSHIP']],
  ])('rates %s (%s) %s with exactly the warnings %j', async (_name, login, status, warnings) => {
    const result = await readiness(login);
    expect(result).toMatchObject({
      status,
      connection: 'API_TOKEN',
      access: 'FULL',
      ruleSet: 'lumos-okta-2026-03-10',
    });
    expect(result.codes).toEqual(warnings);
    expect(result.capabilities.map((c) => c.name)).toEqual(CAPABILITIES);
  });

  it('rates the service apps by roles and active scopes', async () => {
    const full = await readiness(ids.serviceApps.full);
    expect(full).toMatchObject({ status: 'READY', connection: 'OAUTH_SERVICE_APP', missingScopes: [] });
    expect(full.codes).toEqual([]);
    const missing = await readiness(ids.serviceApps.missingScope);
    expect(missing).toMatchObject({ status: 'NOT_READY', missingScopes: ['okta.logs.read'] });
    expect(missing.codes).toEqual([]);
    const revoked = await readiness(ids.serviceApps.revoked);
    expect(revoked).toMatchObject({ status: 'NOT_READY', missingScopes: ['okta.schemas.read'] });
    expect(revoked.codes).toEqual([]);
    const readOnly = await readiness(ids.serviceApps.readOnly, 'READ_ONLY');
    expect(readOnly).toMatchObject({ status: 'READY', access: 'READ_ONLY' });
    expect(readOnly.codes).toEqual([]);
    const noRole = await readiness(ids.serviceApps.noRole);
    expect(noRole.status).toBe('NOT_READY');
    expect(noRole.codes).toEqual(['NO_ADMIN_ROLE']);
    const partial = await readiness(ids.serviceApps.partialScopes);
    expect(partial).toMatchObject({ status: 'NOT_READY', missingScopes: ['okta.users.manage'] });
    expect(partial.codes).toEqual([]);
  });

  it('explains what is missing: roles, limits, reasons and remediation', async () => {
    const org = gw.sim.org.org.id;
    const group = (id: string) => `orn:okta:directory:${org}:groups:${id}`;
    const users = (id: string) => `${group(id)}:contained_resources`;
    const { engineeringGroup, salesGroup, slackApp } = ids.extras;
    // lumos.targeted: GROUP_MEMBERSHIP_ADMIN on Engineering and Sales, APP_ADMIN on the app type
    // salesforce and the Slack app, REPORT_ADMIN (demo-setup.ts).
    const apps = [`orn:okta:idp:${org}:apps:salesforce`, `orn:okta:idp:${org}:apps:slack:${slackApp}`];
    const expected: Record<string, { limitedTo: string[] | null; missing: string[]; roles: string[] }> = {
      // GROUP_MEMBERSHIP_ADMIN reads all users whatever its targets; APP_ADMIN reads users and groups.
      READ_USERS: { limitedTo: null, missing: [], roles: ['GROUP_MEMBERSHIP_ADMIN', 'APP_ADMIN'] },
      READ_GROUPS: { limitedTo: null, missing: [], roles: ['APP_ADMIN'] },
      READ_APPS: { limitedTo: apps, missing: [], roles: ['APP_ADMIN'] },
      MANAGE_USER_LIFECYCLE: {
        limitedTo: [users(engineeringGroup), users(salesGroup)],
        missing: [],
        roles: ['GROUP_MEMBERSHIP_ADMIN'],
      },
      // okta.groups.members.manage on the groups, okta.users.groupMembership.manage on their users.
      MANAGE_GROUP_MEMBERSHIP: {
        limitedTo: [group(engineeringGroup), users(engineeringGroup), group(salesGroup), users(salesGroup)],
        missing: [],
        roles: ['GROUP_MEMBERSHIP_ADMIN'],
      },
      MANAGE_APP_ASSIGNMENTS: { limitedTo: apps, missing: [], roles: ['APP_ADMIN'] },
      READ_SYSTEM_LOG: { limitedTo: null, missing: [], roles: ['REPORT_ADMIN'] },
      READ_ADMIN_ROLES: { limitedTo: null, missing: ['SUPER_ADMIN'], roles: ['SUPER_ADMIN'] },
      READ_CUSTOM_ATTRIBUTES: { limitedTo: null, missing: [], roles: ['APP_ADMIN'] },
      MANAGE_SUPER_ADMIN_MEMBERSHIP: { limitedTo: null, missing: ['SUPER_ADMIN'], roles: ['SUPER_ADMIN'] },
    };
    const targeted = await readiness(DEMO_USERS.lumosTargeted.login);
    expect(targeted.capabilities.map((c) => c.name)).toEqual(CAPABILITIES);
    for (const c of targeted.capabilities) {
      const want = expected[c.name];
      expect(
        { available: c.available, limitedTo: c.limitedTo?.toSorted() ?? null, missing: c.missing },
        c.name,
      ).toEqual({
        available: want?.missing.length === 0,
        limitedTo: want?.limitedTo?.toSorted() ?? null,
        missing: want?.missing,
      });
      // The reason names the roles that grant the capability, or the one it needs.
      for (const role of want?.roles ?? []) expect(c.reason, c.name).toContain(role);
    }
    expect(targeted).toMatchObject({ missingRoles: ['SUPER_ADMIN'], missingPermissions: [] });
    expect(targeted.warnings.map((w) => w.message.split(' ')[0]).toSorted()).toEqual([
      'APP_ADMIN',
      'GROUP_MEMBERSHIP_ADMIN',
    ]);
    // Removing the targets makes it lumos.standard (PARTIAL); only SUPER_ADMIN makes it READY. Okta
    // keeps one target at least, so a step unassigns the role (its id: Base32 of the role type) and
    // assigns it again.
    const tara = ids.users.lumosTargeted;
    expect(targeted.remediationPlans.map(planOf)).toEqual([
      {
        reaches: 'PARTIAL',
        leavesMissing: ['READ_ADMIN_ROLES', 'MANAGE_SUPER_ADMIN_MEMBERSHIP'],
        steps: [
          [
            'REMOVE_TARGETS',
            'GROUP_MEMBERSHIP_ADMIN',
            `DELETE /api/v1/users/${tara}/roles/I5JE6VKQL5GUKTKCIVJFGSCJKBPUCRCNJFHA, then ${assign(tara, 'GROUP_MEMBERSHIP_ADMIN')}`,
          ],
          [
            'REMOVE_TARGETS',
            'APP_ADMIN',
            `DELETE /api/v1/users/${tara}/roles/IFIFAX2BIRGUSTQ, then ${assign(tara, 'APP_ADMIN')}`,
          ],
        ],
      },
      {
        reaches: 'READY',
        leavesMissing: [],
        steps: [['ASSIGN_ROLE', 'SUPER_ADMIN', assign(tara, 'SUPER_ADMIN')]],
      },
    ]);
    expect(targeted.remediation).toEqual(targeted.remediationPlans[0]?.steps.map((s) => s.text));

    // no.role: the Lumos standard combination (least privilege first) reaches PARTIAL, SUPER_ADMIN READY.
    const noRole = await readiness(DEMO_USERS.noRole.login);
    const nora = ids.users.noRole;
    expect(noRole).toMatchObject({ missingRoles: ['SUPER_ADMIN'], missingPermissions: [] });
    expect(noRole.remediationPlans.map(planOf)).toEqual([
      {
        reaches: 'PARTIAL',
        leavesMissing: ['READ_ADMIN_ROLES', 'MANAGE_SUPER_ADMIN_MEMBERSHIP'],
        steps: [
          ['ASSIGN_ROLE', 'REPORT_ADMIN', assign(nora, 'REPORT_ADMIN')],
          ['ASSIGN_ROLE', 'GROUP_MEMBERSHIP_ADMIN', assign(nora, 'GROUP_MEMBERSHIP_ADMIN')],
          ['ASSIGN_ROLE', 'APP_ADMIN', assign(nora, 'APP_ADMIN')],
        ],
      },
      {
        reaches: 'READY',
        leavesMissing: [],
        steps: [['ASSIGN_ROLE', 'SUPER_ADMIN', assign(nora, 'SUPER_ADMIN')]],
      },
    ]);
    expect(noRole.remediation).toEqual(noRole.remediationPlans[0]?.steps.map((s) => s.text));

    // read.only already reads users, groups, apps and the System Log: GROUP_MEMBERSHIP_ADMIN and
    // APP_ADMIN add the rest but the two SUPER_ADMIN capabilities.
    const readOnly = await readiness(DEMO_USERS.readOnly.login);
    const rita = ids.users.readOnly;
    expect(readOnly).toMatchObject({ missingRoles: ['SUPER_ADMIN'], missingPermissions: [] });
    expect(readOnly.remediationPlans.map(planOf)).toEqual([
      {
        reaches: 'PARTIAL',
        leavesMissing: ['READ_ADMIN_ROLES', 'MANAGE_SUPER_ADMIN_MEMBERSHIP'],
        steps: [
          ['ASSIGN_ROLE', 'GROUP_MEMBERSHIP_ADMIN', assign(rita, 'GROUP_MEMBERSHIP_ADMIN')],
          ['ASSIGN_ROLE', 'APP_ADMIN', assign(rita, 'APP_ADMIN')],
        ],
      },
      {
        reaches: 'READY',
        leavesMissing: [],
        steps: [['ASSIGN_ROLE', 'SUPER_ADMIN', assign(rita, 'SUPER_ADMIN')]],
      },
    ]);
    expect(readOnly.remediation).toEqual(readOnly.remediationPlans[0]?.steps.map((s) => s.text));
  });

  it.each([
    // The custom roles hold okta.users.groupMembership.manage and okta.groups.members.manage org-wide.
    ['lumos.custom.gap', DEMO_USERS.lumosCustomGap.login, 'PARTIAL', ['CUSTOM_ROLE_SUPER_ADMIN_MEMBERSHIP']],
    // Its app permissions are out of its set's scope: unavailable, not limited, so no TARGETED_ROLE.
    [
      'lumos.custom.scoped',
      DEMO_USERS.lumosCustomOutOfScope.login,
      'NOT_READY',
      ['CUSTOM_ROLE_SUPER_ADMIN_MEMBERSHIP'],
    ],
    ['inactive.role', DEMO_USERS.inactiveRole.login, 'PARTIAL', ['INACTIVE_ROLE']],
    ['new.role.type', DEMO_USERS.unknownRoleType.login, 'NOT_READY', ['UNKNOWN_ROLE_TYPE']],
  ])('rates the persona %s (%s) %s with exactly the warnings %j', async (_name, login, status, warnings) => {
    const result = await readiness(login);
    expect(result.status).toBe(status);
    expect(result.codes).toEqual(warnings);
    expect(result.remediationPlans.at(-1)?.reaches).toBe('READY');
  });

  it("rates `me`, the gateway's own credential: the API token's user, or the OAuth service app", async () => {
    const me = await readiness('me');
    const connection = TEST_CREDENTIAL === 'oauth' ? 'OAUTH_SERVICE_APP' : 'API_TOKEN';
    expect(me).toMatchObject({ status: 'READY', connection });
    expect(me.codes).toEqual([]);
  });

  it('rates a group by its own assignments', async () => {
    const group = await readiness(ids.groups.superAdmins);
    expect(group).toMatchObject({ status: 'READY', connection: 'API_TOKEN' });
    // A group's own SUPER_ADMIN is not inherited from anywhere.
    expect(group.codes).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown principal', async () => {
    const result = await gw.execute(ReadinessDocument, { principal: 'nobody@demo.example' });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.message).toContain('nobody@demo.example');
  });

  it('names the rule set it evaluates', async () => {
    const result = await gw.execute(RuleSetDocument, {});
    expect(result.data?.lumosRuleSet.id).toBe('lumos-okta-2026-03-10');
    expect(result.data?.lumosRuleSet.capabilities).toEqual(CAPABILITIES);
    for (const source of ['Okta Integration Requirements', '2026-03-10', 'Roles in Okta']) {
      expect(result.data?.lumosRuleSet.source).toContain(source);
    }
  });
});

describe('upstream cost of a warm readiness query', () => {
  it('costs no upstream request at all within the cache ttl', async () => {
    const login = DEMO_USERS.lumosCustom.login;
    await readiness(login);
    gw.sim.resetLog();
    await readiness(login);
    const paths = gw.sim.requestLog.map((e) => `${e.method} ${e.path}`);
    const catalogReads = paths.filter((p) => /\/api\/v1\/(iam\/|org)/.test(p));
    expect(catalogReads).toEqual([]);
    expect(new Set(paths).size).toBe(paths.length);
    // The user by login, its role assignments and the catalog all come from the shared cache.
    expect(paths).toEqual([]);
  });
});
