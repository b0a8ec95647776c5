import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { IDS, tinyOrg } from './fixtures/tiny-org.ts';
import { get, nextLink } from './http.ts';

const search = (expr: string) => `search=${encodeURIComponent(expr)}`;

describe('users and groups over HTTP', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ org: tinyOrg(10), rateLimits: false });
  });
  afterAll(() => sim.close());

  it('answers with Okta headers: JSON, Date and the rate-limit triple', async () => {
    const limited = await startSimulator({ org: tinyOrg() });
    try {
      const res = await get(limited, '/api/v1/users/me');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('date')).toBeTruthy();
      expect(res.headers.get('x-rate-limit-limit')).toBe('2000');
      expect(res.headers.get('x-rate-limit-remaining')).toBe('1999');
      const reset = Number(res.headers.get('x-rate-limit-reset'));
      expect(reset).toBeGreaterThan(Date.now() / 1000);
      expect(reset).toBeLessThanOrEqual(Date.now() / 1000 + 61);
    } finally {
      await limited.close();
    }
  });

  it('resolves an id-or chain of users from the index, in org order', async () => {
    const res = await get(
      sim,
      `/api/v1/users?${search(`id eq "${IDS.custom}" or id eq "${IDS.admin}" or id eq "00unknown"`)}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.map((u: { id: string }) => u.id)).toEqual([IDS.admin, IDS.custom]);
    expect(nextLink(res.headers)).toBeUndefined();
  });

  it('finds a user by profile.login eq, case-insensitively', async () => {
    const res = await get(sim, `/api/v1/users?${search('profile.login eq "GROUPED@tiny.example"')}`);
    expect(res.body.map((u: { id: string }) => u.id)).toEqual([IDS.grouped]);
  });

  it('filters by status and profile attributes, and combines with and', async () => {
    const res = await get(
      sim,
      `/api/v1/users?${search('status eq "ACTIVE" and profile.department eq "IT"')}`,
    );
    expect(res.body.map((u: { id: string }) => u.id)).toEqual([IDS.admin, IDS.grouped]);
    const sw = await get(sim, `/api/v1/users?${search('profile.firstName sw "fill1"')}`);
    expect(sw.body).toHaveLength(1);
  });

  it('rejects a malformed search with 400 E0000031', async () => {
    for (const bad of ['id eq', 'id eq "x" or', 'id foo "x"', '(id eq "x"', 'id eq x']) {
      const res = await get(sim, `/api/v1/users?${search(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.errorCode).toBe('E0000031');
      expect(Object.keys(res.body).sort()).toEqual([
        'errorCauses',
        'errorCode',
        'errorId',
        'errorLink',
        'errorSummary',
      ]);
    }
  });

  it('pages with after and limit, with Link next absent on the last page', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${sim.url}/api/v1/users?limit=4`;
    let pages = 0;
    while (url) {
      const res = await get(sim, url.slice(sim.url.length));
      expect(res.headers.get('link')).toContain('rel="self"');
      seen.push(...res.body.map((u: { id: string }) => u.id));
      url = nextLink(res.headers);
      pages++;
    }
    expect(pages).toBe(4); // 14 users: 4 + 4 + 4 + 2
    expect(seen).toEqual(sim.org.users.map((u) => u.id));
  });

  it('answers exactly one full page without a next link, and an empty list for an empty search', async () => {
    const one = await get(sim, '/api/v1/users?limit=14');
    expect(one.body).toHaveLength(14);
    expect(nextLink(one.headers)).toBeUndefined();
    const empty = await get(sim, `/api/v1/users?${search('profile.login eq "nobody@tiny.example"')}`);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual([]);
  });

  it('caps limit at 200 like Okta', async () => {
    const big = await startSimulator({ org: tinyOrg(250), rateLimits: false });
    try {
      const res = await get(big, '/api/v1/users?limit=1000');
      expect(res.body).toHaveLength(200);
      expect(nextLink(res.headers)).toContain(`after=${res.body[199].id}`);
    } finally {
      await big.close();
    }
  });

  it('gets a user by id, by login and as me, and 404s an unknown id with E0000007', async () => {
    expect((await get(sim, `/api/v1/users/${IDS.grouped}`)).body.profile.login).toBe('grouped@tiny.example');
    expect((await get(sim, '/api/v1/users/grouped@tiny.example')).body.id).toBe(IDS.grouped);
    expect((await get(sim, '/api/v1/users/me')).body.id).toBe(IDS.admin);
    const missing = await get(sim, '/api/v1/users/00uunknown');
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('E0000007');
  });

  it("lists a user's groups and a group's members with paging", async () => {
    const groups = await get(sim, `/api/v1/users/${IDS.grouped}/groups`);
    expect(groups.body.map((g: { id: string }) => g.id)).toEqual([IDS.admins, IDS.support]);
    const first = await get(sim, `/api/v1/groups/${IDS.support}/users?limit=2`);
    expect(first.body.map((u: { id: string }) => u.id)).toEqual([IDS.noRole, IDS.grouped]);
    const next = nextLink(first.headers);
    expect(next).toBeDefined();
    const second = await get(sim, (next as string).slice(sim.url.length));
    expect(second.body.map((u: { id: string }) => u.id)).toEqual([IDS.custom]);
    expect(nextLink(second.headers)).toBeUndefined();
    const empty = await get(sim, `/api/v1/groups/${IDS.empty}/users`);
    expect(empty.body).toEqual([]);
    expect((await get(sim, '/api/v1/groups/00gnope/users')).status).toBe(404);
  });

  it('searches groups by id chain, name prefix (q) and type filter', async () => {
    const chain = await get(sim, `/api/v1/groups?${search(`id eq "${IDS.empty}" or id eq "${IDS.admins}"`)}`);
    expect(chain.body.map((g: { id: string }) => g.id)).toEqual([IDS.admins, IDS.empty]);
    const q = await get(sim, '/api/v1/groups?q=sup');
    expect(q.body.map((g: { profile: { name: string } }) => g.profile.name)).toEqual(['Support']);
    const filter = await get(sim, `/api/v1/groups?filter=${encodeURIComponent('type eq "OKTA_GROUP"')}`);
    expect(filter.body).toHaveLength(3);
    const group = await get(sim, `/api/v1/groups/${IDS.support}`);
    expect(group.body.profile).toEqual({ name: 'Support', description: '' });
    expect(group.body._links.users.href).toBe(`${sim.url}/api/v1/groups/${IDS.support}/users`);
  });

  it('lists apps, an app and its grants, and OAuth clients with Link paging', async () => {
    const apps = await get(sim, `/api/v1/apps?filter=${encodeURIComponent('name eq "bookmark"')}`);
    expect(apps.body.map((a: { id: string }) => a.id)).toEqual([IDS.bookmark]);
    expect(apps.body[0].settings.app.url).toMatch(/^https:/);
    const grants = await get(sim, `/api/v1/apps/${IDS.svcFull}/grants`);
    expect(grants.body.map((g: { scopeId: string; status: string }) => `${g.scopeId}:${g.status}`)).toEqual([
      'okta.users.read:ACTIVE',
      'okta.groups.read:ACTIVE',
      'okta.roles.read:ACTIVE',
      'okta.logs.read:REVOKED',
    ]);
    const clients = await get(sim, '/oauth2/v1/clients?limit=1');
    expect(clients.body[0].client_id).toBe(IDS.svcFull);
    expect(nextLink(clients.headers)).toContain(`after=${IDS.svcFull}`);
    const client = await get(sim, `/oauth2/v1/clients/${IDS.svcNoRole}`);
    expect(client.body).toMatchObject({ client_name: 'Service No Role', application_type: 'service' });
    expect((await get(sim, '/api/v1/apps/0oanope')).status).toBe(404);
  });

  it('serves the org, the default user schema and system log events with since/until', async () => {
    expect((await get(sim, '/api/v1/org')).body).toMatchObject({
      id: '00otiny0000000000001',
      subdomain: 'tiny',
    });
    const schema = await get(sim, '/api/v1/meta/schemas/user/default');
    expect(schema.body.definitions.base.required).toContain('login');
    const logs = await get(sim, `/api/v1/logs?since=${encodeURIComponent('2024-01-02T00:00:00Z')}`);
    expect(logs.body.map((e: { uuid: string }) => e.uuid)).toEqual(['evt-2', 'evt-3']);
    expect(logs.body[0].actor.alternateId).toBe('admin@tiny.example');
  });
});
