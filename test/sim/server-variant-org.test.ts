/**
 * The org-wide variants over HTTP, each beside the default answer: search-lag, preview,
 * client-id-chars, concurrency-429.
 */
import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { demoPrincipalIds, generateDemoOrg } from '../../src/sim/generate.ts';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/sim/index.ts';
import type { OrgSnapshot } from '../../src/sim/snapshot-format.ts';
import { IDS, tinyOrg } from './fixtures/tiny-org.ts';
import { get } from './http.ts';

function pair(org: () => OrgSnapshot, variant: string, extra: SimulatorOptions = {}) {
  const sims = {} as { plain: Simulator; variant: Simulator };
  beforeAll(async () => {
    const options: SimulatorOptions = { org: org(), rateLimits: false, ...extra };
    sims.plain = await startSimulator(options);
    sims.variant = await startSimulator({ ...options, variants: [variant] });
  });
  afterAll(() => Promise.all([sims.plain?.close(), sims.variant?.close()]));
  return sims;
}

const search = (expr: string) => `search=${encodeURIComponent(expr)}`;
const idsOf = (body: { id: string }[]) => body.map((item) => item.id);
/** Filler user i of tinyOrg: its id ends in the last digit of i. */
const fill = (i: number) => `00ufill${String(i).padStart(13, '0')}`;

describe('search-lag', () => {
  // Filler ids end in 0..9; those ending in 2 or 7 lag (char codes 50 and 55 are multiples of 5).
  const sims = pair(() => tinyOrg(10), 'search-lag');

  it('leaves the lagging users out of search, by attribute and by id; the default finds them', async () => {
    const sales = `/api/v1/users?${search('profile.department eq "Sales"')}`;
    expect(idsOf((await get(sims.plain, sales)).body)).toEqual([fill(1), fill(3), fill(5), fill(7), fill(9)]);
    expect(idsOf((await get(sims.variant, sales)).body)).toEqual([fill(1), fill(3), fill(5), fill(9)]);
    const chain = `/api/v1/users?${search(`id eq "${fill(2)}" or id eq "${fill(3)}" or id eq "${fill(7)}"`)}`;
    expect(idsOf((await get(sims.plain, chain)).body)).toEqual([fill(2), fill(3), fill(7)]);
    expect(idsOf((await get(sims.variant, chain)).body)).toEqual([fill(3)]);
  });

  it('still finds them by id, in filter and in the plain list', async () => {
    expect((await get(sims.variant, `/api/v1/users/${fill(7)}`)).body.id).toBe(fill(7));
    const filter = `/api/v1/users?filter=${encodeURIComponent(`id eq "${fill(7)}"`)}`;
    expect(idsOf((await get(sims.variant, filter)).body)).toEqual([fill(7)]);
    expect((await get(sims.variant, '/api/v1/users')).body).toHaveLength(14);
  });

  describe('in the demo org', () => {
    const demo = pair(() => generateDemoOrg({ users: 40, groups: 12 }), 'search-lag');

    it('misses super.direct and "Okta Super Admins" in search; reads by id and login find them', async () => {
      const user = `/api/v1/users?${search(`profile.login eq "${DEMO_USERS.superDirect.login}"`)}`;
      const group = `/api/v1/groups?${search(`profile.name eq "${DEMO_GROUPS.superAdmins.name}"`)}`;
      const ids = demoPrincipalIds(demo.variant.org);
      expect(idsOf((await get(demo.plain, user)).body)).toEqual([ids.users.superDirect]);
      expect(idsOf((await get(demo.plain, group)).body)).toEqual([ids.groups.superAdmins]);
      expect((await get(demo.variant, user)).body).toEqual([]);
      expect((await get(demo.variant, group)).body).toEqual([]);
      const byLogin = await get(
        demo.variant,
        `/api/v1/users/${encodeURIComponent(DEMO_USERS.superDirect.login)}`,
      );
      expect(byLogin.body.id).toBe(ids.users.superDirect);
      expect((await get(demo.variant, `/api/v1/groups/${ids.groups.superAdmins}`)).status).toBe(200);
    });
  });
});

describe('preview', () => {
  const sims = pair(() => tinyOrg(), 'preview');
  const org = '00otiny0000000000001';

  it('puts the partition oktapreview in every ORN: resources, assignees and apps', async () => {
    const orns = async (sim: Simulator) => [
      ...(await get(sim, `/api/v1/iam/resource-sets/${IDS.resourceSet}/resources`)).body.resources.map(
        (r: { orn: string }) => r.orn,
      ),
      (await get(sim, '/api/v1/iam/assignees/users?limit=1')).body.value[0].orn,
      (await get(sim, `/api/v1/apps/${IDS.bookmark}`)).body.orn,
    ];
    expect(await orns(sims.plain)).toEqual([
      `orn:okta:directory:${org}:users`,
      `orn:okta:directory:${org}:groups`,
      `orn:okta:directory:${org}:users:${IDS.admin}`,
      `orn:okta:idp:${org}:apps:bookmark:${IDS.bookmark}`,
    ]);
    expect(await orns(sims.variant)).toEqual([
      `orn:oktapreview:directory:${org}:users`,
      `orn:oktapreview:directory:${org}:groups`,
      `orn:oktapreview:directory:${org}:users:${IDS.admin}`,
      `orn:oktapreview:idp:${org}:apps:bookmark:${IDS.bookmark}`,
    ]);
    expect(sims.variant.org.org.partition).toBe('oktapreview');
  });
});

