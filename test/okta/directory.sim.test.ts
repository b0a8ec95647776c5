import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleAssignmentRecord } from '../../src/iam/model.ts';
import { createCachedDirectory, createCatalogCache } from '../../src/okta/cache.ts';
import type { OktaDirectory } from '../../src/okta/directory.ts';
import { UpstreamError } from '../../src/okta/errors.ts';
import { createLoaders } from '../../src/okta/loaders.ts';
import { LUMOS_CUSTOM_ROLE_PERMISSIONS, LUMOS_SCOPES } from '../../src/sim/demo-setup.ts';
import { type DemoPrincipalIds, demoPrincipalIds } from '../../src/sim/generate.ts';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { apiTokenAccess, measured, pathsOf } from './sim-harness.ts';

let sim: Simulator;
let ids: DemoPrincipalIds;
let directory: OktaDirectory;
/** Every request of this file, gathered before each log reset, for the read-only check. */
const allRequests: { method: string; path: string }[] = [];

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false });
  ids = demoPrincipalIds(sim.org);
  directory = apiTokenAccess(sim).directory;
});
afterAll(async () => {
  await sim?.close();
});

async function run<T>(work: () => Promise<T>) {
  const out = await measured(sim, work);
  allRequests.push(...out.log);
  return out;
}

describe('loading users by id through the per-request loaders', () => {
  it('loads 120 distinct users in one tick with at most 3 upstream requests', async () => {
    const wanted = sim.org.users.slice(0, 120);
    const loaders = createLoaders(directory);
    const { result, log } = await run(() => Promise.all(wanted.map((u) => loaders.userById.load(u.id))));
    expect(result.map((u) => u?.id)).toEqual(wanted.map((u) => u.id));
    expect(result.map((u) => u?.login)).toEqual(wanted.map((u) => u.profile.login));
    expect(log.length).toBeLessThanOrEqual(3);
    expect(log.every((e) => e.path.startsWith('/api/v1/users?search='))).toBe(true);
  });

  it('costs nothing more for an id asked twice in the same request, and fetches no URL twice', async () => {
    const loaders = createLoaders(directory);
    const some = sim.org.users.slice(200, 260).map((u) => u.id);
    const { log } = await run(async () => {
      await Promise.all([...some, ...some].map((id) => loaders.userById.load(id)));
      await loaders.userById.loadMany(some.slice(0, 10));
      await loaders.userRoles.load(ids.users.lumosTargeted);
      await loaders.userRoles.load(ids.users.lumosTargeted);
    });
    // 60 distinct ids: two searches (50 + 10); the roles list: two expanded calls.
    expect(log.length).toBe(2 + 2);
    expect(new Set(pathsOf(log)).size).toBe(log.length);
  });

  it('answers null for unknown and malformed ids without widening the search, reading a missed id once by id', async () => {
    const loaders = createLoaders(directory);
    const { result, log } = await run(() =>
      loaders.userById.loadMany([ids.users.noRole, '00uUnknownUser000000', '00u1" or id pr or id eq "x']),
    );
    expect((result[0] as { login: string }).login).toBe('no.role@demo.example');
    expect(result.slice(1)).toEqual([null, null]);
    // The search, then (search is eventually consistent) one read by id of the id it missed; the
    // malformed id is never sent.
    expect(log.map((e) => `${e.status} ${decodeURIComponent(e.path).split('?')[0]}`)).toEqual([
      '200 /api/v1/users',
      '404 /api/v1/users/00uUnknownUser000000',
    ]);
    expect(decodeURIComponent(log[0]?.path ?? '')).not.toContain(' pr');
  });
});

describe('the shared catalog cache', () => {
  it('serves a second custom-role catalog read within the ttl with 0 upstream requests', async () => {
    const cached = createCachedDirectory(directory, createCatalogCache());
    const first = await run(() => cached.listCustomRoles());
    expect(first.log.length).toBeGreaterThan(0);
    const second = await run(() => cached.listCustomRoles());
    expect(second.log).toHaveLength(0);
    const lumos = second.result.find((r) => r.id === ids.extras.lumosRole);
    expect([...(lumos?.permissions ?? [])].sort()).toEqual([...LUMOS_CUSTOM_ROLE_PERMISSIONS].sort());
  });
});

