import { describe, expect, it } from 'vitest';
import { OKTA_VARIANTS, parseVariants, startSimulator } from '../../src/sim/index.ts';
import { IDS, tinyOrg } from './fixtures/tiny-org.ts';
import { get } from './http.ts';

const ALL = [
  'assignees-direct',
  'no-roles-404',
  'no-embedded-targets',
  'iam-policy-404',
  'new-role-types',
  'search-lag',
  'preview',
  'client-id-chars',
  'concurrency-429',
];

describe('Okta variants (the option)', () => {
  it('names nine variants and exports them', () => {
    expect([...OKTA_VARIANTS]).toEqual(ALL);
  });

  it('takes a list, a comma-separated string, or strict for every variant', () => {
    expect([...parseVariants(undefined)]).toEqual([]);
    expect([...parseVariants(['preview', 'search-lag'])]).toEqual(['preview', 'search-lag']);
    expect([...parseVariants(' preview , no-roles-404,')]).toEqual(['preview', 'no-roles-404']);
    expect([...parseVariants('strict')].sort()).toEqual([...ALL].sort());
    expect([...parseVariants(['preview,strict'])].sort()).toEqual([...ALL].sort());
  });

  it('refuses an unknown name, naming it and listing the valid ones', () => {
    expect(() => parseVariants('preview,friendly')).toThrow(
      'unknown Okta variant "friendly"; valid variants: assignees-direct, no-roles-404, no-embedded-targets, ' +
        'iam-policy-404, new-role-types, search-lag, preview, client-id-chars, concurrency-429, or strict for all',
    );
  });

  it('starts with none by default, all under strict, and refuses to start with an unknown one', async () => {
    const plain = await startSimulator({ org: tinyOrg(), rateLimits: false });
    const strict = await startSimulator({ org: tinyOrg(), rateLimits: false, variants: 'strict' });
    try {
      expect(plain.variants).toEqual([]);
      expect(strict.variants).toEqual(ALL);
    } finally {
      await Promise.all([plain.close(), strict.close()]);
    }
    await expect(startSimulator({ org: tinyOrg(), variants: ['nope'] })).rejects.toThrow(
      /unknown Okta variant "nope"/,
    );
  });
});

describe('strict', () => {
  it('turns every variant on at once (one observable answer each, on the tiny org)', async () => {
    const org = tinyOrg(10);
    org.memberships[0]?.userIds.push(IDS.noRole); // Nora's roles now come only from Admins
    const sim = await startSimulator({
      org,
      variants: 'strict',
      latencyMs: 50,
      rateLimits: { concurrency: 1 },
    });
    try {
      const custom = "lumos$svc-1_a.b+c!d*e'f(g),h";
      // assignees-direct
      const assignees = (await get(sim, '/api/v1/iam/assignees/users')).body.value.map(
        (u: { id: string }) => u.id,
      );
      expect(assignees).toEqual([IDS.admin, IDS.grouped, IDS.custom]);
      // no-roles-404
      expect((await get(sim, `/oauth2/v1/clients/${IDS.svcNoRole}/roles`)).status).toBe(404);
      expect((await get(sim, `/api/v1/apps/${IDS.bookmark}/grants`)).status).toBe(404);
      // no-embedded-targets
      const roles = await get(sim, `/api/v1/users/${IDS.grouped}/roles?expand=targets/catalog/apps`);
      expect(roles.body[0]._embedded).toBeUndefined();
      // new-role-types: the first user with a role of its own gets WORKFLOWS_ADMIN, the first custom role a permission
      const adminRoles = (await get(sim, `/api/v1/users/${IDS.admin}/roles`)).body;
      expect(adminRoles.map((r: { type: string }) => r.type)).toEqual(['SUPER_ADMIN', 'WORKFLOWS_ADMIN']);
      const permissions = (await get(sim, `/api/v1/iam/roles/${IDS.role}/permissions`)).body.permissions;
      expect(permissions.map((p: { label: string }) => p.label)).toEqual([
        'okta.users.read',
        'okta.groups.read',
        'okta.workflows.flows.manage',
      ]);
      // iam-policy-404, on the predefined set new-role-types added
      expect((await get(sim, '/api/v1/iam/resource-sets/WORKFLOWS_IAM_POLICY/resources')).status).toBe(404);
      // search-lag: filler 7's id ends in 7
      const lagging = `/api/v1/users?search=${encodeURIComponent('id eq "00ufill0000000000007"')}`;
      expect((await get(sim, lagging)).body).toEqual([]);
      // preview
      const resources = (await get(sim, `/api/v1/iam/resource-sets/${IDS.resourceSet}/resources`)).body
        .resources;
      expect(resources[0].orn).toBe('orn:oktapreview:directory:00otiny0000000000001:users');
      // client-id-chars
      const client = await get(sim, `/oauth2/v1/clients/${encodeURIComponent(custom)}`);
      expect(client.body.client_id).toBe(custom);
      // concurrency-429: two at once against a cap of one
      const pair = await Promise.all([get(sim, '/api/v1/users/me'), get(sim, '/api/v1/users/me')]);
      const refused = pair.find((r) => r.status === 429);
      expect(refused?.headers.get('x-rate-limit-limit')).toBe('0');
    } finally {
      await sim.close();
    }
  });
});
