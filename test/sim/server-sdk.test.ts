import okta from '@okta/okta-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { IDS, tinyOrg } from './fixtures/tiny-org.ts';

describe('the official Okta SDK against the simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ org: tinyOrg(25), rateLimits: false });
  });
  afterAll(() => sim.close());

  it('pages through users with the Link header and gets one by login', async () => {
    const client = new okta.Client({ orgUrl: sim.url, token: sim.apiToken, cacheMiddleware: null });
    const ids: string[] = [];
    const users = await client.userApi.listUsers({ limit: 7 });
    for await (const user of users) if (user?.id) ids.push(user.id);
    expect(ids).toEqual(sim.org.users.map((u) => u.id));
    expect(sim.requestLog.filter((e) => e.path.startsWith('/api/v1/users?')).length).toBe(5);
    const one = await client.userApi.getUser({ userId: 'grouped@tiny.example' });
    expect(one.id).toBe(IDS.grouped);
  });

  it('reads role assignments, targets and resource sets', async () => {
    const client = new okta.Client({ orgUrl: sim.url, token: sim.apiToken, cacheMiddleware: null });
    const roles: string[] = [];
    for await (const r of await client.roleAssignmentApi.listAssignedRolesForUser({ userId: IDS.grouped })) {
      roles.push(String((r as { type?: string }).type));
    }
    expect(roles).toEqual(['APP_ADMIN', 'HELP_DESK_ADMIN', 'CUSTOM']);
    const targets: string[] = [];
    const apps = await client.roleTargetApi.listApplicationTargetsForApplicationAdministratorRoleForUser({
      userId: IDS.grouped,
      roleId: 'IFIFAX2BIRGUSTQ',
    });
    for await (const a of apps) targets.push(String(a?.name));
    expect(targets).toEqual(['salesforce', 'bookmark']);
    const sets = await client.resourceSetApi.listResourceSets();
    expect(sets.resource_sets?.map((s) => s.label)).toEqual(['Everything']);
  });

  it('authenticates a service app with a private key and reads in scope', async () => {
    const key = await sim.createServiceAppKey(IDS.svcFull);
    const client = new okta.Client({
      orgUrl: sim.url,
      authorizationMode: 'PrivateKey',
      clientId: IDS.svcFull,
      scopes: ['okta.users.read', 'okta.groups.read'],
      privateKey: key.privateKeyPem,
      keyId: key.keyId,
      cacheMiddleware: null,
    });
    const group = await client.groupApi.getGroup({ groupId: IDS.support });
    expect(group.profile?.name).toBe('Support');
    expect(sim.requestLog.some((e) => e.path === '/oauth2/v1/token' && e.status === 200)).toBe(true);
    expect(sim.requestLog.at(-1)).toMatchObject({ auth: 'Bearer', status: 200 });
  });
});