describe('role assignments', () => {
  const byType = (list: RoleAssignmentRecord[], type: string) => list.find((r) => r.type === type);

  it('reads targets from expanded lists: two requests for group and app targets together', async () => {
    const { result, log } = await run(() => directory.listUserRoles(ids.users.lumosTargeted));
    expect(log).toHaveLength(2);
    const gma = byType(result, 'GROUP_MEMBERSHIP_ADMIN');
    expect(gma?.targets).toHaveLength(2);
    expect(gma?.targets?.every((t) => t.kind === 'GROUP')).toBe(true);
    const appAdmin = byType(result, 'APP_ADMIN');
    const appTargets = appAdmin?.targets ?? [];
    expect(appTargets.some((t) => t.kind === 'APP' && t.appId === null)).toBe(true);
    expect(appTargets.some((t) => t.kind === 'APP' && t.appId !== null)).toBe(true);
    expect(byType(result, 'REPORT_ADMIN')?.targets).toBeNull();
  });

  it('names the group a user inherits a role from', async () => {
    const { result, log } = await run(() => directory.listUserRoles(ids.users.superViaGroup));
    expect(log).toHaveLength(1);
    expect(result).toEqual([
      expect.objectContaining({
        type: 'SUPER_ADMIN',
        assignmentType: 'GROUP',
        inheritedFromGroupId: ids.groups.superAdmins,
      }),
    ]);
  });

  it('keeps the custom role and resource set of a custom-role assignment', async () => {
    const { result } = await run(() => directory.listUserRoles(ids.users.lumosCustom));
    expect(byType(result, 'CUSTOM')).toMatchObject({
      customRoleId: ids.extras.lumosRole,
      resourceSetId: ids.extras.lumosResourceSet,
    });
  });

  it('lists a service app role assignments and its scope grants', async () => {
    const roles = await run(() => directory.listClientRoles(ids.serviceApps.full));
    expect(roles.result.map((r) => r.type)).toEqual(['SUPER_ADMIN']);
    expect(roles.result[0]?.principalKind).toBe('SERVICE_APP');
    const grants = await run(() => directory.listAppGrants(ids.serviceApps.full));
    expect(grants.result.map((g) => g.scopeId).sort()).toEqual([...LUMOS_SCOPES].sort());
  });
});

describe('lists and pages', () => {
  it('pages users through the Link header cursor without repeating anyone', async () => {
    const first = await run(() => directory.listUsers(null, { limit: 3 }));
    expect(first.result.items).toHaveLength(3);
    expect(first.result.nextCursor).not.toBeNull();
    const second = await run(() => directory.listUsers(null, { limit: 3, after: first.result.nextCursor }));
    const firstIds = new Set(first.result.items.map((u) => u.id));
    expect(second.result.items.some((u) => firstIds.has(u.id))).toBe(false);
  });

  it('lists service apps, resource sets with resources and bindings, and role assignees', async () => {
    const apps = await run(() => directory.listServiceApps());
    expect(apps.result.map((a) => a.clientId)).toEqual(
      expect.arrayContaining(Object.values(ids.serviceApps)),
    );
    const sets = await run(() => directory.listResourceSets());
    expect(sets.result.map((s) => s.id)).toEqual(sim.org.resourceSets.map((s) => s.id));
    const bindings = await run(() => directory.listResourceSetBindings(ids.extras.lumosResourceSet));
    const lumosBinding = bindings.result.find((b) => b.roleId === ids.extras.lumosRole);
    expect(lumosBinding?.members.some((m) => m.href.endsWith(`/api/v1/users/${ids.users.lumosCustom}`))).toBe(
      true,
    );
    const resources = await run(() => directory.listResourceSetResources(ids.extras.lumosResourceSet));
    expect(resources.result.length).toBeGreaterThan(0);
    const assignees = await run(() => directory.listRoleAssigneeUserIds());
    expect(assignees.result).toEqual(
      expect.arrayContaining([ids.users.superDirect, ids.users.lumosTargeted]),
    );
  });

  it('finds a user by login and refuses a login that is really an id', async () => {
    const { result } = await run(() => directory.getUserByLogin('help.desk@demo.example'));
    expect(result?.id).toBe(ids.users.helpDesk);
    expect(await directory.getUserByLogin(ids.users.helpDesk)).toBeNull();
  });
});

describe('unknown ids and failures', () => {
  it('answers null for an unknown app or service app and NOT_FOUND for roles of an unknown user', async () => {
    expect(await directory.getApp('0oaUnknownApp0000000')).toBeNull();
    expect(await directory.getServiceApp('0oaUnknownApp0000000')).toBeNull();
    const err = await directory.listUserRoles('00uUnknownUser000000').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).code).toBe('NOT_FOUND');
    expect((err as UpstreamError).message).toContain('00uUnknownUser000000');
    expect((err as UpstreamError).message).not.toContain(sim.apiToken);
  });

  it('maps a rejected token to UPSTREAM_UNAUTHENTICATED without echoing the token', async () => {
    const badToken = '00BadTokenThatOktaDoesNotKnow123456789';
    const { directory: bad } = apiTokenAccess(sim, { credentials: { mode: 'apiToken', token: badToken } });
    const err = await bad.listCustomRoles().catch((e: unknown) => e);
    expect((err as UpstreamError).code).toBe('UPSTREAM_UNAUTHENTICATED');
    expect(JSON.stringify({ message: (err as Error).message, stack: (err as Error).stack })).not.toContain(
      badToken,
    );
  });
});

describe('read-only', () => {
  it('refuses a write before sending it', async () => {
    const { client } = apiTokenAccess(sim);
    const { log } = await run(async () => {
      const err = await client.sdk.userApi
        .deactivateUser({ userId: ids.users.noRole })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UpstreamError);
      expect((err as Error).message).toMatch(/read-only/);
    });
    expect(log).toHaveLength(0);
  });

  it('sent nothing but GET in this whole file', () => {
    expect(allRequests.length).toBeGreaterThan(20);
    expect(new Set(allRequests.map((r) => r.method))).toEqual(new Set(['GET']));
  });
});
