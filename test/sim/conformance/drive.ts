/**
 * Drives every endpoint the simulator serves through the official Okta SDK, the way a client
 * reads an org: collections followed to the end, body-paged iam lists followed by `_links.next`,
 * and each principal's roles and role targets.
 */
import type okta from '@okta/okta-sdk-nodejs';
import type { DemoPrincipalIds } from '../../../src/sim/demo-ids.ts';
import { DEMO_EXTRAS } from '../../../src/sim/demo-setup.ts';

type Client = InstanceType<typeof okta.Client>;

export interface DriveContext {
  client: Client;
  ids: DemoPrincipalIds;
  /** Absolute simulator origin, for the raw calls the SDK does not wrap. */
  url: string;
  /**
   * The simulator answers "none" with a 404 (no-roles-404, iam-policy-404): read such a 404 as an
   * empty list, as tools that run against real orgs do. Otherwise a 404 fails the drive.
   */
  noneMay404?: boolean;
}

type HttpRequest = Parameters<Client['http']['http']>[1];

/** A raw call through the SDK's `http` (same executor, headers and error filter as its APIs). */
export function rawRequest(
  client: Client,
  url: string,
  init: { method: 'GET' | 'POST'; body?: string; headers?: Record<string, string> },
) {
  return client.http.http(url, init as HttpRequest);
}

/** Every item of an SDK collection (Link-header paging followed to the end). */
export async function drain<T>(collection: Promise<AsyncIterable<T | null>>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of await collection) if (item) items.push(item);
  return items;
}

interface BodyPaged {
  _links?: { next?: { href?: string } };
}

/** Follows `_links.next` of the body-paged /api/v1/iam lists (the SDK returns one page a call). */
export async function bodyPages<P>(read: (after?: string) => Promise<P>): Promise<P[]> {
  const pages: P[] = [];
  let after: string | undefined;
  do {
    const page = await read(after);
    pages.push(page);
    const next = (page as BodyPaged)._links?.next?.href;
    after = next ? (new URL(next).searchParams.get('after') ?? undefined) : undefined;
  } while (after);
  return pages;
}

/** `read()`, or `none` when the simulator answers "none" with a 404 and the context allows it. */
async function noneOn404<T>(ctx: DriveContext, read: () => Promise<T>, none: T): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (ctx.noneMay404 && (err as { status?: number }).status === 404) return none;
    throw err;
  }
}

interface RoleLike {
  id?: string;
  type?: string;
}

/** A principal's roles (plain and with both expansions), each role by id, and its targets. */
async function readRoles(
  ctx: DriveContext,
  kind: 'user' | 'group' | 'client',
  id: string,
): Promise<RoleLike[]> {
  const { client } = ctx;
  const ra = client.roleAssignmentApi;
  const rt = client.roleTargetApi;
  let roles: RoleLike[];
  if (kind === 'user') {
    roles = await drain<RoleLike>(ra.listAssignedRolesForUser({ userId: id }));
    await drain(ra.listAssignedRolesForUser({ userId: id, expand: 'targets/groups' }));
    await drain(ra.listAssignedRolesForUser({ userId: id, expand: 'targets/catalog/apps' }));
  } else if (kind === 'group') {
    roles = await drain<RoleLike>(ra.listGroupAssignedRoles({ groupId: id }));
    await drain(ra.listGroupAssignedRoles({ groupId: id, expand: 'targets/groups' }));
    await drain(ra.listGroupAssignedRoles({ groupId: id, expand: 'targets/catalog/apps' }));
  } else {
    roles = await noneOn404(ctx, () => drain<RoleLike>(ra.listRolesForClient({ clientId: id })), []);
  }
  for (const role of roles) {
    const roleId = role.id as string;
    if (kind === 'user') {
      await ra.getUserAssignedRole({ userId: id, roleId });
      if (role.type === 'CUSTOM') continue;
      await drain(rt.listGroupTargetsForRole({ userId: id, roleId }));
      await drain(rt.listApplicationTargetsForApplicationAdministratorRoleForUser({ userId: id, roleId }));
    } else if (kind === 'group') {
      await ra.getGroupAssignedRole({ groupId: id, roleId });
      if (role.type === 'CUSTOM') continue;
      await drain(rt.listGroupTargetsForGroupRole({ groupId: id, roleId }));
      await drain(rt.listApplicationTargetsForApplicationAdministratorRoleForGroup({ groupId: id, roleId }));
    } else {
      await ra.retrieveClientRole({ clientId: id, roleAssignmentId: roleId });
      if (role.type === 'CUSTOM') continue;
      await drain(rt.listGroupTargetRoleForClient({ clientId: id, roleAssignmentId: roleId }));
      await drain(rt.listAppTargetRoleToClient({ clientId: id, roleAssignmentId: roleId }));
    }
  }
  return roles;
}

