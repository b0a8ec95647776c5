import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import okta from '@okta/okta-sdk-nodejs';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipalIds } from '../../../src/sim/demo-ids.ts';
import { DEMO_SERVICE_APPS, DEMO_USERS } from '../../../src/sim/demo-principals.ts';
import { type Simulator, startSimulator } from '../../../src/sim/index.ts';
import { type CapturedResponse, CapturingRequestExecutor, ResponseSink } from './capture.ts';
import {
  type DriveContext,
  drain,
  driveApps,
  driveGroups,
  driveIam,
  driveMisc,
  driveUsers,
  rawRequest,
} from './drive.ts';
import { formatViolations, OpenApiValidator, type Violation } from './openapi-validator.ts';

const SPEC_DIR = fileURLToPath(new URL('../../../../shared/okta-openapi/', import.meta.url));

/** Every operation + status this suite must exercise, as the OpenAPI description names it. */
const COVERED = [
  'GET /api/v1/users 200',
  'GET /api/v1/users 400',
  'GET /api/v1/users/{id} 200',
  'GET /api/v1/users/{id} 401',
  'GET /api/v1/users/{id} 404',
  'GET /api/v1/users/{id}/groups 200',
  'GET /api/v1/users/{userId}/roles 200',
  'GET /api/v1/users/{userId}/roles 403',
  'GET /api/v1/users/{userId}/roles/{roleAssignmentId} 200',
  'GET /api/v1/users/{userId}/roles/{roleAssignmentId}/targets/groups 200',
  'GET /api/v1/users/{userId}/roles/{roleAssignmentId}/targets/catalog/apps 200',
  'GET /api/v1/groups 200',
  'GET /api/v1/groups/{groupId} 200',
  'GET /api/v1/groups/{groupId} 404',
  'GET /api/v1/groups/{groupId} 429',
  'GET /api/v1/groups/{groupId}/users 200',
  'GET /api/v1/groups/{groupId}/roles 200',
  'GET /api/v1/groups/{groupId}/roles/{roleAssignmentId} 200',
  'GET /api/v1/groups/{groupId}/roles/{roleAssignmentId}/targets/groups 200',
  'GET /api/v1/groups/{groupId}/roles/{roleAssignmentId}/targets/catalog/apps 200',
  'GET /api/v1/apps 200',
  'GET /api/v1/apps 403',
  'GET /api/v1/apps/{appId} 200',
  'GET /api/v1/apps/{appId} 404',
  'GET /api/v1/apps/{appId}/grants 200',
  'GET /api/v1/apps/{appId}/grants 403',
  'GET /oauth2/v1/clients 200',
  'GET /oauth2/v1/clients/{clientId} 200',
  'GET /oauth2/v1/clients/{clientId}/roles 200',
  'GET /oauth2/v1/clients/{clientId}/roles/{roleAssignmentId} 200',
  'GET /oauth2/v1/clients/{clientId}/roles/{roleAssignmentId}/targets/groups 200',
  'GET /oauth2/v1/clients/{clientId}/roles/{roleAssignmentId}/targets/catalog/apps 200',
  'GET /api/v1/iam/assignees/users 200',
  'GET /api/v1/iam/roles 200',
  'GET /api/v1/iam/roles/{roleIdOrLabel} 200',
  'GET /api/v1/iam/roles/{roleIdOrLabel} 404',
  'GET /api/v1/iam/roles/{roleIdOrLabel}/permissions 200',
  'GET /api/v1/iam/resource-sets 200',
  'GET /api/v1/iam/resource-sets/{resourceSetIdOrLabel} 200',
  'GET /api/v1/iam/resource-sets/{resourceSetIdOrLabel} 404',
  'GET /api/v1/iam/resource-sets/{resourceSetIdOrLabel}/resources 200',
  'GET /api/v1/iam/resource-sets/{resourceSetIdOrLabel}/bindings 200',
  'GET /api/v1/iam/resource-sets/{resourceSetIdOrLabel}/bindings/{roleIdOrLabel} 200',
  'GET /api/v1/iam/resource-sets/{resourceSetIdOrLabel}/bindings/{roleIdOrLabel}/members 200',
  'GET /api/v1/iam/resource-sets/{resourceSetIdOrLabel}/bindings/{roleIdOrLabel}/members/{memberId} 200',
  'GET /api/v1/logs 200',
  'GET /api/v1/logs 400',
  'GET /api/v1/meta/schemas/user/{schemaId} 200',
  'GET /api/v1/org 200',
  'POST /oauth2/v1/token 200',
  'POST /oauth2/v1/token 400',
  'POST /oauth2/v1/token 401',
] as const;

