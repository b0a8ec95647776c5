import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SERVICE_APPS, DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { get } from './http.ts';

describe('the simulator over the generated demo org (default options)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  it('gives the API token to the demo gateway principal', async () => {
    const me = await get(sim, '/api/v1/users/me');
    expect(me.body.profile.login).toBe(DEMO_USERS.gateway.login);
  });

  it("serves each demo user's roles as the demo setup states", async () => {
    const rolesOf = async (login: string) => {
      const user = await get(sim, `/api/v1/users/${encodeURIComponent(login)}`);
      const roles = await get(sim, `/api/v1/users/${user.body.id}/roles`);
      return (roles.body as { type: string; assignmentType: string }[]).map(
        (r) => `${r.type}/${r.assignmentType}`,
      );
    };
    expect(await rolesOf(DEMO_USERS.superViaGroup.login)).toContain('SUPER_ADMIN/GROUP');
    expect(await rolesOf(DEMO_USERS.noRole.login)).toEqual([]);
    expect(await rolesOf(DEMO_USERS.lumosCustom.login)).toContain('CUSTOM/USER');
    expect((await rolesOf(DEMO_USERS.lumosStandard.login)).sort()).toEqual([
      'APP_ADMIN/USER',
      'GROUP_MEMBERSHIP_ADMIN/USER',
      'REPORT_ADMIN/USER',
    ]);
  });

  it('lists every user across pages and finds the named ones by login in one id chain', async () => {
    const res = await get(sim, `/api/v1/users?limit=200`);
    expect(res.body.length).toBe(Math.min(200, sim.org.users.length));
    const logins = Object.values(DEMO_USERS).map((u) => `profile.login eq "${u.login}"`);
    const found = await get(sim, `/api/v1/users?search=${encodeURIComponent(logins.join(' or '))}`);
    expect(found.body).toHaveLength(logins.length);
  });

  it('lists the demo service apps as OAuth clients with their grants', async () => {
    const clients = await get(sim, '/oauth2/v1/clients?limit=200');
    const names = (clients.body as { client_name: string }[]).map((c) => c.client_name);
    for (const app of Object.values(DEMO_SERVICE_APPS)) expect(names).toContain(app.label);
    const revoked = (clients.body as { client_name: string; client_id: string }[]).find(
      (c) => c.client_name === DEMO_SERVICE_APPS.revoked.label,
    );
    const grants = await get(sim, `/api/v1/apps/${revoked?.client_id}/grants`);
    expect(grants.body.find((g: { scopeId: string }) => g.scopeId === 'okta.schemas.read')?.status).toBe(
      'REVOKED',
    );
  });
});
