/**
 * What the token's owner may read: role and IAM reads need SUPER_ADMIN (directly, through a group,
 * or as a client role) or a custom role with okta.iam.read; app grants need SUPER_ADMIN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { demoPrincipalIds, generateDemoOrg } from '../../src/sim/generate.ts';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import type { OrgSnapshot } from '../../src/sim/snapshot-format.ts';
import { IDS, T, tinyOrg } from './fixtures/tiny-org.ts';
import { get } from './http.ts';

const REPORTER = '00ureporter000000001';
const IAM_READER = '00uiamreader00000001';
const IAM_ROLE = 'cr0iamreader00000001';

/** The tiny org plus a REPORT_ADMIN-only user and a user whose custom role has okta.iam.read. */
function ownerOrg(): OrgSnapshot {
  const org = tinyOrg();
  for (const [id, login] of [
    [REPORTER, 'reporter@tiny.example'],
    [IAM_READER, 'iam.reader@tiny.example'],
  ] as const) {
    org.users.push({
      id,
      status: 'ACTIVE',
      created: T,
      profile: { login, email: login, firstName: 'Owner', lastName: 'Tester' },
    });
  }
  org.roleAssignments.push({
    principalType: 'USER',
    principalId: REPORTER,
    type: 'REPORT_ADMIN',
    status: 'ACTIVE',
    created: T,
  });
  org.customRoles.push({
    id: IAM_ROLE,
    label: 'IAM Reader',
    description: 'reads admin roles',
    permissions: ['okta.iam.read', 'okta.users.read'],
    created: T,
  });
  org.resourceSets[0]?.bindings.push({ role: IAM_ROLE, members: [{ type: 'USER', id: IAM_READER }] });
  return org;
}

const ROLE_READS = [
  `/api/v1/users/${IDS.admin}/roles`,
  `/api/v1/groups/${IDS.admins}/roles`,
  `/oauth2/v1/clients/${IDS.svcFull}/roles`,
  '/api/v1/iam/roles',
  '/api/v1/iam/assignees/users',
  `/api/v1/iam/resource-sets/${IDS.resourceSet}/resources`,
];
const GRANTS = `/api/v1/apps/${IDS.svcFull}/grants`;

async function expectForbidden(sim: Simulator, path: string, token: string) {
  const res = await get(sim, path, token);
  expect(res.status, path).toBe(403);
  expect(res.body).toEqual({
    errorCode: 'E0000006',
    errorSummary: 'You do not have permission to perform the requested action',
    errorLink: 'E0000006',
    errorId: expect.any(String),
    errorCauses: [],
  });
}

describe("the token owner's permissions (tiny org)", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ org: ownerOrg(), rateLimits: false });
  });
  afterAll(() => sim.close());

  it('refuses role and IAM reads, and app grants, to a REPORT_ADMIN-only token with 403 E0000006', async () => {
    const token = sim.tokenFor('reporter@tiny.example');
    for (const path of [...ROLE_READS, GRANTS]) await expectForbidden(sim, path, token);
    // Other reads only need an admin role.
    expect((await get(sim, '/api/v1/users', token)).status).toBe(200);
    expect((await get(sim, `/api/v1/apps/${IDS.svcFull}`, token)).status).toBe(200);
  });

  it('lets a custom role with okta.iam.read read roles and IAM, but not app grants', async () => {
    const token = sim.tokenFor(IAM_READER);
    for (const path of ROLE_READS) expect((await get(sim, path, token)).status, path).toBe(200);
    await expectForbidden(sim, GRANTS, token);
  });

  it('refuses role reads to a custom role without okta.iam.read and to a group-inherited HELP_DESK_ADMIN', async () => {
    await expectForbidden(sim, ROLE_READS[0] as string, sim.tokenFor(IDS.custom));
    await expectForbidden(sim, ROLE_READS[0] as string, sim.tokenFor(IDS.grouped));
  });

  it('lets a SUPER_ADMIN read everything', async () => {
    const token = sim.tokenFor('admin@tiny.example');
    for (const path of [...ROLE_READS, GRANTS]) expect((await get(sim, path, token)).status, path).toBe(200);
  });

  it("answers a wrong SSWS token with Okta's 401 E0000011", async () => {
    const res = await get(sim, ROLE_READS[0] as string, 'not-a-token');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided' });
  });
});

describe("the token owner's permissions (demo org)", () => {
  let sim: Simulator;
  let ids: ReturnType<typeof demoPrincipalIds>;
  beforeAll(async () => {
    sim = await startSimulator({ org: generateDemoOrg({ users: 40, groups: 12 }), rateLimits: false });
    ids = demoPrincipalIds(sim.org);
  });
  afterAll(() => sim.close());

  it('refuses lumos.standard (GROUP_MEMBERSHIP_ADMIN + APP_ADMIN + REPORT_ADMIN) role reads and grants', async () => {
    const token = sim.tokenFor(DEMO_USERS.lumosStandard.login);
    await expectForbidden(sim, `/api/v1/users/${ids.users.superDirect}/roles`, token);
    await expectForbidden(sim, '/api/v1/iam/roles', token);
    await expectForbidden(sim, `/api/v1/apps/${ids.serviceApps.full}/grants`, token);
    expect((await get(sim, `/api/v1/users/${ids.users.superDirect}`, token)).status).toBe(200);
  });

  it('lets super.direct and super.group (SUPER_ADMIN through its group) read roles and grants', async () => {
    for (const login of [DEMO_USERS.superDirect.login, DEMO_USERS.superViaGroup.login]) {
      const token = sim.tokenFor(login);
      expect((await get(sim, `/api/v1/users/${ids.users.noRole}/roles`, token)).status).toBe(200);
      expect((await get(sim, '/api/v1/iam/roles', token)).status).toBe(200);
      expect((await get(sim, `/api/v1/apps/${ids.serviceApps.full}/grants`, token)).status).toBe(200);
    }
  });

  it('refuses read.only (READ_ONLY_ADMIN) and org.admin (ORG_ADMIN) role reads', async () => {
    for (const login of [DEMO_USERS.readOnly.login, DEMO_USERS.orgAdmin.login]) {
      await expectForbidden(sim, `/api/v1/users/${ids.users.noRole}/roles`, sim.tokenFor(login));
    }
  });
});