/** What `strict` adds: the 404s tools that run against real orgs ignore (no-roles-404, iam-policy-404). */
const COVERED_STRICT_ONLY = [
  'GET /oauth2/v1/clients/{clientId}/roles 404',
  'GET /api/v1/apps/{appId}/grants 404',
  'GET /api/v1/iam/resource-sets/{resourceSetIdOrLabel}/resources 404',
] as const;

interface RoleBody {
  _embedded?: { targets?: { groups?: unknown[]; catalog?: { apps?: unknown[] } } };
}

/** The SDK rejects with its OktaApiError / HttpError; both carry the HTTP status. */
async function expectStatus(call: () => Promise<unknown>, status: number): Promise<void> {
  await expect(call()).rejects.toMatchObject({ status });
}

const SPEC_PRESENT = existsSync(SPEC_DIR);
const TITLE = "the simulator's answers against Okta's OpenAPI descriptions";

/** Loaded once for both runs (about 2 s). */
let sharedValidator: { validator: OpenApiValidator; loadMs: number } | undefined;
function loadValidator() {
  if (!sharedValidator) {
    const started = Date.now();
    const validator = new OpenApiValidator(SPEC_DIR);
    sharedValidator = { validator, loadMs: Date.now() - started };
  }
  return sharedValidator;
}

/**
 * The suite, under the default simulator or under `strict` (every Okta variant). The bodies must
 * validate either way; strict answers a few reads with the 404s real-org tools ignore.
 */
