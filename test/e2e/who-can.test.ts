/**
 * whoCan, admins(roles:, kinds:) and Role.holders over the demo org, plus a few objects
 * who-can-org.ts adds (a "Payroll" group, custom-role holders on narrow resource sets). The expected
 * answers are worked out by hand from src/sim/demo-setup.ts and those additions, for the principals
 * they name (random admins of the demo org are filtered out of the comparison).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whoCanExampleTabs } from '../../src/http/graphiql-who-can.ts';
import { createOktaDeps } from '../../src/open-okta.ts';
import { type DemoPrincipalIds, demoPrincipalIds } from '../../src/sim/generate.ts';
import { createGateway, GRAPHQL_PATH } from '../../src/yoga.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { ADDED, whoCanOrg } from './who-can-org.ts';

interface Grant {
  principal: { kind: string; key: string; displayName: string };
  matchedScope: string;
  grantedBy: { id: string; role: { key: string }; assignmentType: string }[];
}

const GRANT_FIELDS =
  'principal { kind key displayName } matchedScope grantedBy { id role { key } assignmentType }';
const WHO_CAN = `query($p: String!, $r: String!, $k: [PrincipalKind!]) {
  whoCan(permission: $p, resource: $r, kinds: $k) { ${GRANT_FIELDS} }
}`;

let gw: TestGateway;
let ids: DemoPrincipalIds;
let orgId: string;
/** Key -> a short name, for the principals this file knows; the rest of the answer is not compared. */
let known: Map<string, string>;

async function whoCan(permission: string, resource: string, kinds?: string[]): Promise<Grant[]> {
  const result = await gw.fetchGraphQL<{ whoCan: Grant[] }>(WHO_CAN, {
    p: permission,
    r: resource,
    k: kinds,
  });
  expect(result.errors).toBeUndefined();
  return result.data!.whoCan;
}

/** The named principals of an answer, each with its matched scope (ORN shortened after the org id). */
async function namedAnswer(
  permission: string,
  resource: string,
  kinds?: string[],
): Promise<Record<string, string>> {
  const grants = await whoCan(permission, resource, kinds);
  const named = grants.filter((g) => known.has(g.principal.key));
  return Object.fromEntries(
    named.map((g) => [
      known.get(g.principal.key)!,
      g.matchedScope.replace(`orn:okta:`, '').replace(`:${orgId}:`, ':ORG:'),
    ]),
  );
}

async function errorOf(permission: string, resource: string): Promise<{ code: unknown; message: string }> {
  const result = await gw.fetchGraphQL(WHO_CAN, { p: permission, r: resource });
  expect(result.data?.whoCan ?? null).toBeNull();
  return { code: result.errors?.[0]?.extensions?.code, message: result.errors?.[0]?.message ?? '' };
}

beforeAll(async () => {
  gw = await startTestGateway({ sim: { org: whoCanOrg() } });
  ids = demoPrincipalIds(gw.sim.org);
  orgId = gw.sim.org.org.id;
  // The named principals whose setups the expectations below are worked out from (the demo org
  // may gain personas; they are not compared).
  const users = [
    'gateway',
    'superDirect',
    'superViaGroup',
    'readOnly',
    'noRole',
    'lumosStandard',
    'lumosTargeted',
  ];
  const more = ['lumosCustom', 'lumosCustomMissing', 'orgAdmin', 'helpDesk', 'accessCertifications'] as const;
  const apps = ['full', 'missingScope', 'revoked', 'readOnly', 'noRole', 'reporting'] as const;
  known = new Map<string, string>([
    ...[...users, ...more].map(
      (name) => [ids.users[name as keyof typeof ids.users], name] as [string, string],
    ),
    ...(['superAdmins', 'supportStaff', 'helpDeskTeam'] as const).map(
      (name) => [ids.groups[name], `group ${name}`] as [string, string],
    ),
    ...apps.map((name) => [ids.serviceApps[name], `app ${name}`] as [string, string]),
    ...Object.entries(ADDED).map(([name, key]) => [key, name] as [string, string]),
  ]);
});
afterAll(() => gw.close());

