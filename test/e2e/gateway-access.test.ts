/**
 * What the gateway's own credential can see: gatewayAccess, /readyz, and UNKNOWN verdicts, against
 * the simulator's owner-permission enforcement (role and IAM reads need SUPER_ADMIN or a custom
 * role with okta.iam.read; app grants need SUPER_ADMIN; a Bearer token needs each operation's scope).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OKTA_SCOPES } from '../../src/config.ts';
import type { OktaCredentials } from '../../src/okta/client.ts';
import { createOktaDeps } from '../../src/open-okta.ts';
import { type DemoPrincipalIds, demoPrincipalIds, generateDemoOrg } from '../../src/sim/generate.ts';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { createGateway, GRAPHQL_PATH } from '../../src/yoga.ts';
import { grantScopes, serviceAppCredentials } from '../helpers/service-app.ts';

interface GatewayOver {
  query<T>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: GraphQLErrorBody[] }>;
  readyz(): Promise<{ status: number; body: Record<string, unknown> }>;
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string };
}

function gatewayOver(sim: Simulator, credentials: OktaCredentials): GatewayOver {
  const okta = createOktaDeps({ orgUrl: sim.url, credentials });
  const { yoga } = createGateway(okta.gatewayDeps);
  return {
    async query(query, variables) {
      const response = await yoga.fetch(`http://gateway.test${GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    async readyz() {
      const response = await yoga.fetch('http://gateway.test/readyz');
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
}

const ACCESS = `{ gatewayAccess { connection principal { kind key } scopes reads { name allowed reason needs } } }`;
const READINESS = `query ($p: String!) { lumosReadiness(principal: $p) { status undetermined { input reason needs } } }`;

interface AccessData {
  gatewayAccess: {
    connection: string;
    principal: { kind: string; key: string } | null;
    scopes: string[];
    reads: { name: string; allowed: boolean; reason: string | null; needs: string[] }[];
  };
}
interface ReadinessData {
  lumosReadiness: { status: string; undetermined: { input: string; reason: string; needs: string[] }[] };
}

const READ_NAMES = [
  'ORG',
  'USERS',
  'GROUPS',
  'APPS',
  'ROLE_ASSIGNMENTS',
  'ROLE_ASSIGNEES',
  'CUSTOM_ROLES',
  'RESOURCE_SETS',
  'CLIENTS',
  'CLIENT_ROLES',
  'APP_GRANTS',
  'SYSTEM_LOG',
  'SCHEMAS',
];
const allowed = (name: string) => ({ name, allowed: true, reason: null, needs: [] });
const ROLE_READERS = ['SUPER_ADMIN', 'okta.iam.read'];

async function statusOf(gw: GatewayOver, principal: string) {
  const result = await gw.query<ReadinessData>(READINESS, { p: principal });
  expect(result.errors, principal).toBeUndefined();
  return result.data?.lumosReadiness;
}

describe('the credential of the demo org (a Super Administrator API token)', () => {
  let sim: Simulator;
  let gw: GatewayOver;
  let ids: DemoPrincipalIds;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: false });
    ids = demoPrincipalIds(sim.org);
    gw = gatewayOver(sim, { mode: 'apiToken', token: sim.apiToken });
  });
  afterAll(() => sim.close());

  it('can make every read, and /readyz says so', async () => {
    const result = await gw.query<AccessData>(ACCESS);
    expect(result.errors).toBeUndefined();
    expect(result.data?.gatewayAccess).toEqual({
      connection: 'API_TOKEN',
      principal: { kind: 'USER', key: ids.users.gateway },
      scopes: [],
      reads: READ_NAMES.map(allowed),
    });
    const ready = await gw.readyz();
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ready: true, credential: 'ACCEPTED', cannotRead: [] });
  });

  it('answers verdicts with nothing undetermined', async () => {
    expect(await statusOf(gw, 'super.direct@demo.example')).toEqual({ status: 'READY', undetermined: [] });
  });

  it('answers UNKNOWN when Okta keeps failing a role read, with the failure and nothing needed', async () => {
    sim.setFaults('5xx:1@/api/v1/users/*/roles*;status=503');
    try {
      expect(await statusOf(gw, 'no.role@demo.example')).toEqual({
        status: 'UNKNOWN',
        undetermined: [
          { input: `role assignments of user ${ids.users.noRole}`, reason: '503 E0000009', needs: [] },
        ],
      });
    } finally {
      sim.setFaults([]);
    }
  });
});

