/**
 * Each simulator route asks a Bearer token for exactly the OAuth scope that its operation's
 * `security` section lists in Okta's OpenAPI description, and enforces it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { SIM_ROUTES } from '../../src/sim/routes.ts';
import { IDS, tinyOrg } from './fixtures/tiny-org.ts';
import { get } from './http.ts';

const SPEC_DIR = fileURLToPath(new URL('../../../shared/okta-openapi/', import.meta.url));
const SPEC_PRESENT = existsSync(SPEC_DIR);

interface Operation {
  security?: Record<string, string[]>[];
}
interface Spec {
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
}

/** `/api/v1/users/:id/roles` fits `/api/v1/users/{userId}/roles`: parameters against parameters, literals equal. */
function fits(pattern: string, template: string): boolean {
  const a = pattern.split('/');
  const b = template.split('/');
  return (
    a.length === b.length &&
    a.every((part, i) => {
      const other = b[i] as string;
      return part.startsWith(':') ? other.startsWith('{') : part === other;
    })
  );
}

/** The oauth2 scopes the GET operation documents, for each route pattern. */
function specScopes(): Map<string, string[] | undefined> {
  const docs = ['management-minimal.yaml', 'oauth-minimal.yaml'].map(
    (file) => parse(readFileSync(`${SPEC_DIR}${file}`, 'utf8')) as Spec,
  );
  const out = new Map<string, string[] | undefined>();
  for (const route of SIM_ROUTES) {
    for (const doc of docs) {
      const template = Object.keys(doc.paths).find((t) => doc.paths[t]?.get && fits(route.pattern, t));
      if (!template) continue;
      const security = doc.paths[template]?.get?.security ?? doc.security ?? [];
      out.set(route.pattern, security.find((s) => s.oauth2)?.oauth2);
    }
  }
  return out;
}

const TITLE = "each route's OAuth scope against its operation's security in Okta's OpenAPI";

describe.skipIf(!SPEC_PRESENT)(SPEC_PRESENT ? TITLE : `${TITLE} (skipped: ${SPEC_DIR} is absent)`, () => {
  it('finds every route in the spec and asks for exactly the scope its operation lists', () => {
    const scopes = specScopes();
    const mismatches = SIM_ROUTES.filter((route) => {
      const documented = scopes.get(route.pattern);
      return documented?.length !== 1 || documented[0] !== route.scope;
    }).map((route) => `${route.pattern}: ${route.scope} vs ${JSON.stringify(scopes.get(route.pattern))}`);
    expect(mismatches).toEqual([]);
    expect(scopes.size).toBe(SIM_ROUTES.length);
  });
});

describe('scope enforcement per operation', () => {
  let sim: Simulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ org: tinyOrg(), rateLimits: false });
    const key = await sim.createServiceAppKey(IDS.svcFull);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: key.keyId })
      .setIssuer(IDS.svcFull)
      .setSubject(IDS.svcFull)
      .setAudience(`${sim.url}/oauth2/v1/token`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(crypto.randomUUID())
      .sign(await importPKCS8(key.privateKeyPem, 'RS256'));
    const res = await fetch(`${sim.url}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'okta.users.read',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  });
  afterAll(() => sim.close());

  it('refuses a token without the operation scope, naming it; /users/{id}/groups needs okta.users.read', async () => {
    const refusals: Record<string, string> = {
      '/api/v1/org': 'okta.orgs.read',
      '/oauth2/v1/clients': 'okta.clients.read',
      [`/api/v1/apps/${IDS.svcFull}/grants`]: 'okta.appGrants.read',
      [`/api/v1/users/${IDS.admin}/roles`]: 'okta.roles.read',
      '/api/v1/iam/roles': 'okta.roles.read',
      [`/api/v1/groups/${IDS.admins}/users`]: 'okta.groups.read',
      '/api/v1/apps': 'okta.apps.read',
      '/api/v1/logs': 'okta.logs.read',
      '/api/v1/meta/schemas/user/default': 'okta.schemas.read',
    };
    for (const [path, scope] of Object.entries(refusals)) {
      const res = await fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(403);
      expect(res.headers.get('www-authenticate'), path).toContain(`scope="${scope}"`);
    }
    const groups = await get(sim, `/api/v1/users/${IDS.grouped}/groups`, token, 'Bearer');
    expect(groups.body.map((g: { id: string }) => g.id)).toEqual([IDS.admins, IDS.support]);
  });
});