const USERS = 'directory:ORG:users';
const GROUPS = 'directory:ORG:groups';
const APPS = 'idp:ORG:apps';
const SUPER_ADMINS = (scope: string) => ({
  gateway: scope,
  superDirect: scope,
  'group superAdmins': scope,
  'app full': scope,
  'app missingScope': scope,
  'app revoked': scope,
});

describe("whoCan over a user: reset this user's password", () => {
  it('answers with org-wide holders, the help desk targeted to a group the clerk is in, the custom role on a group it is in, and group holders', async () => {
    const supportStaff = `directory:ORG:groups:${ids.groups.supportStaff}:contained_resources`;
    expect(
      await namedAnswer('okta.users.credentials.resetPassword', 'user:payroll.clerk@demo.example'),
    ).toEqual({
      ...SUPER_ADMINS(USERS),
      orgAdmin: USERS, // ORG_ADMIN: okta.users.manage includes the credential permissions
      helpDesk: supportStaff, // HELP_DESK_ADMIN targeted to Support Staff, which the clerk is in
      containedAdmin: `directory:ORG:groups:${ADDED.payroll}:contained_resources`,
      'group helpDeskTeam': USERS, // HELP_DESK_ADMIN held by the group, org-wide
      // Left out: app readOnly (SUPER_ADMIN, but only the okta.users.read scope), app reporting
      // (READ_ONLY_ADMIN), oneGroupAdmin (its set names the group, not its users), superViaGroup
      // (no assignment of its own: its group answers).
    });
  });

  it('leaves out the targeted help desk and the contained_resources holder for a user in neither group', async () => {
    expect(await namedAnswer('okta.users.credentials.resetPassword', `user:${ids.users.noRole}`)).toEqual({
      ...SUPER_ADMINS(USERS),
      orgAdmin: USERS,
      'group helpDeskTeam': USERS,
    });
  });

  it('answers a permission through the ones that include it (okta.users.read)', async () => {
    const grants = await whoCan('okta.users.read', 'user:payroll.clerk@demo.example');
    const orgAdmin = grants.find((g) => g.principal.key === ids.users.orgAdmin);
    // ORG_ADMIN's table row names okta.users.manage only: okta.users.read comes through it.
    expect(orgAdmin?.grantedBy.map((a) => a.role.key)).toEqual(['ORG_ADMIN']);
    expect(await namedAnswer('okta.users.read', 'user:payroll.clerk@demo.example')).toEqual({
      ...SUPER_ADMINS(USERS),
      readOnly: USERS,
      lumosStandard: USERS,
      lumosTargeted: USERS, // GROUP_MEMBERSHIP_ADMIN reads every user though targeted
      lumosCustom: USERS,
      lumosCustomMissing: USERS,
      orgAdmin: USERS,
      helpDesk: `directory:ORG:groups:${ids.groups.supportStaff}:contained_resources`,
      'group helpDeskTeam': USERS,
      'app readOnly': USERS,
      'app reporting': USERS,
      adminGroupGma: USERS, // GROUP_MEMBERSHIP_ADMIN reads every user though targeted
    });
  });

  it('gives the same answer for every form of the user', async () => {
    const forms = [
      'user:payroll.clerk@demo.example',
      `user:${ADDED.clerk}`,
      `${gw.sim.url}/api/v1/users/${ADDED.clerk}`,
      `/api/v1/users/${ADDED.clerk}`,
    ];
    const answers = await Promise.all(forms.map((r) => whoCan('okta.users.credentials.resetPassword', r)));
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
  });
});

