/**
 * OktaDirectory over the SDK client: typed SDK calls where the SDK wraps the endpoint, the raw
 * GET helper for /oauth2/v1/clients. Every answer is mapped to a plain record; every failure
 * becomes an UpstreamError naming the request.
 */
import type { Page, ServiceAppRecord, UserRecord } from '../iam/model.ts';
import type { OktaClient } from './client.ts';
import type { OktaDirectory, PageRequest } from './directory.ts';
import { isNotFound, toUpstreamError, UpstreamError } from './errors.ts';
import { createIamCatalogReads } from './iam-catalog.ts';
import { batchById, idSearchExpression, isClientId, isOktaId } from './id-search.ts';
import { toAppRecord, toGrantRecord, toGroupRecord, toServiceAppRecord, toUserRecord } from './mappers.ts';
import { collectAll, collectBodyPages, firstPage, type PagedCollection } from './pagination.ts';
import { RoleAssignmentReader } from './role-assignments.ts';

type Json = Record<string, unknown>;

/** Runs one upstream read, mapping any failure with a context that names ids, never tokens. */
async function call<T>(context: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toUpstreamError(err, context);
  }
}

/** null instead of NOT_FOUND, for getters of one object. */
async function orNull<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

const isBadRequest = (err: unknown) => err instanceof UpstreamError && err.status === 400;

async function all(collection: Promise<unknown>): Promise<unknown[]> {
  return collectAll(await (collection as Promise<PagedCollection<unknown>>));
}

async function page<T>(collection: Promise<unknown>, map: (item: unknown) => T): Promise<Page<T>> {
  const p = await firstPage(await (collection as Promise<PagedCollection<unknown>>));
  return { items: p.items.map(map), nextCursor: p.nextCursor };
}

function pageParams(req: PageRequest): { limit?: number; after?: string } {
  return { ...(req.limit !== undefined && { limit: req.limit }), ...(req.after && { after: req.after }) };
}

/** The next URL of a Link header (`<...>; rel="next"`). */
function nextLink(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m?.[1]) return m[1];
  }
  return null;
}

function partitionOf(orgUrl: string): string {
  return new URL(orgUrl).hostname.endsWith('oktapreview.com') ? 'oktapreview' : 'okta';
}

export function createOktaDirectory(client: OktaClient): OktaDirectory {
  const sdk = client.sdk;
  const roles = new RoleAssignmentReader(sdk);

  const getUser = (userId: string) =>
    orNull(() =>
      call(`GET /api/v1/users/${userId}`, async () => toUserRecord(await sdk.userApi.getUser({ userId }))),
    );
  const getGroup = (groupId: string) =>
    orNull(() =>
      call(`GET /api/v1/groups/${groupId}`, async () =>
        toGroupRecord(await sdk.groupApi.getGroup({ groupId })),
      ),
    );

  return {
    ownClientId: client.ownClientId,

    getOrg: () =>
      call('GET /api/v1/org', async () => {
        const org = (await sdk.orgSettingApi.getOrgSettings()) as unknown as Json;
        return { id: String(org.id ?? ''), partition: partitionOf(client.orgUrl), url: client.orgUrl };
      }),

    async getCurrentUser() {
      if (client.ownClientId) return null;
      return call('GET /api/v1/users/me', async () =>
        toUserRecord(await sdk.userApi.getUser({ userId: 'me' })),
      );
    },

    getUsersByIds: (ids) =>
      batchById<UserRecord>(
        ids,
        (part) =>
          call(`GET /api/v1/users?search=(${part.length} ids: ${part.slice(0, 3).join(', ')}...)`, async () =>
            (await all(sdk.userApi.listUsers({ search: idSearchExpression(part), limit: 200 }))).map(
              toUserRecord,
            ),
          ),
        getUser,
        isBadRequest,
      ),

    async getUserByLogin(login) {
      // Okta resolves /users/{x} by id first, then login: check we got the login asked for.
      if (!login || login === 'me' || /[\s"\\/]/.test(login)) return null;
      const user = await getUser(login);
      return user && user.login.toLowerCase() === login.toLowerCase() ? user : null;
    },

    listUsers: (search, req) =>
      call('GET /api/v1/users', () =>
        page(sdk.userApi.listUsers({ ...(search && { search }), ...pageParams(req) }), toUserRecord),
      ),

    listUserGroups: (userId) =>
      call(`GET /api/v1/users/${userId}/groups`, async () =>
        (await all(sdk.userApi.listUserGroups({ userId }))).map(toGroupRecord),
      ),

    listUserRoles: (userId) => roles.forUser(userId),

    listRoleAssigneeUserIds: () =>
      call('GET /api/v1/iam/assignees/users', async () => {
        const users = await collectBodyPages(
          (after) =>
            sdk.roleAssignmentApi.listUsersWithRoleAssignments({ limit: 100, ...(after && { after }) }),
          (p) => (p as unknown as { value?: unknown[] }).value,
        );
        return users.map((u) => String((u as Json).id ?? ''));
      }),

    getGroupsByIds: (ids) =>
      batchById(
        ids,
        (part) =>
          call(
            `GET /api/v1/groups?search=(${part.length} ids: ${part.slice(0, 3).join(', ')}...)`,
            async () =>
              (await all(sdk.groupApi.listGroups({ search: idSearchExpression(part), limit: 200 }))).map(
                toGroupRecord,
              ),
          ),
        getGroup,
        isBadRequest,
      ),

    listGroups: (search, req) =>
      call('GET /api/v1/groups', () =>
        page(sdk.groupApi.listGroups({ ...(search && { search }), ...pageParams(req) }), toGroupRecord),
      ),

    listGroupMembers: (groupId, req) =>
      call(`GET /api/v1/groups/${groupId}/users`, () =>
        page(sdk.groupApi.listGroupUsers({ groupId, ...pageParams(req) }), toUserRecord),
      ),

    listGroupRoles: (groupId) => roles.forGroup(groupId),

    async getApp(appId) {
      if (!isOktaId(appId)) return null;
      return orNull(() =>
        call(`GET /api/v1/apps/${appId}`, async () =>
          toAppRecord(await sdk.applicationApi.getApplication({ appId })),
        ),
      );
    },

    listAppGrants: (appId) =>
      call(`GET /api/v1/apps/${appId}/grants`, async () =>
        (await all(sdk.applicationApi.listScopeConsentGrants({ appId }))).map(toGrantRecord),
      ),

    async listServiceApps() {
      const apps: ServiceAppRecord[] = [];
      const seen = new Set<string>();
      let url: string | null = '/oauth2/v1/clients?limit=200';
      while (url && !seen.has(url)) {
        seen.add(url);
        const res = await client.getJson(url);
        const clients = Array.isArray(res.body) ? res.body : [];
        for (const c of clients) {
          if ((c as Json).application_type === 'service') apps.push(toServiceAppRecord(c));
        }
        url = nextLink(res.headers.get('link'));
      }
      return apps;
    },

    async getServiceApp(clientId) {
      if (!isClientId(clientId)) return null;
      return orNull(async () =>
        toServiceAppRecord((await client.getJson(`/oauth2/v1/clients/${clientId}`)).body),
      );
    },

    listClientRoles: (clientId) => roles.forClient(clientId),

    ...createIamCatalogReads(sdk),
  };
}