describe('client-id-chars', () => {
  const custom = "lumos$svc-1_a.b+c!d*e'f(g),h";
  const encoded = "lumos%24svc-1_a.b%2Bc!d*e'f(g)%2Ch";
  const sims = pair(() => tinyOrg(), 'client-id-chars');

  it('gives the first service app a custom client id; the default keeps the app id', () => {
    const clientOf = (sim: Simulator) =>
      sim.org.apps.find((a) => a.id === IDS.svcFull)?.oauthClient?.clientId;
    expect(clientOf(sims.plain)).toBe(IDS.svcFull);
    expect(clientOf(sims.variant)).toBe(custom);
  });

  it('serves every client-id route with the id URL-encoded or as it is, and links it encoded', async () => {
    const { variant } = sims;
    for (const id of [encoded, custom]) {
      const client = await get(variant, `/oauth2/v1/clients/${id}`);
      expect(client.body.client_id).toBe(custom);
      expect(client.body._links.app.href).toBe(`${variant.url}/api/v1/apps/${IDS.svcFull}`);
      const roles = await get(variant, `/oauth2/v1/clients/${id}/roles`);
      expect(roles.body.map((r: { type: string }) => r.type)).toEqual(['SUPER_ADMIN']);
      expect(roles.body[0]._links.assignee.href).toBe(`${variant.url}/oauth2/v1/clients/${encoded}`);
      const raId = roles.body[0].id as string;
      expect((await get(variant, `/oauth2/v1/clients/${id}/roles/${raId}`)).body.type).toBe('SUPER_ADMIN');
      expect((await get(variant, `/oauth2/v1/clients/${id}/roles/${raId}/targets/groups`)).body).toEqual([]);
      expect(
        (await get(variant, `/oauth2/v1/clients/${id}/roles/${raId}/targets/catalog/apps`)).body,
      ).toEqual([]);
    }
    const list = await get(variant, '/oauth2/v1/clients');
    expect(list.body.map((c: { client_id: string }) => c.client_id)).toEqual([custom, IDS.svcNoRole]);
    const grants = await get(variant, `/api/v1/apps/${IDS.svcFull}/grants`);
    expect(grants.body[0].clientId).toBe(custom);
    expect(grants.body[0]._links.client.href).toBe(`${variant.url}/oauth2/v1/clients/${encoded}`);
  });

  it('issues a token to a client assertion whose iss and sub are the custom client id', async () => {
    const { variant } = sims;
    const key = await variant.createServiceAppKey(custom);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: key.keyId })
      .setIssuer(custom)
      .setSubject(custom)
      .setAudience(`${variant.url}/oauth2/v1/token`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(crypto.randomUUID())
      .sign(await importPKCS8(key.privateKeyPem, 'RS256'));
    const res = await fetch(`${variant.url}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'okta.roles.read',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    });
    const token = (await res.json()) as { access_token: string };
    const roles = await get(variant, `/oauth2/v1/clients/${encoded}/roles`, token.access_token, 'Bearer');
    expect(roles.status).toBe(200);
  });
});

describe('concurrency-429', () => {
  const sims = pair(() => tinyOrg(), 'concurrency-429', {
    latencyMs: 200,
    rateLimits: { concurrency: 2 },
  });

  const burst = (sim: Simulator) =>
    Promise.all(Array.from({ length: 4 }, () => get(sim, '/api/v1/users/me')));

  it("answers past the in-flight cap with Okta's concurrency headers: Limit 0, Remaining 0, reset ~60 s", async () => {
    const refused = (await burst(sims.variant)).filter((r) => r.status === 429);
    expect(refused).toHaveLength(2);
    for (const res of refused) {
      expect(res.body.errorCode).toBe('E0000047');
      expect(res.headers.get('x-rate-limit-limit')).toBe('0');
      expect(res.headers.get('x-rate-limit-remaining')).toBe('0');
      const ahead = Number(res.headers.get('x-rate-limit-reset')) - Date.now() / 1000;
      expect(ahead).toBeGreaterThan(57);
      expect(ahead).toBeLessThan(62);
    }
    // The default answers with the bucket's window headers (users/{id}: 2000 a minute).
    const plain = (await burst(sims.plain)).filter((r) => r.status === 429);
    expect(plain.map((r) => r.headers.get('x-rate-limit-limit'))).toEqual(['2000', '2000']);
  });

  it('clears as soon as the requests in flight finish, long before the estimated reset', async () => {
    const first = await burst(sims.variant);
    expect(first.filter((r) => r.status === 429)).toHaveLength(2);
    const started = Date.now();
    expect((await get(sims.variant, '/api/v1/users/me')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