describe('whoCan over a group: manage its membership', () => {
  const payroll = () => `directory:ORG:groups:${ADDED.payroll}`;

  it('answers with the custom role on that one group, and leaves out a holder targeted to other groups', async () => {
    expect(await namedAnswer('okta.groups.members.manage', 'group:Payroll')).toEqual({
      ...SUPER_ADMINS(GROUPS),
      orgAdmin: GROUPS,
      lumosStandard: GROUPS, // GROUP_MEMBERSHIP_ADMIN, org-wide
      lumosCustom: GROUPS,
      lumosCustomMissing: GROUPS,
      oneGroupAdmin: payroll(),
      // Left out: lumosTargeted (targeted to Engineering and Sales), containedAdmin (its set names
      // the group's users), app readOnly (okta.groups.read scope only).
    });
  });

  it('includes the holder targeted to the group', async () => {
    const answer = await namedAnswer('okta.groups.members.manage', `group:${ids.extras.engineeringGroup}`);
    expect(answer.lumosTargeted).toBe(`directory:ORG:groups:${ids.extras.engineeringGroup}`);
    expect(answer.oneGroupAdmin).toBeUndefined();
  });

  it('gives the same answer for every form of the group', async () => {
    const forms = [
      'group:Payroll',
      `group:${ADDED.payroll}`,
      `orn:okta:directory:${orgId}:groups:${ADDED.payroll}`,
      `${gw.sim.url}/api/v1/groups/${ADDED.payroll}`,
    ];
    const answers = await Promise.all(forms.map((r) => whoCan('okta.groups.members.manage', r)));
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
  });

  it("answers a users permission over group:{name} for the group's users, as its contained_resources ORN and REST URL do", async () => {
    const forms = [
      'group:Payroll',
      `orn:okta:directory:${orgId}:groups:${ADDED.payroll}:contained_resources`,
      `${gw.sim.url}/api/v1/groups/${ADDED.payroll}/users`,
    ];
    const answers = await Promise.all(
      forms.map((r) => namedAnswer('okta.users.credentials.resetPassword', r)),
    );
    expect(answers[0]).toEqual({
      ...SUPER_ADMINS(USERS),
      orgAdmin: USERS,
      containedAdmin: `${payroll()}:contained_resources`,
      'group helpDeskTeam': USERS,
    });
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
  });
});

describe('whoCan over an app', () => {
  it('answers with the custom role on the app type, the APP_ADMIN targeted to the instance, and the org-wide app admins', async () => {
    const slack = ids.extras.slackApp;
    const expected = {
      ...SUPER_ADMINS(APPS),
      'app readOnly': APPS, // its okta.apps.manage scope allows assignment management
      orgAdmin: APPS,
      lumosStandard: APPS,
      lumosCustom: APPS,
      lumosCustomMissing: APPS,
      lumosTargeted: `idp:ORG:apps:slack:${slack}`,
      appTypeAdmin: 'idp:ORG:apps:slack',
    };
    const forms = [
      `app:${slack}`,
      `orn:okta:idp:${orgId}:apps:slack:${slack}`,
      `${gw.sim.url}/api/v1/apps/${slack}`,
    ];
    for (const form of forms)
      expect(await namedAnswer('okta.apps.assignment.manage', form)).toEqual(expected);
    const grants = await whoCan('okta.apps.assignment.manage', `app:${slack}`);
    // Its custom role lacks okta.apps.assignment.manage but holds okta.apps.manage, which includes it.
    const missing = grants.find((g) => g.principal.key === ids.users.lumosCustomMissing);
    expect(missing?.grantedBy.map((a) => a.role.key)).toEqual([
      'APP_ADMIN',
      ids.extras.lumosRoleNoAppAssignment,
    ]);
  });

  it('leaves the slack type holder out of another app type', async () => {
    const answer = await namedAnswer('okta.apps.manage', `app:${ids.extras.salesforceApp}`);
    expect(answer.appTypeAdmin).toBeUndefined();
    expect(answer.lumosTargeted).toBe('idp:ORG:apps:salesforce');
  });
});

describe('service apps', () => {
  it('lists a service app only when a granted scope allows the permission', async () => {
    expect(await namedAnswer('okta.users.lifecycle.manage', '/api/v1/users', ['SERVICE_APP'])).toEqual({
      'app full': USERS,
      'app missingScope': USERS,
      'app revoked': USERS,
    });
    expect(await namedAnswer('okta.users.read', '/api/v1/users', ['SERVICE_APP'])).toEqual({
      'app full': USERS,
      'app missingScope': USERS,
      'app revoked': USERS,
      'app readOnly': USERS,
      'app reporting': USERS,
    });
  });
});

