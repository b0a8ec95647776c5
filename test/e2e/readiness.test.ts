import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipalIds } from '../../src/sim/demo-ids.ts';
import { DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { ReadinessDocument, RuleSetDocument } from '../generated/graphql.ts';
import { startTestGateway, TEST_CREDENTIAL, type TestGateway } from '../helpers/gateway.ts';

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

describe('Lumos readiness on the demo org', () => {
  it.each([
    ['super.direct', DEMO_USERS.superDirect.login, 'READY', null],
    ['super.group', DEMO_USERS.superViaGroup.login, 'READY', 'INHERITED_ROLE'],
    ['read.only', DEMO_USERS.readOnly.login, 'UNSUPPORTED', null],
    ['no.role', DEMO_USERS.noRole.login, 'NOT_READY', null],
    ['lumos.standard', DEMO_USERS.lumosStandard.login, 'PARTIAL', null],
    ['lumos.targeted', DEMO_USERS.lumosTargeted.login, 'PARTIAL', 'TARGETED_ROLE'],
    ['lumos.custom', DEMO_USERS.lumosCustom.login, 'PARTIAL', 'CUSTOM_ROLE_SUPER_ADMIN_MEMBERSHIP'],
  ])('rates %s %s', async (_name, login, status, warning) => {
    const result = await readiness(login);
    expect(result).toMatchObject({
      status,
      connection: 'API_TOKEN',
      access: 'FULL',
      ruleSet: 'lumos-okta-2026-03-10',
    });
    if (warning) expect(result.codes).toContain(warning);
    expect(result.capabilities).toHaveLength(10);
  });

  it('rates the service apps by roles and active scopes', async () => {
    const full = await readiness(ids.serviceApps.full);
    expect(full).toMatchObject({ status: 'READY', connection: 'OAUTH_SERVICE_APP', missingScopes: [] });
    const missing = await readiness(ids.serviceApps.missingScope);
    expect(missing).toMatchObject({ status: 'NOT_READY', missingScopes: ['okta.logs.read'] });
    const revoked = await readiness(ids.serviceApps.revoked);
    expect(revoked).toMatchObject({ status: 'NOT_READY', missingScopes: ['okta.schemas.read'] });
    const readOnly = await readiness(ids.serviceApps.readOnly, 'READ_ONLY');
    expect(readOnly).toMatchObject({ status: 'READY', access: 'READ_ONLY' });
    const noRole = await readiness(ids.serviceApps.noRole);
    expect(noRole.status).toBe('NOT_READY');
    expect(noRole.codes).toContain('NO_ADMIN_ROLE');
    const partial = await readiness(ids.serviceApps.partialScopes);
    expect(partial).toMatchObject({ status: 'NOT_READY', missingScopes: ['okta.users.manage'] });
  });

  it('explains what is missing: roles, limits, reasons and remediation', async () => {
    const targeted = await readiness(DEMO_USERS.lumosTargeted.login);
    const limited = targeted.capabilities.filter((c) => c.limitedTo !== null);
    expect(limited.length).toBeGreaterThan(0);
    for (const c of targeted.capabilities) expect(c.reason.length).toBeGreaterThan(10);
    const noRole = await readiness(DEMO_USERS.noRole.login);
    expect(noRole.missingRoles.length).toBeGreaterThan(0);
    expect(noRole.remediation.length).toBeGreaterThan(0);
    const readOnly = await readiness(DEMO_USERS.readOnly.login);
    expect(readOnly.remediation).toEqual(readOnly.remediationPlans[0]?.steps.map((s) => s.text));
    expect(readOnly.remediationPlans.map((p) => p.reaches)).toEqual(['PARTIAL', 'READY']);
  });

  it.each([
    ['lumos.custom.gap', DEMO_USERS.lumosCustomGap.login, 'PARTIAL', null],
    ['lumos.custom.scoped', DEMO_USERS.lumosCustomOutOfScope.login, 'NOT_READY', null],
    ['inactive.role', DEMO_USERS.inactiveRole.login, 'PARTIAL', 'INACTIVE_ROLE'],
    ['new.role.type', DEMO_USERS.unknownRoleType.login, 'NOT_READY', 'UNKNOWN_ROLE_TYPE'],
  ])('rates the persona %s %s', async (_name, login, status, warning) => {
    const result = await readiness(login);
    expect(result.status).toBe(status);
    if (warning) expect(result.codes).toContain(warning);
    expect(result.remediationPlans.at(-1)?.reaches).toBe('READY');
  });

  it("rates `me`, the gateway's own credential: the API token's user, or the OAuth service app", async () => {
    const me = await readiness('me');
    const connection = TEST_CREDENTIAL === 'oauth' ? 'OAUTH_SERVICE_APP' : 'API_TOKEN';
    expect(me).toMatchObject({ status: 'READY', connection });
  });

  it('rates a group by its own assignments', async () => {
    const group = await readiness(ids.groups.superAdmins);
    expect(group).toMatchObject({ status: 'READY', connection: 'API_TOKEN' });
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
    expect(result.data?.lumosRuleSet.capabilities).toHaveLength(10);
    expect(result.data?.lumosRuleSet.source).toBeTruthy();
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