function conformanceSuite(variant: 'default' | 'strict') {
  const strict = variant === 'strict';
  const covered: readonly string[] = strict ? [...COVERED, ...COVERED_STRICT_ONLY] : COVERED;
  let sim: Simulator;
  let validator: OpenApiValidator;
  let sink: ResponseSink;
  let ctx: DriveContext;
  let loadMs = 0;
  const newClient = (token: string, maxRetries = 2) =>
    new okta.Client({
      orgUrl: sim.url,
      token,
      cacheMiddleware: null,
      requestExecutor: new CapturingRequestExecutor(sink, { maxRetries, requestTimeout: 0 }),
    });

  beforeAll(async () => {
    ({ validator, loadMs } = loadValidator());
    sim = await startSimulator({ rateLimits: false, ...(strict ? { variants: 'strict' } : {}) });
    sink = new ResponseSink();
    ctx = {
      client: newClient(sim.apiToken),
      ids: demoPrincipalIds(sim.org),
      url: sim.url,
      noneMay404: strict,
    };
  });
  afterAll(() => sim?.close());

  it('reads users (lists, search chains, filter, q, by id, by login, me), their groups, roles and targets', async () => {
    expect(await driveUsers(ctx)).toBe(sim.org.users.length);
  });

  it('reads groups, their members, roles and targets', async () => {
    await driveGroups(ctx);
  });

  it('reads apps, grants and OAuth clients with their roles and targets', async () => {
    await driveApps(ctx);
  });

  it('reads custom roles, permissions, resource sets, resources, bindings and members', async () => {
    await driveIam(ctx);
  });

  it('reads the system log, the default user schema and the org', async () => {
    await driveMisc(ctx);
  });

  it('answers errors with Okta error bodies (404, 401, 400 bad search, 403, 429)', async () => {
    const { client } = ctx;
    await expectStatus(() => client.userApi.getUser({ userId: 'nobody@demo.example' }), 404);
    await expectStatus(() => client.groupApi.getGroup({ groupId: '00gDoesNotExist000000' }), 404);
    await expectStatus(() => client.applicationApi.getApplication({ appId: '0oaDoesNotExist000000' }), 404);
    await expectStatus(() => client.customRoleApi.getRole({ roleIdOrLabel: 'No such role' }), 404);
    await expectStatus(() => client.resourceSetApi.getResourceSet({ resourceSetId: 'No such set' }), 404);
    await expectStatus(() => newClient('not-a-token').userApi.getUser({ userId: 'me' }), 401);
    await expectStatus(() => drain(client.userApi.listUsers({ search: 'profile.login eq' })), 400);
    await expectStatus(() => drain(client.systemLogApi.listLogEvents({ since: 'yesterday' })), 400);
    const nonAdmin = newClient(sim.tokenFor(DEMO_USERS.noRole.login));
    await expectStatus(() => drain(nonAdmin.applicationApi.listApplications()), 403);
    // An admin without SUPER_ADMIN or okta.iam.read may not read roles, nor app grants.
    const standard = newClient(sim.tokenFor(DEMO_USERS.lumosStandard.login));
    const userId = ctx.ids.users.superDirect;
    await expectStatus(() => drain(standard.roleAssignmentApi.listAssignedRolesForUser({ userId })), 403);
    const appId = sim.org.apps.find((a) => a.label === DEMO_SERVICE_APPS.full.label)?.id as string;
    await expectStatus(() => drain(standard.applicationApi.listScopeConsentGrants({ appId })), 403);
    sim.setFaults([{ kind: '429', rate: 1, match: '/api/v1/groups/*' }]);
    try {
      const noRetry = newClient(sim.apiToken, 0);
      await expectStatus(() => noRetry.groupApi.getGroup({ groupId: ctx.ids.groups.superAdmins }), 429);
    } finally {
      sim.setFaults([]);
    }
  });

  it('issues a token for a private_key_jwt assertion signed with jose and serves the Bearer call', async () => {
    const clientId = ctx.ids.serviceApps.full;
    const key = await sim.createServiceAppKey(clientId);
    const tokenUrl = `${sim.url}/oauth2/v1/token`;
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: key.keyId })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUrl)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(randomUUID())
      .sign(await importJWK(key.privateJwk as Parameters<typeof importJWK>[0], 'RS256'));
    const post = (form: Record<string, string>) =>
      rawRequest(ctx.client, tokenUrl, {
        method: 'POST',
        body: new URLSearchParams(form).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      });
    const jwtBearer = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
    const res = await post({
      grant_type: 'client_credentials',
      scope: 'okta.groups.manage okta.users.manage',
      client_assertion_type: jwtBearer,
      client_assertion: assertion,
    });
    const token = (await res.json()) as { access_token: string; token_type: string };
    expect(token.token_type).toBe('Bearer');
    const group = await rawRequest(ctx.client, `${sim.url}/api/v1/groups/${ctx.ids.groups.superAdmins}`, {
      method: 'GET',
      headers: { Authorization: `Bearer ${token.access_token}` },
    });
    expect(((await group.json()) as { id: string }).id).toBe(ctx.ids.groups.superAdmins);
    await expectStatus(() => post({ grant_type: 'password', username: 'x', password: 'y' }), 400);
    await expectStatus(
      () =>
        post({
          grant_type: 'client_credentials',
          client_assertion_type: jwtBearer,
          client_assertion: 'x.y.z',
        }),
      401,
    );
    const sdk = new okta.Client({
      orgUrl: sim.url,
      authorizationMode: 'PrivateKey',
      clientId,
      scopes: ['okta.users.manage', 'okta.roles.read'],
      privateKey: key.privateKeyPem,
      keyId: key.keyId,
      cacheMiddleware: null,
      requestExecutor: new CapturingRequestExecutor(sink),
    });
    expect((await drain(sdk.userApi.listUsers({ limit: 5, q: 'lumos' }))).length).toBeGreaterThan(0);
    expect(sim.requestLog.filter((e) => e.auth === 'Bearer' && e.status === 200).length).toBeGreaterThan(1);
  });

  describe('once every endpoint was driven', () => {
    let captured: CapturedResponse[];
    let violations: Violation[];
    let validateMs = 0;
    let bodies = 0;
    const validatedCount = () => [...validator.validated.values()].reduce((a, b) => a + b, 0);
    beforeAll(async () => {
      captured = await sink.all();
      const before = validatedCount();
      const started = Date.now();
      violations = captured.flatMap((r) => validator.validate(r.method, r.url, r.status, r.body));
      validateMs = Date.now() - started;
      bodies = validatedCount() - before;
    });

    it('captured the body of every response the simulator logged', () => {
      expect(captured.length).toBe(sim.requestLog.length);
    });

    it('validates every captured body against its operation and status, with no violation', () => {
      console.info(
        `conformance (${variant}): ${bodies} bodies validated over ${validator.validated.size} operation+status pairs, ` +
          `${violations.length} violations; spec load ${loadMs} ms, validation ${validateMs} ms`,
      );
      expect(bodies).toBe(captured.length);
      expect(formatViolations(violations)).toBe('');
    });

    it('validated role lists with embedded group and app targets (none under strict), and every sign-on mode', () => {
      const embedded = captured.flatMap((r) =>
        Array.isArray(r.body) && /\/roles\?expand=/.test(r.url) ? (r.body as RoleBody[]) : [],
      );
      expect(embedded.length).toBeGreaterThan(0);
      expect(embedded.some((role) => (role._embedded?.targets?.groups?.length ?? 0) > 0)).toBe(!strict);
      expect(embedded.some((role) => (role._embedded?.targets?.catalog?.apps?.length ?? 0) > 0)).toBe(
        !strict,
      );
      const appBodies = captured.filter((r) => /\/api\/v1\/apps\/0oa\w+$/.test(r.url) && r.status === 200);
      const modes = new Set(appBodies.map((r) => (r.body as { signOnMode: string }).signOnMode));
      expect([...modes].sort()).toEqual([...new Set(sim.org.apps.map((a) => a.signOnMode))].sort());
    });

    it('exercised every listed endpoint and status at least once, and nothing unlisted', () => {
      const exercised = new Set<string>();
      for (const entry of sim.requestLog) {
        const op = validator.match(entry.method, new URL(entry.path, sim.url).pathname);
        exercised.add(op ? `${op.method} ${op.template} ${entry.status}` : `${entry.method} ${entry.path}`);
      }
      const listed = new Set<string>(covered);
      expect(covered.filter((c) => !exercised.has(c))).toEqual([]);
      expect([...exercised].filter((e) => !listed.has(e))).toEqual([]);
    });
  });
}