describe("Okta's barriers", () => {
  it('leaves the membership of a group holding an admin role to SUPER_ADMIN holders', async () => {
    for (const group of [ids.groups.superAdmins, ids.groups.helpDeskTeam]) {
      // Without the barrier orgAdmin, lumosStandard, lumosCustom and lumosCustomMissing would hold it.
      expect(await namedAnswer('okta.groups.members.manage', `group:${group}`)).toEqual(SUPER_ADMINS(GROUPS));
    }
  });

  it("denies custom roles a Super Administrator's group memberships", async () => {
    const forSuper = await namedAnswer('okta.users.groupMembership.manage', `user:${ids.users.superDirect}`);
    expect(forSuper).toEqual({
      ...SUPER_ADMINS(USERS),
      orgAdmin: USERS,
      lumosStandard: USERS,
      // Voided: lumosCustom, lumosCustomMissing (custom, all users) and containedAdmin (custom, Payroll's users).
    });
    const forClerk = await namedAnswer(
      'okta.users.groupMembership.manage',
      'user:payroll.clerk@demo.example',
    );
    expect(forClerk).toEqual({
      ...forSuper,
      lumosCustom: USERS,
      lumosCustomMissing: USERS,
      containedAdmin: `directory:ORG:groups:${ADDED.payroll}:contained_resources`,
    });
  });
});

