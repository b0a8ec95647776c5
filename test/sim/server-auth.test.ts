import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { IDS, tinyOrg } from './fixtures/tiny-org.ts';
import { get } from './http.ts';

async function assertion(sim: Simulator, clientId: string, pem: string, kid: string, audience?: string) {
  const key = await importPKCS8(pem, 'RS256');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience ?? `${sim.url}/oauth2/v1/token`)
    .setIssuedAt()
    .setExpirationTime('5m')
    .setJti(crypto.randomUUID())
    .sign(key);
}

async function requestToken(sim: Simulator, fields: Record<string, string>) {
  const res = await fetch(`${sim.url}/oauth2/v1/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(fields),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('authentication and authorization', () => {
  let sim: Simulator;
  let keys: Record<string, { privateKeyPem: string; keyId: string }>;
  beforeAll(async () => {
    sim = await startSimulator({ org: tinyOrg(), rateLimits: false });
    keys = {
      full: await sim.createServiceAppKey(IDS.svcFull),
      noRole: await sim.createServiceAppKey(IDS.svcNoRole),
    };
  });
  afterAll(() => sim.close());

  const tokenFor = async (which: 'full' | 'noRole', scope: string) => {
    const clientId = which === 'full' ? IDS.svcFull : IDS.svcNoRole;
    const k = keys[which] as { privateKeyPem: string; keyId: string };
    return requestToken(sim, {
      grant_type: 'client_credentials',
      scope,
      client_assertion_type: JWT_BEARER,
      client_assertion: await assertion(sim, clientId, k.privateKeyPem, k.keyId),
    });
  };

  it('answers 401 E0000011 to a missing, unknown or wrongly-schemed token', async () => {
    for (const [token, scheme] of [
      ['nope', 'SSWS'],
      [sim.apiToken, 'Bearer'],
      ['', 'SSWS'],
    ] as const) {
      const res = await get(sim, '/api/v1/users', token, scheme);
      expect(res.status).toBe(401);
      expect(res.body.errorCode).toBe('E0000011');
    }
    const bare = await fetch(`${sim.url}/api/v1/users`);
    expect(bare.status).toBe(401);
  });

  it('lets a token of a user without an admin role read only /users/me', async () => {
    const token = sim.tokenFor('norole@tiny.example');
    expect((await get(sim, '/api/v1/users/me', token)).body.id).toBe(IDS.noRole);
    for (const path of [
      '/api/v1/users',
      `/api/v1/users/${IDS.noRole}`,
      '/api/v1/groups',
      '/api/v1/iam/roles',
    ]) {
      const res = await get(sim, path, token);
      expect(res.status, path).toBe(403);
      expect(res.body.errorCode).toBe('E0000006');
    }
  });

  it('treats a custom-role holder and a group-inherited admin as admins', async () => {
    expect((await get(sim, '/api/v1/groups', sim.tokenFor(IDS.custom))).status).toBe(200);
    expect((await get(sim, '/api/v1/groups', sim.tokenFor(IDS.grouped))).status).toBe(200);
  });

  it('issues a Bearer token for granted scopes with a private_key_jwt assertion', async () => {
    const res = await tokenFor('full', 'okta.users.read okta.roles.read');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'okta.users.read okta.roles.read',
    });
    const token = res.body.access_token as string;
    expect((await get(sim, '/api/v1/users', token, 'Bearer')).body).toHaveLength(4);
    expect((await get(sim, `/api/v1/users/${IDS.grouped}/roles`, token, 'Bearer')).status).toBe(200);
    const outOfScope = await fetch(`${sim.url}/api/v1/groups`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.headers.get('www-authenticate')).toContain('insufficient_scope');
    expect(((await outOfScope.json()) as { errorCode: string }).errorCode).toBe('E0000006');
  });

  it('refuses scopes that are not ACTIVE grants of the app (revoked or never granted)', async () => {
    for (const scope of ['okta.logs.read', 'okta.apps.read', 'okta.users.read okta.schemas.read']) {
      const res = await tokenFor('full', scope);
      expect(res.status, scope).toBe(400);
      expect(res.body.error).toBe('invalid_scope');
    }
  });

  it('refuses a bad assertion: wrong key, wrong audience, wrong grant type', async () => {
    const other = await sim.createServiceAppKey(IDS.svcNoRole);
    const wrongKey = await requestToken(sim, {
      grant_type: 'client_credentials',
      scope: 'okta.users.read',
      client_assertion_type: JWT_BEARER,
      client_assertion: await assertion(sim, IDS.svcFull, other.privateKeyPem, 'not-registered'),
    });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body.error).toBe('invalid_client');
    const k = keys.full as { privateKeyPem: string; keyId: string };
    const wrongAud = await requestToken(sim, {
      grant_type: 'client_credentials',
      scope: 'okta.users.read',
      client_assertion_type: JWT_BEARER,
      client_assertion: await assertion(
        sim,
        IDS.svcFull,
        k.privateKeyPem,
        k.keyId,
        'https://elsewhere/oauth2/v1/token',
      ),
    });
    expect(wrongAud.status).toBe(401);
    const wrongGrant = await requestToken(sim, { grant_type: 'password', scope: 'okta.users.read' });
    expect(wrongGrant.status).toBe(400);
    expect(wrongGrant.body.error).toBe('unsupported_grant_type');
  });

  it('springs the no-role trap: scopes but no admin role list no users or groups and 403 elsewhere', async () => {
    const res = await tokenFor('noRole', 'okta.users.read okta.groups.read');
    expect(res.status).toBe(200);
    const token = res.body.access_token as string;
    const users = await get(sim, '/api/v1/users', token, 'Bearer');
    expect(users.status).toBe(200);
    expect(users.body).toEqual([]);
    expect((await get(sim, '/api/v1/groups', token, 'Bearer')).body).toEqual([]);
    expect((await get(sim, `/api/v1/users/${IDS.admin}`, token, 'Bearer')).status).toBe(403);
  });
});
