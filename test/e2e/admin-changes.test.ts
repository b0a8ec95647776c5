import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningGateway, startGatewayServer } from '../../src/http/start.ts';
import { DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { demoPrincipalIds, generateDemoOrg } from '../../src/sim/generate.ts';
import type { OrgSnapshot } from '../../src/sim/snapshot-format.ts';

// The embedded demo org is generated from the same seed: its ids are known here.
const org: OrgSnapshot = generateDemoOrg({ seed: 'demo' });
const ids = demoPrincipalIds(org);
const holdsRole = (groupId: string) =>
  org.roleAssignments.some((ra) => ra.principalType === 'GROUP' && ra.principalId === groupId) ||
  org.resourceSets.some((s) => s.bindings.some((b) => b.members.some((m) => m.id === groupId)));
const membersOf = (groupId: string) => org.memberships.find((m) => m.groupId === groupId)?.userIds ?? [];
// Two groups that hold no role, with neither demo user below in them.
const [plainGroup, otherPlainGroup] = org.groups
  .filter((g) => !holdsRole(g.id) && g.id !== ids.extras.everyoneGroup)
  .filter(
    (g) => !membersOf(g.id).includes(ids.users.noRole) && !membersOf(g.id).includes(ids.users.superDirect),
  )
  .map((g) => g.id);
const helpDeskMember = membersOf(ids.groups.helpDeskTeam)[0]!;

const INTERVAL_MS = 1000;
const HOUR_MS = 3_600_000;

let running: RunningGateway;
let base: string;

async function graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) {
  const res = await fetch(running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function control(path: string, body: Record<string, unknown>) {
  const res = await fetch(`${running.oktaUrl}/__sim/${path}`, {
    method: 'POST',
    body: JSON.stringify({ actor: DEMO_USERS.superDirect.login, ...body }),
  });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
}

// biome-ignore lint/suspicious/noExplicitAny: /readyz is read ad hoc
const readyz = async (): Promise<any> => (await fetch(`${base}/readyz`)).json();

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the follower has read the log to the end after now (two polls, to be sure). */
async function twoPolls(): Promise<void> {
  const after = Date.now();
  for (let i = 0; i < 2; i++) {
    const mark = i === 0 ? after : Date.now();
    await waitFor(readyz, (r) => Date.parse(r.logFollower.lastReadAt ?? 0) > mark, 5 * INTERVAL_MS);
  }
}

const readiness = async (principal: string) =>
  (
    await graphql<{ lumosReadiness: { status: string } }>(
      'query ($p: String!) { lumosReadiness(principal: $p) { status } }',
      { p: principal },
    )
  ).data?.lumosReadiness.status;

const adminKeys = async () =>
  ((await graphql<{ admins: { key: string }[] }>('{ admins { key } }')).data?.admins ?? []).map((a) => a.key);

/** The embedded simulator's request log, since the last reset. */
async function upstreamPaths(): Promise<string[]> {
  const log = (await (await fetch(`${running.oktaUrl}/__sim/log`)).json()) as { path: string }[];
  return log.map((e) => e.path);
}
const resetUpstreamLog = () => fetch(`${running.oktaUrl}/__sim/reset`, { method: 'POST' });

beforeAll(async () => {
  running = await startGatewayServer(
    loadConfig({ PORT: '0', LOG_LEVEL: 'silent', LOG_FOLLOWER_INTERVAL_MS: String(INTERVAL_MS) }),
  );
  base = running.url.replace(/\/graphql$/, '');
  await waitFor(readyz, (r) => r.logFollower?.state === 'FOLLOWING', 10_000);
});

afterAll(() => running?.close());

describe('a cache the System Log keeps fresh (embedded demo org, follower every second)', () => {
  it('keeps role assignments and the catalog for an hour while it follows the log', async () => {
    const body = await readyz();
    expect(body.ready).toBe(true);
    expect(body.logFollower).toMatchObject({
      state: 'FOLLOWING',
      problem: null,
      intervalMs: INTERVAL_MS,
      cacheTtlMs: { catalog: HOUR_MS, roleAssignment: HOUR_MS, grant: 60_000 },
    });
  });

  it('shows a role granted through the control API in lumosReadiness and admins within one poll interval', async () => {
    expect(await readiness(DEMO_USERS.noRole.login)).toBe('NOT_READY');
    expect(await adminKeys()).not.toContain(ids.users.noRole);
    await control('roles/grant', {
      principalType: 'USER',
      principalId: ids.users.noRole,
      type: 'SUPER_ADMIN',
    });
    const granted = Date.now();
    const status = await waitFor(
      () => readiness(DEMO_USERS.noRole.login),
      (s) => s === 'READY',
      5 * INTERVAL_MS,
    );
    const seenAfter = Date.now() - granted;
    expect(status).toBe('READY');
    expect(seenAfter).toBeLessThanOrEqual(INTERVAL_MS + 1500);
    expect(await adminKeys()).toContain(ids.users.noRole);
  });

  it('drops no admin cache for a membership change of a group without roles, and one user list for an admin group', async () => {
    expect(holdsRole(plainGroup!)).toBe(false);
    await readiness(DEMO_USERS.superDirect.login);
    await adminKeys();
    await twoPolls();
    await resetUpstreamLog();
    await control('groups/members/add', { groupId: plainGroup, userId: ids.users.superDirect });
    await twoPolls();
    expect(await readiness(DEMO_USERS.superDirect.login)).toBe('READY');
    await adminKeys();
    // Only the log and whether the group holds a role: no user's role list, no assignee list.
    const plainPaths = (await upstreamPaths()).map((p) => p.split('?')[0] ?? p);
    expect(new Set(plainPaths)).toEqual(new Set(['/api/v1/logs', `/api/v1/groups/${plainGroup}/roles`]));

    await resetUpstreamLog();
    await control('groups/members/add', { groupId: ids.groups.helpDeskTeam, userId: ids.users.superDirect });
    await twoPolls();
    expect(await readiness(DEMO_USERS.superDirect.login)).toBe('READY');
    const adminPaths = (await upstreamPaths()).map((p) => p.split('?')[0] ?? p);
    expect(adminPaths).toContain(`/api/v1/users/${ids.users.superDirect}/roles`);
    const userRoles = new RegExp(`^/api/v1/users/${ids.users.superDirect}/roles`);
    const groupRoles = new RegExp(`^/api/v1/groups/${ids.groups.helpDeskTeam}/roles`);
    expect(
      adminPaths.filter((p) => p !== '/api/v1/logs' && !userRoles.test(p) && !groupRoles.test(p)),
    ).toEqual([]);
  });
});

describe('adminChanges', () => {
  it('classifies one change of every kind through the simulator, leaving sign-ins and plain groups out', async () => {
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const steps: [string, Record<string, unknown>][] = [
      ['sessions/start', { userId: ids.users.readOnly }],
      ['roles/grant', { principalType: 'USER', principalId: ids.users.readOnly, type: 'APP_ADMIN' }],
      ['roles/grant', { principalType: 'GROUP', principalId: otherPlainGroup, type: 'REPORT_ADMIN' }],
      [
        'roles/grant',
        { principalType: 'CLIENT', principalId: ids.serviceApps.missingScope, type: 'REPORT_ADMIN' },
      ],
      ['roles/revoke', { principalType: 'USER', principalId: ids.users.readOnly, type: 'READ_ONLY_ADMIN' }],
      ['custom-roles/permissions/add', { roleId: ids.extras.lumosRole, permission: 'okta.devices.read' }],
      [
        'resource-sets/resources/add',
        {
          resourceSetId: ids.extras.lumosResourceSet,
          orn: `orn:okta:directory:${org.org.id}:groups:${plainGroup}`,
        },
      ],
      [
        'resource-sets/bindings/add',
        {
          resourceSetId: ids.extras.lumosResourceSet,
          role: ids.extras.lumosRole,
          memberType: 'USER',
          memberId: ids.users.readOnly,
        },
      ],
      ['groups/members/add', { groupId: ids.groups.superAdmins, userId: ids.users.readOnly }],
      ['groups/members/add', { groupId: plainGroup, userId: ids.users.readOnly }],
      ['groups/members/remove', { groupId: ids.groups.helpDeskTeam, userId: helpDeskMember }],
      ['grants/grant', { clientId: ids.serviceApps.missingScope, scope: 'okta.logs.read' }],
      ['grants/revoke', { clientId: ids.serviceApps.full, scope: 'okta.schemas.read' }],
    ];
    for (const [path, body] of steps) await control(path, body);
    await new Promise((r) => setTimeout(r, 5));

    const result = await graphql<{ adminChanges: Record<string, unknown>[] }>(
      'query ($since: String) { adminChanges(since: $since) { kind eventType actor principalKey subject message } }',
      { since },
    );
    expect(result.errors).toBeUndefined();
    const actor = DEMO_USERS.superDirect.login;
    const row = (
      kind: string,
      eventType: string,
      principalKey: string | null,
      subject: string,
      message: string,
    ) => ({
      kind,
      eventType,
      actor,
      principalKey,
      subject,
      message,
    });
    expect(result.data?.adminChanges).toEqual([
      row(
        'ROLE_GRANTED',
        'user.account.privilege.grant',
        ids.users.readOnly,
        'READ_ONLY_ADMIN, APP_ADMIN',
        'Grant user privilege',
      ),
      row('ROLE_GRANTED', 'group.privilege.grant', otherPlainGroup!, 'REPORT_ADMIN', 'Grant group privilege'),
      row(
        'ROLE_GRANTED',
        'app.oauth2.client.privilege.grant',
        ids.serviceApps.missingScope,
        'SUPER_ADMIN, REPORT_ADMIN',
        'Grant client privilege',
      ),
      row(
        'ROLE_REVOKED',
        'user.account.privilege.revoke',
        ids.users.readOnly,
        'READ_ONLY_ADMIN',
        'Revoke user privilege',
      ),
      row(
        'ROLE_CHANGED',
        'iam.role.permissions.add',
        null,
        ids.extras.lumosRole,
        'Add permissions to custom role',
      ),
      row(
        'RESOURCE_SET_CHANGED',
        'iam.resourceset.resources.add',
        null,
        ids.extras.lumosResourceSet,
        'Add resources to resource set',
      ),
      row(
        'RESOURCE_SET_CHANGED',
        'iam.resourceset.bindings.add',
        ids.users.readOnly,
        ids.extras.lumosResourceSet,
        'Add admin role assignment',
      ),
      row(
        'ADMIN_GROUP_MEMBER_ADDED',
        'group.user_membership.add',
        ids.users.readOnly,
        ids.groups.superAdmins,
        'Add user to group membership',
      ),
      row(
        'ADMIN_GROUP_MEMBER_REMOVED',
        'group.user_membership.remove',
        helpDeskMember,
        ids.groups.helpDeskTeam,
        'Remove user from group membership',
      ),
      row(
        'SCOPE_GRANTED',
        'app.oauth2.admin.consent.grant',
        ids.serviceApps.missingScope,
        'okta.logs.read',
        'Admin consent granted',
      ),
      row(
        'SCOPE_REVOKED',
        'app.oauth2.admin.consent.revoke',
        ids.serviceApps.full,
        'okta.schemas.read',
        'Admin consent revoked',
      ),
    ]);
  });

  it('answers BAD_USER_INPUT for a malformed instant or an empty window', async () => {
    for (const args of [
      'since: "yesterday"',
      'until: "2026-13-01T00:00:00Z"',
      'since: "2026-11-30T00:00:00Z", until: "2026-11-29T00:00:00Z"',
    ]) {
      const result = await graphql(`{ adminChanges(${args}) { id } }`);
      expect(result.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });
});

describe('when the follower cannot read the System Log', () => {
  it('says so in /readyz and the metrics, applies the short TTLs, and follows again once it can', async () => {
    const faults = (spec: string) => fetch(`${running.oktaUrl}/__sim/faults`, { method: 'POST', body: spec });
    await faults('5xx:1@/api/v1/logs;status=403');
    const failing = await waitFor(readyz, (r) => r.logFollower.state === 'FAILING', 5 * INTERVAL_MS);
    expect(failing.ready).toBe(true);
    expect(failing.logFollower).toMatchObject({
      state: 'FAILING',
      problem: '403 E0000009',
      cacheTtlMs: { catalog: 300_000, roleAssignment: 30_000, grant: 60_000 },
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^okta_log_follower_up 0$/m);
    expect(metrics).toMatch(/^okta_log_follower_polls_total\{result="error"\} [1-9]/m);

    await faults('[]');
    const back = await waitFor(readyz, (r) => r.logFollower.state === 'FOLLOWING', 5 * INTERVAL_MS);
    expect(back.logFollower.cacheTtlMs.roleAssignment).toBe(HOUR_MS);
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/^okta_log_follower_up 1$/m);
  });
});