describe('whoCan errors', () => {
  it('answers BAD_USER_INPUT for an unknown permission and for a malformed or misplaced resource', async () => {
    expect(await errorOf('okta.users.raed', 'group:Payroll')).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('okta.users.raed'),
    });
    for (const resource of [
      'orn:okta:directory',
      'Payroll',
      'user:',
      'https://elsewhere.example/api/v1/groups/00g1',
      '/api/v1/nothing',
      'orn:okta:directory:00oOTHERORG:groups',
    ]) {
      expect(await errorOf('okta.groups.read', resource), resource).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    expect((await errorOf('okta.apps.read', 'user:payroll.clerk@demo.example')).message).toMatch(
      /applies to All apps/,
    );
    expect((await errorOf('okta.realms.read', '/api/v1/users')).code).toBe('BAD_USER_INPUT');
  });

  it('answers NOT_FOUND for an object the org does not have', async () => {
    for (const [permission, resource] of [
      ['okta.users.read', 'user:nobody.at.all@demo.example'],
      ['okta.groups.read', 'group:No Such Group'],
      ['okta.groups.read', `orn:okta:directory:${orgId}:groups:00gNOSUCHGROUP0000`],
      ['okta.apps.read', 'app:0oaNOSUCHAPP000000'],
      ['okta.apps.read', `/api/v1/apps/0oaNOSUCHAPP000000`],
    ] as const) {
      expect(await errorOf(permission, resource), resource).toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});

describe('admins(roles:, kinds:) and Role.holders', () => {
  const ADMINS = `query($roles: [String!], $kinds: [PrincipalKind!]) {
    admins(roles: $roles, kinds: $kinds) { kind key roleAssignments { assignmentType role { key } } }
  }`;
  type Admin = {
    kind: string;
    key: string;
    roleAssignments: { assignmentType: string; role: { key: string } }[];
  };
  const admins = async (roles?: string[], kinds?: string[]) => {
    const result = await gw.fetchGraphQL<{ admins: Admin[] }>(ADMINS, { roles, kinds });
    expect(result.errors).toBeUndefined();
    return result.data!.admins;
  };
  /** A user's own assignments are its USER ones; a group's and a service app's are all of theirs. */
  const own = (a: Admin) =>
    a.roleAssignments.filter((r) => a.kind !== 'USER' || r.assignmentType === 'USER').map((r) => r.role.key);

  it('keeps the principals holding one of the roles with an assignment of their own', async () => {
    const all = await admins();
    const supers = await admins(['SUPER_ADMIN']);
    expect(supers).toEqual(all.filter((a) => own(a).includes('SUPER_ADMIN')));
    const named = supers.map((a) => known.get(a.key)).filter(Boolean);
    expect(named.sort()).toEqual(
      [
        'gateway',
        'superDirect',
        'group superAdmins',
        'app full',
        'app missingScope',
        'app revoked',
        'app readOnly',
      ].sort(),
    );
    expect(supers.map((a) => a.key)).not.toContain(ids.users.superViaGroup);
    expect((await admins([ADDED.helpdeskRole])).map((a) => a.key)).toEqual([
      ADDED.oneGroupAdmin,
      ADDED.containedAdmin,
    ]);
    expect(await admins([])).toEqual([]);
  });

  it('keeps only the kinds asked for, in the order of the whole list', async () => {
    const all = await admins();
    for (const kinds of [['USER'], ['GROUP'], ['SERVICE_APP'], ['GROUP', 'SERVICE_APP']]) {
      expect(await admins(undefined, kinds), kinds.join()).toEqual(all.filter((a) => kinds.includes(a.kind)));
    }
    const apps = await admins(['SUPER_ADMIN'], ['SERVICE_APP']);
    expect(apps.map((a) => known.get(a.key)).sort()).toEqual([
      'app full',
      'app missingScope',
      'app readOnly',
      'app revoked',
    ]);
  });

  it('gives Role.holders as admins(roles: [its key])', async () => {
    const result = await gw.fetchGraphQL<{ roles: { key: string; holders: { key: string }[] }[] }>(
      '{ roles { key holders { key } } }',
    );
    expect(result.errors).toBeUndefined();
    for (const role of result.data!.roles) {
      expect(
        role.holders.map((h) => h.key),
        role.key,
      ).toEqual((await admins([role.key])).map((a) => a.key));
    }
    const lumos = result.data!.roles.find((r) => r.key === ids.extras.lumosRole);
    expect(lumos?.holders.map((h) => h.key)).toContain(ids.users.lumosCustom);
    const slackAdmin = result.data!.roles.find((r) => r.key === ADDED.appsRole);
    expect(slackAdmin?.holders.map((h) => h.key)).toEqual([ADDED.appTypeAdmin]);
  });
});

describe('cost', () => {
  it("costs no more upstream requests cold than the admin sweep plus the resource's own reads, and none warm but a user's groups", async () => {
    const fresh = () => {
      const okta = createOktaDeps({
        orgUrl: gw.sim.url,
        credentials: { mode: 'apiToken', token: gw.sim.apiToken },
      });
      const gateway = createGateway({ ...okta.gatewayDeps, apiKeys: null });
      return (query: string, variables?: Record<string, unknown>) =>
        gateway.yoga.fetch(`http://gateway.test${GRAPHQL_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
    };
    const requests = async (run: () => Response | Promise<Response>) => {
      gw.sim.resetLog();
      expect((await run()).status).toBe(200);
      return gw.sim.requestLog.length;
    };
    const sweep = await requests(() => fresh()('{ admins { key lumosReadiness { status } } }'));
    const ask = fresh();
    const question = { p: 'okta.users.credentials.resetPassword', r: 'user:payroll.clerk@demo.example' };
    const cold = await requests(() => ask(WHO_CAN, question));
    // The user by login and its groups are the resource's own reads.
    expect(cold).toBeLessThanOrEqual(sweep + 2);
    const overGroup = {
      p: 'okta.groups.members.manage',
      r: `orn:okta:directory:${orgId}:groups:${ADDED.payroll}`,
    };
    await requests(() => ask(WHO_CAN, overGroup));
    expect(await requests(() => ask(WHO_CAN, overGroup))).toBe(0);
    // Warm, a user's groups are its one read: Okta group memberships are not kept in the shared cache.
    await requests(() => ask(WHO_CAN, question));
    expect(gw.sim.requestLog.map((e) => e.path)).toEqual([`/api/v1/users/${ADDED.clerk}/groups`]);
  });
});

describe('the saved GraphiQL operations', () => {
  it.each(['demo', 'any'] as const)('run on the demo org without an error (%s tabs)', async (org) => {
    for (const tab of whoCanExampleTabs(org)) {
      const result = await gw.fetchGraphQL(tab.query, tab.variables ? JSON.parse(tab.variables) : undefined);
      expect(result.errors, tab.query.split('\n')[0]).toBeUndefined();
    }
  });
});
