import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { OpenApiValidator } from './conformance/openapi-validator.ts';
import { IDS, tinyOrg } from './fixtures/tiny-org.ts';
import { get } from './http.ts';

const SPEC_DIR = new URL('../../../shared/okta-openapi', import.meta.url).pathname;

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ org: tinyOrg(), rateLimits: false });
});

afterAll(async () => {
  await sim?.close();
});

async function control(path: string, body: unknown) {
  const res = await fetch(`${sim.url}/__sim/${path}`, { method: 'POST', body: JSON.stringify(body) });
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect bodies ad hoc
  return { status: res.status, body: (await res.json()) as any };
}

/** The System Log events since the tiny org's own three, as /api/v1/logs returns them. */
async function newEvents(filter?: string) {
  const query = new URLSearchParams({ since: '2025-01-01T00:00:00.000Z', limit: '1000' });
  if (filter) query.set('filter', filter);
  return get(sim, `/api/v1/logs?${query}`);
}

const userTarget = (id: string, login: string, name: string) => ({
  id,
  type: 'User',
  alternateId: login,
  displayName: name,
});

describe("the simulator's control calls that change the org", () => {
  it('grants and revokes a user role: the role list shows it, and the log has Okta-shaped events', async () => {
    const grant = await control('roles/grant', {
      principalType: 'USER',
      principalId: 'norole@tiny.example',
      type: 'APP_ADMIN',
    });
    expect(grant.status).toBe(200);
    const roles = await get(sim, `/api/v1/users/${IDS.noRole}/roles`);
    expect(roles.body.map((r: { type: string }) => r.type)).toEqual(['APP_ADMIN']);
    const revoke = await control('roles/revoke', {
      principalType: 'USER',
      principalId: IDS.noRole,
      type: 'APP_ADMIN',
    });
    expect(revoke.status).toBe(200);
    expect((await get(sim, `/api/v1/users/${IDS.noRole}/roles`)).body).toEqual([]);

    const logs = await newEvents(
      'eventType eq "user.account.privilege.grant" or eventType eq "user.account.privilege.revoke"',
    );
    expect(logs.status).toBe(200);
    expect(logs.body).toHaveLength(2);
    const [granted, revoked] = logs.body;
    expect(granted).toMatchObject({
      eventType: 'user.account.privilege.grant',
      displayMessage: 'Grant user privilege',
      actor: { id: IDS.admin, type: 'User', alternateId: 'admin@tiny.example' },
      outcome: { result: 'SUCCESS' },
      target: [userTarget(IDS.noRole, 'norole@tiny.example', 'Nora Tester')],
      debugContext: { debugData: { privilegeGranted: 'Application Administrator' } },
    });
    expect(revoked).toMatchObject({
      eventType: 'user.account.privilege.revoke',
      debugContext: { debugData: { privilegeRevoked: 'Application Administrator' } },
    });
    expect(grant.body.event.uuid).toBe(granted.uuid);
  });

  it('lists every privilege the user then holds in privilegeGranted, as Okta does', async () => {
    const grant = await control('roles/grant', {
      principalType: 'USER',
      principalId: IDS.admin,
      type: 'REPORT_ADMIN',
    });
    expect(grant.body.event.debugData).toEqual({
      privilegeGranted: 'Super Administrator, Report Administrator',
    });
    await control('roles/revoke', { principalType: 'USER', principalId: IDS.admin, type: 'REPORT_ADMIN' });
  });

  it('grants a group role and a service-app role with the group and client targets', async () => {
    const group = await control('roles/grant', {
      principalType: 'GROUP',
      principalId: IDS.support,
      type: 'USER_ADMIN',
      groupTargets: [IDS.empty],
    });
    expect(group.body.event).toMatchObject({
      eventType: 'group.privilege.grant',
      target: [{ id: IDS.support, type: 'UserGroup', displayName: 'Support' }],
    });
    const targets = await get(sim, `/api/v1/groups/${IDS.support}/roles?expand=targets/groups`);
    expect(targets.body[0]._embedded.targets.groups.map((g: { id: string }) => g.id)).toEqual([IDS.empty]);
    const client = await control('roles/grant', {
      principalType: 'CLIENT',
      principalId: IDS.svcNoRole,
      type: 'READ_ONLY_ADMIN',
    });
    expect(client.body.event).toMatchObject({
      eventType: 'app.oauth2.client.privilege.grant',
      target: [
        { id: IDS.svcNoRole, type: 'PublicClientApp', displayName: 'Service No Role' },
        { id: IDS.svcNoRole, type: 'AppInstance', displayName: 'Service No Role' },
      ],
    });
    expect((await get(sim, `/oauth2/v1/clients/${IDS.svcNoRole}/roles`)).body).toHaveLength(1);
    await control('roles/revoke', { principalType: 'GROUP', principalId: IDS.support, type: 'USER_ADMIN' });
    await control('roles/revoke', {
      principalType: 'CLIENT',
      principalId: IDS.svcNoRole,
      type: 'READ_ONLY_ADMIN',
    });
  });

  it('adds and removes a group member, with the user and the group as targets', async () => {
    const add = await control('groups/members/add', { groupId: IDS.admins, userId: IDS.noRole });
    expect(add.body.event).toMatchObject({
      eventType: 'group.user_membership.add',
      displayMessage: 'Add user to group membership',
      target: [
        userTarget(IDS.noRole, 'norole@tiny.example', 'Nora Tester'),
        { id: IDS.admins, type: 'UserGroup', alternateId: 'unknown', displayName: 'Admins' },
      ],
    });
    const members = await get(sim, `/api/v1/groups/${IDS.admins}/users`);
    expect(members.body.map((u: { id: string }) => u.id)).toEqual([IDS.grouped, IDS.noRole]);
    // The group's role now reaches the new member through it.
    const roles = await get(sim, `/api/v1/users/${IDS.noRole}/roles`);
    expect(
      roles.body.map((r: { type: string; assignmentType: string }) => `${r.type}/${r.assignmentType}`),
    ).toEqual(['HELP_DESK_ADMIN/GROUP', 'CUSTOM/GROUP']);
    const remove = await control('groups/members/remove', { groupId: IDS.admins, userId: IDS.noRole });
    expect(remove.body.event.eventType).toBe('group.user_membership.remove');
    expect((await get(sim, `/api/v1/users/${IDS.noRole}/roles`)).body).toEqual([]);
  });

  it("edits a custom role's permissions and a resource set's resources and bindings", async () => {
    const permission = await control('custom-roles/permissions/add', {
      roleId: IDS.role,
      permission: 'okta.apps.read',
    });
    expect(permission.body.event).toMatchObject({
      eventType: 'iam.role.permissions.add',
      target: [
        { id: IDS.role, type: 'CustomRole', displayName: 'Custom Reader' },
        { id: 'okta.apps.read', type: 'Permission' },
      ],
    });
    const listed = await get(sim, `/api/v1/iam/roles/${IDS.role}/permissions`);
    expect(listed.body.permissions.map((p: { label: string }) => p.label)).toEqual([
      'okta.users.read',
      'okta.groups.read',
      'okta.apps.read',
    ]);
    const orn = 'orn:okta:idp:00otiny0000000000001:apps';
    const resource = await control('resource-sets/resources/add', { resourceSetId: IDS.resourceSet, orn });
    expect(resource.body.event).toMatchObject({
      eventType: 'iam.resourceset.resources.add',
      target: [
        { id: IDS.resourceSet, type: 'ResourceSet' },
        { id: orn, type: 'Resource' },
      ],
    });
    const resources = await get(sim, `/api/v1/iam/resource-sets/${IDS.resourceSet}/resources`);
    expect(resources.body.resources.map((r: { orn: string }) => r.orn)).toContain(orn);
    const binding = await control('resource-sets/bindings/add', {
      resourceSetId: IDS.resourceSet,
      role: IDS.role,
      memberType: 'USER',
      memberId: IDS.noRole,
    });
    expect(binding.body.event).toMatchObject({
      eventType: 'iam.resourceset.bindings.add',
      target: [
        { id: IDS.resourceSet, type: 'ResourceSet' },
        { id: IDS.role, type: 'CustomRole' },
        { id: IDS.noRole, type: 'User' },
      ],
    });
    const roles = await get(sim, `/api/v1/users/${IDS.noRole}/roles`);
    expect(roles.body.map((r: { type: string }) => r.type)).toEqual(['CUSTOM']);
    for (const [path, body] of [
      [
        'resource-sets/bindings/remove',
        { resourceSetId: IDS.resourceSet, role: IDS.role, memberType: 'USER', memberId: IDS.noRole },
      ],
      ['resource-sets/resources/remove', { resourceSetId: IDS.resourceSet, orn }],
      ['custom-roles/permissions/remove', { roleId: IDS.role, permission: 'okta.apps.read' }],
    ] as const) {
      expect((await control(path, body)).status).toBe(200);
    }
    expect((await get(sim, `/api/v1/users/${IDS.noRole}/roles`)).body).toEqual([]);
  });

  it("grants and revokes a service app's scope, naming the app, the client and the scope", async () => {
    const grant = await control('grants/grant', { clientId: IDS.svcNoRole, scope: 'okta.logs.read' });
    expect(grant.body.event).toMatchObject({
      eventType: 'app.oauth2.admin.consent.grant',
      target: [
        { id: IDS.svcNoRole, type: 'PublicClientApp' },
        { id: IDS.svcNoRole, type: 'AppInstance' },
        {
          type: 'OAuth2Scope',
          displayName: 'okta.logs.read',
          detailEntry: { publicclientapp: IDS.svcNoRole },
        },
      ],
    });
    const scopes = async () =>
      (await get(sim, `/api/v1/apps/${IDS.svcNoRole}/grants`)).body.map(
        (g: { scopeId: string }) => g.scopeId,
      );
    expect(await scopes()).toEqual(['okta.users.read', 'okta.groups.read', 'okta.logs.read']);
    const revoke = await control('grants/revoke', { clientId: IDS.svcNoRole, scope: 'okta.logs.read' });
    expect(revoke.body.event.eventType).toBe('app.oauth2.admin.consent.revoke');
    expect(await scopes()).toEqual(['okta.users.read', 'okta.groups.read']);
  });

  it('refuses a change it cannot make: unknown object 404, conflict 409, bad body 400', async () => {
    expect(
      (await control('roles/grant', { principalType: 'USER', principalId: '00uNOBODY', type: 'APP_ADMIN' }))
        .status,
    ).toBe(404);
    expect(
      (await control('roles/grant', { principalType: 'USER', principalId: IDS.admin, type: 'SUPER_ADMIN' }))
        .status,
    ).toBe(409);
    expect((await control('groups/members/add', { groupId: IDS.admins, userId: IDS.grouped })).status).toBe(
      409,
    );
    expect(
      (await control('roles/grant', { principalType: 'ROBOT', principalId: IDS.admin, type: 'X' })).status,
    ).toBe(400);
    const notJson = await fetch(`${sim.url}/__sim/roles/grant`, { method: 'POST', body: 'nope' });
    expect(notJson.status).toBe(400);
  });

  it('filters the log by event type, refuses a filter it cannot read, and validates against the OpenAPI', async () => {
    await control('sessions/start', { userId: IDS.custom });
    const sessions = await newEvents('eventType eq "user.session.start"');
    expect(sessions.body.map((e: { actor: { id: string } }) => e.actor.id)).toEqual([IDS.custom]);
    expect((await newEvents('actor.id eq "x"')).status).toBe(400);
    const all = await newEvents();
    expect(all.body.length).toBeGreaterThan(10);
    if (existsSync(SPEC_DIR)) {
      const violations = new OpenApiValidator(SPEC_DIR).validate('GET', '/api/v1/logs', 200, all.body);
      expect(violations).toEqual([]);
    }
  });

  it('never records a control call as an API request, so the gateway-facing log stays GET-only', () => {
    expect(sim.requestLog.length).toBeGreaterThan(0);
    expect(sim.requestLog.every((entry) => entry.method === 'GET')).toBe(true);
    expect(sim.requestLog.some((entry) => entry.path.startsWith('/__sim'))).toBe(false);
  });
});