export async function driveUsers(ctx: DriveContext): Promise<number> {
  const { client, ids } = ctx;
  const api = client.userApi;
  const all = await drain(api.listUsers({ limit: 200 }));
  const named = Object.values(ids.users);
  await drain(api.listUsers({ search: named.map((id) => `id eq "${id}"`).join(' or ') }));
  const logins = ['iam.gateway', 'lumos.custom', 'help.desk'].map(
    (l) => `profile.login eq "${l}@demo.example"`,
  );
  await drain(api.listUsers({ search: logins.join(' or ') }));
  await drain(api.listUsers({ filter: 'status eq "ACTIVE"', limit: 200 }));
  await drain(api.listUsers({ q: 'lumos' }));
  await api.getUser({ userId: 'me' });
  await api.getUser({ userId: 'lumos.targeted@demo.example' });
  const assigned = await bodyPages((after) =>
    client.roleAssignmentApi.listUsersWithRoleAssignments({ limit: 10, ...(after ? { after } : {}) }),
  );
  const withRoles = assigned.flatMap((page) => (page.value ?? []).map((u) => u.id as string));
  for (const userId of new Set([...named, ...withRoles])) {
    await api.getUser({ userId });
    await drain(api.listUserGroups({ userId }));
    await readRoles(ctx, 'user', userId);
  }
  return all.length;
}

export async function driveGroups(ctx: DriveContext): Promise<void> {
  const { client, ids } = ctx;
  const api = client.groupApi;
  const groups = await drain(api.listGroups());
  await drain(api.listGroups({ expand: 'stats', limit: 10000 }));
  await drain(api.listGroups({ q: 'Okta' }));
  await drain(api.listGroups({ search: 'type eq "OKTA_GROUP"', limit: 50 }));
  await drain(api.listGroups({ filter: 'type eq "APP_GROUP"' }));
  const named = [...Object.values(ids.groups), ids.extras.everyoneGroup, ids.extras.engineeringGroup];
  for (const groupId of named) {
    await api.getGroup({ groupId });
    await drain(api.listGroupUsers({ groupId, limit: 500 }));
  }
  // Groups holding roles: the ones whose role list is not empty (every group is asked once).
  for (const group of groups) await readRoles(ctx, 'group', group.id as string);
}

interface ClientBody {
  client_id: string;
  _links: { app: { href: string } };
}

/** GET /oauth2/v1/clients (Link paged) with the SDK's raw http, then each client and its roles. */
export async function driveApps(ctx: DriveContext): Promise<void> {
  const { client, url } = ctx;
  const api = client.applicationApi;
  const apps = await drain(api.listApplications({ limit: 20 }));
  await drain(api.listApplications({ filter: 'status eq "ACTIVE"' }));
  await drain(api.listApplications({ q: 'slack' }));
  for (const app of apps) await api.getApplication({ appId: app.id as string });
  let next: string | undefined = `${url}/oauth2/v1/clients?limit=7`;
  const clients: ClientBody[] = [];
  while (next) {
    const res = await rawRequest(client, next, { method: 'GET' });
    clients.push(...((await res.json()) as ClientBody[]));
    next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
  }
  for (const { client_id, _links } of clients) {
    const path = `${url}/oauth2/v1/clients/${encodeURIComponent(client_id)}`;
    await (await rawRequest(client, path, { method: 'GET' })).json();
    // Grants hang off the app id, which a custom client id is not.
    const appId = _links.app.href.split('/').at(-1) as string;
    await noneOn404(ctx, () => drain(api.listScopeConsentGrants({ appId })), []);
    await readRoles(ctx, 'client', client_id);
  }
}

export async function driveIam(ctx: DriveContext): Promise<void> {
  const { client, ids } = ctx;
  const roles = client.customRoleApi;
  const sets = client.resourceSetApi;
  const rolePages = await bodyPages((after) => roles.listRoles(after ? { after } : {}));
  for (const role of rolePages.flatMap((p) => p.roles ?? [])) {
    for (const key of [role.id as string, role.label as string]) {
      await roles.getRole({ roleIdOrLabel: key });
      await roles.listRolePermissions({ roleIdOrLabel: key });
    }
  }
  const setPages = await bodyPages((after) => sets.listResourceSets(after ? { after } : {}));
  for (const set of setPages.flatMap((p) => p.resource_sets ?? [])) {
    const resourceSetId = set.id as string;
    await sets.getResourceSet({ resourceSetId: set.label as string });
    await sets.getResourceSet({ resourceSetId });
    await noneOn404(
      ctx,
      () =>
        bodyPages((after) => sets.listResourceSetResources({ resourceSetId, ...(after ? { after } : {}) })),
      [],
    );
    const bindingPages = await bodyPages((after) =>
      sets.listBindings({ resourceSetId, ...(after ? { after } : {}) }),
    );
    for (const binding of bindingPages.flatMap((p) => p.roles ?? [])) {
      const roleIdOrLabel = binding.id as string;
      await sets.getBinding({ resourceSetId, roleIdOrLabel });
      const memberPages = await bodyPages((after) =>
        sets.listMembersOfBinding({ resourceSetId, roleIdOrLabel, ...(after ? { after } : {}) }),
      );
      for (const member of memberPages.flatMap((p) => p.members ?? [])) {
        await sets.getMemberOfBinding({ resourceSetId, roleIdOrLabel, memberId: member.id as string });
      }
    }
  }
  await sets.getBinding({ resourceSetId: ids.extras.lumosResourceSet, roleIdOrLabel: DEMO_EXTRAS.lumosRole });
}

export async function driveMisc({ client }: DriveContext): Promise<void> {
  await drain(client.systemLogApi.listLogEvents({ since: '2000-01-01T00:00:00.000Z', limit: 7 }));
  await drain(client.systemLogApi.listLogEvents({ sortOrder: 'DESCENDING' }));
  await client.schemaApi.getUserSchema({ schemaId: 'default' });
  await client.orgSettingApi.getOrgSettings();
}