describe.skipIf(!SPEC_PRESENT)(SPEC_PRESENT ? TITLE : `${TITLE} (skipped: ${SPEC_DIR} is absent)`, () => {
  it('rejects bodies that break the schema, field by field (the validator is not vacuous)', () => {
    const { validator } = loadValidator();
    const fields = (method: string, path: string, status: number, body: unknown) =>
      validator.validate(method, path, status, body).map((v) => `${v.field} ${v.message.split(' (')[0]}`);
    expect(
      fields('GET', '/api/v1/users/00u1', 200, { id: 'x', status: 'GONE', created: 'yesterday' }),
    ).toEqual([
      '/created must match format "date-time"',
      expect.stringMatching(/^\/status must be equal to one of the allowed values/),
    ]);
    expect(
      fields('GET', '/api/v1/users/00u1/roles', 200, [
        { id: 'a' },
        { type: 'NOPE' },
        { type: 'MOBILE_ADMIN' },
      ]),
    ).toEqual([
      "/0 must have required property 'type'",
      expect.stringMatching(/^\/1\/type must be equal to one of the allowed values/),
    ]);
    const wsfed = { signOnMode: 'WS_FEDERATION', label: 'O365', name: 'office365', settings: { app: {} } };
    const bookmark = { signOnMode: 'BOOKMARK', label: 'B', name: 'bookmark', settings: { app: {} } };
    expect(fields('GET', '/api/v1/apps', 200, [wsfed, bookmark])).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/0\/name must be equal to one of the allowed values: \["template_wsfed"\]/),
        "/0/settings/app must have required property 'wReplyURL'",
        "/1/settings/app must have required property 'url'",
      ]),
    );
    expect(fields('GET', '/api/v1/groups/00g1', 404, { errorCode: 7 })).toEqual([
      '/errorCode must be string',
    ]);
    expect(fields('GET', '/oauth2/v1/clients', 200, [{ client_id: 'x' }])).toEqual([
      "/0 must have required property 'client_name'",
    ]);
    expect(fields('POST', '/oauth2/v1/token', 200, { token_type: 'Mac' })[0]).toMatch(
      /^\/token_type must be equal/,
    );
    expect(
      fields('GET', '/api/v1/groups', 200, [{ _embedded: { stats: { hasAdminPrivlege: 'yes' } } }]),
    ).toEqual(['/0/_embedded/stats/hasAdminPrivlege must be boolean']);
  });

  describe('default', () => conformanceSuite('default'));
  describe('strict (every Okta variant)', () => conformanceSuite('strict'));
});