describe('the API token of a user with GROUP_MEMBERSHIP_ADMIN + APP_ADMIN + REPORT_ADMIN', () => {
  let sim: Simulator;
  let gw: GatewayOver;
  let ids: DemoPrincipalIds;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: false });
    ids = demoPrincipalIds(sim.org);
    gw = gatewayOver(sim, { mode: 'apiToken', token: sim.tokenFor('lumos.standard@demo.example') });
  });
  afterAll(() => sim.close());

  it('shows the role and IAM reads and the app grants refused, with what they need', async () => {
    const result = await gw.query<AccessData>(ACCESS);
    expect(result.errors).toBeUndefined();
    const refused = (name: string, needs: string[]) => ({
      name,
      allowed: false,
      reason: '403 E0000006',
      needs,
    });
    expect(result.data?.gatewayAccess).toEqual({
      connection: 'API_TOKEN',
      principal: { kind: 'USER', key: ids.users.lumosStandard },
      scopes: [],
      reads: [
        allowed('ORG'),
        allowed('USERS'),
        allowed('GROUPS'),
        allowed('APPS'),
        refused('ROLE_ASSIGNMENTS', ROLE_READERS),
        refused('ROLE_ASSIGNEES', ROLE_READERS),
        refused('CUSTOM_ROLES', ROLE_READERS),
        refused('RESOURCE_SETS', ROLE_READERS),
        allowed('CLIENTS'),
        refused('CLIENT_ROLES', ROLE_READERS),
        refused('APP_GRANTS', ['SUPER_ADMIN']),
        allowed('SYSTEM_LOG'),
        allowed('SCHEMAS'),
      ],
    });
  });

  it('is ready (Okta answers, the token is accepted) and lists the refused reads on /readyz', async () => {
    const ready = await gw.readyz();
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ready: true, credential: 'ACCEPTED', connection: 'API_TOKEN' });
    expect((ready.body.cannotRead as { read: string }[]).map((r) => r.read)).toEqual([
      'ROLE_ASSIGNMENTS',
      'ROLE_ASSIGNEES',
      'CUSTOM_ROLES',
      'RESOURCE_SETS',
      'CLIENT_ROLES',
      'APP_GRANTS',
    ]);
  });

  it('answers UNKNOWN for a Super Administrator whose roles it cannot read, naming what it needs', async () => {
    expect(await statusOf(gw, 'super.direct@demo.example')).toEqual({
      status: 'UNKNOWN',
      undetermined: [
        {
          input: `role assignments of user ${ids.users.superDirect}`,
          reason: '403 E0000006',
          needs: ROLE_READERS,
        },
      ],
    });
  });

  it('answers UNKNOWN for the full Lumos connector: its roles and its grants are both unread', async () => {
    const app = ids.serviceApps.full;
    expect(await statusOf(gw, app)).toEqual({
      status: 'UNKNOWN',
      undetermined: [
        { input: `role assignments of service app ${app}`, reason: '403 E0000006', needs: ROLE_READERS },
        { input: `scope grants of app ${app}`, reason: '403 E0000006', needs: ['SUPER_ADMIN'] },
      ],
    });
  });

  it('still fails a principal nobody is known as with NOT_FOUND', async () => {
    const result = await gw.query<ReadinessData>(READINESS, { p: 'nobody@demo.example' });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('a service-app credential without okta.appGrants.read', () => {
  let sim: Simulator;
  let gw: GatewayOver;
  let ids: DemoPrincipalIds;
  // The full connector's six Lumos scopes, plus the org and client reads the gateway makes.
  const scopes = [
    'okta.users.manage',
    'okta.apps.manage',
    'okta.groups.manage',
    'okta.roles.read',
    'okta.logs.read',
    'okta.schemas.read',
    'okta.orgs.read',
    'okta.clients.read',
  ];
  beforeAll(async () => {
    const org = generateDemoOrg();
    ids = demoPrincipalIds(org);
    grantScopes(org, ids.serviceApps.full, ['okta.orgs.read', 'okta.clients.read']);
    sim = await startSimulator({ org, rateLimits: false });
    gw = gatewayOver(sim, await serviceAppCredentials(sim, ids.serviceApps.full, scopes));
  });
  afterAll(() => sim.close());

  it('shows app grants refused for the missing scope', async () => {
    const result = await gw.query<AccessData>(ACCESS);
    expect(result.errors).toBeUndefined();
    expect(result.data?.gatewayAccess).toEqual({
      connection: 'OAUTH_SERVICE_APP',
      principal: { kind: 'SERVICE_APP', key: ids.serviceApps.full },
      scopes,
      reads: READ_NAMES.map((name) =>
        name === 'APP_GRANTS'
          ? { name, allowed: false, reason: '403 E0000006', needs: ['okta.appGrants.read', 'SUPER_ADMIN'] }
          : allowed(name),
      ),
    });
  });

  it("leaves users' verdicts as they are", async () => {
    const expected: [string, string][] = [
      ['super.direct@demo.example', 'READY'],
      ['lumos.standard@demo.example', 'PARTIAL'],
      ['read.only@demo.example', 'UNSUPPORTED'],
      ['no.role@demo.example', 'NOT_READY'],
    ];
    for (const [principal, status] of expected) {
      expect(await statusOf(gw, principal), principal).toEqual({ status, undetermined: [] });
    }
  });

  it('answers UNKNOWN for service apps whose verdict depends on their grants, and stands where it cannot', async () => {
    const grantsOf = (app: string) => ({
      input: `scope grants of app ${app}`,
      reason: '403 E0000006',
      needs: ['okta.appGrants.read', 'SUPER_ADMIN'],
    });
    expect(await statusOf(gw, ids.serviceApps.full)).toEqual({
      status: 'UNKNOWN',
      undetermined: [grantsOf(ids.serviceApps.full)],
    });
    expect(await statusOf(gw, ids.serviceApps.missingScope)).toEqual({
      status: 'UNKNOWN',
      undetermined: [grantsOf(ids.serviceApps.missingScope)],
    });
    // READ_ONLY_ADMIN only: UNSUPPORTED whatever scopes it holds. No role: NOT_READY whatever they are.
    expect(await statusOf(gw, ids.serviceApps.reporting)).toEqual({
      status: 'UNSUPPORTED',
      undetermined: [],
    });
    expect(await statusOf(gw, ids.serviceApps.noRole)).toEqual({ status: 'NOT_READY', undetermined: [] });
  });
});

describe('a service-app credential with the default scopes', () => {
  let sim: Simulator;
  let gw: GatewayOver;
  let ids: DemoPrincipalIds;
  beforeAll(async () => {
    const org = generateDemoOrg();
    ids = demoPrincipalIds(org);
    grantScopes(org, ids.serviceApps.full, DEFAULT_OKTA_SCOPES);
    sim = await startSimulator({ org, rateLimits: false });
    gw = gatewayOver(sim, await serviceAppCredentials(sim, ids.serviceApps.full, DEFAULT_OKTA_SCOPES));
  });
  afterAll(() => sim.close());

  it('makes every read it makes without one 403', async () => {
    sim.resetLog();
    const access = await gw.query<AccessData>(ACCESS);
    expect(access.data?.gatewayAccess.reads).toEqual(READ_NAMES.map(allowed));
    const queries = [
      '{ admins { key roleAssignments { role { key } targets } effectivePermissions { permission { name } } lumosReadiness { status } } }',
      '{ serviceApps { key grantedScopes lumosReadiness { status undetermined { input } } } }',
      '{ roles { key permissions { name } } resourceSets { key resources { orn } bindings { members { key } } } }',
      '{ me: lumosReadiness(principal: "me") { status } users(first: 2) { edges { node { key groups { key } } } } }',
    ];
    for (const query of queries) expect((await gw.query(query)).errors, query).toBeUndefined();
    expect(sim.requestLog.filter((e) => e.status === 403).map((e) => e.path)).toEqual([]);
    expect(await statusOf(gw, 'me')).toEqual({ status: 'READY', undetermined: [] });
  });
});

describe('a token Okta rejects', () => {
  let sim: Simulator;
  let gw: GatewayOver;
  const token = '00RejectedTokenOfThisTest0123456789abcdef';
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: false });
    gw = gatewayOver(sim, { mode: 'apiToken', token });
  });
  afterAll(() => sim.close());

  it('is UPSTREAM_UNAUTHENTICATED naming E0000011, not a missing permission', async () => {
    const result = await gw.query<ReadinessData>(READINESS, { p: 'super.direct@demo.example' });
    expect(result.errors?.[0]).toMatchObject({
      message: "Okta rejected the gateway's credential: E0000011 Invalid token provided",
      extensions: { code: 'UPSTREAM_UNAUTHENTICATED' },
    });
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('makes /readyz 503 with one line naming E0000011', async () => {
    const ready = await gw.readyz();
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      ready: false,
      credential: 'REJECTED',
      problem: "Okta rejected the gateway's credential: E0000011 Invalid token provided",
    });
    expect(JSON.stringify(ready.body)).not.toContain(token);
  });

  it('answers gatewayAccess with no principal and every read refused with 401 E0000011', async () => {
    const result = await gw.query<AccessData>(ACCESS);
    expect(result.errors).toBeUndefined();
    expect(result.data?.gatewayAccess.principal).toBeNull();
    expect(new Set(result.data?.gatewayAccess.reads.map((r) => `${r.allowed} ${r.reason}`))).toEqual(
      new Set(['false 401 E0000011']),
    );
  });
});
