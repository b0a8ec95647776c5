/**
 * OktaDirectory over the SDK client: typed SDK calls where the SDK wraps the endpoint, the raw
 * GET helper for /oauth2/v1/clients. Every answer is mapped to a plain record; every failure
 * becomes an UpstreamError naming the request.
 */
import type { Page, ServiceAppRecord, UserRecord } from '../iam/model.ts';
import type { OktaClient } from './client.ts';
import type { OktaDirectory, PageRequest } from './directory.ts';
import { toUpstreamError, UpstreamError } from './errors.ts';
import { createIamCatalogReads } from './iam-catalog.ts';
import { batchById, idSearchExpression, isClientId, isOktaId } from './id-search.ts';
import { toAppRecord, toGrantRecord, toGroupRecord, toServiceAppRecord, toUserRecord } from './mappers.ts';
import { emptyOnNotFound, orNull } from './not-found.ts';
import {
  collectAll,
  collectBodyPages,
  collectLinkPages,
  firstPage,
  type PagedCollection,
} from './pagination.ts';
import { RoleAssignmentReader } from './role-assignments.ts';
import { readLogEvents } from './system-log.ts';

type Json = Record<string, unknown>;

/** Runs one upstream read, mapping any failure with a context that names ids, never tokens. */
async function call<T>(context: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toUpstreamError(err, context);
  }
}

const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

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

/** Preview orgs live under oktapreview.com; a custom domain or loopback says nothing, so `okta`. */
function partitionOf(orgUrl: string): string {
  return new URL(orgUrl).hostname.endsWith('.oktapreview.com') ? 'oktapreview' : 'okta';
}

function oauthClientIdOf(app: unknown): unknown {
  return obj(obj(obj(app).credentials).oauthClient).client_id;
}

/** Whether a group list item carries Okta's admin flag (`expand=stats`, Okta's spelling). */
function hasAdminPrivilege(group: unknown): boolean {
  const stats = ((group as Json)._embedded as Json | undefined)?.stats as Json | undefined;
  return stats?.hasAdminPrivlege === true;
}

export interface DirectoryOptions {
  /**
   * Share a read of one assignment's targets between the lists that show it, for 30 s. Default
   * true; off only in the benchmarks' naive mode, which shares nothing.
   */
  shareTargetReads?: boolean;
}

export function createOktaDirectory(client: OktaClient, options: DirectoryOptions = {}): OktaDirectory {
  const sdk = client.sdk;
  const roles = new RoleAssignmentReader(sdk, options.shareTargetReads ?? true);

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

  /**
   * Okta makes a generated client id the app's id too; a custom client id (`lumos$svc-1`) is not,
   * and the client's JSON does not name its app. Its app is found by its label (the client_name):
   * `q` searches app labels, and the match is the app whose OAuth client id is this one.
   */
  async function withAppId(app: ServiceAppRecord): Promise<ServiceAppRecord> {
    if (isOktaId(app.clientId)) return app;
    const query = `/api/v1/apps?q=${encodeURIComponent(app.name)}&limit=200`;
    const found = await call('GET /api/v1/apps?q=(client name)', () =>
      collectLinkPages(client.getJson, query),
    );
    const match = found.find((a) => oauthClientIdOf(a) === app.clientId) as Json | undefined;
    return typeof match?.id === 'string' ? { ...app, appId: match.id } : app;
  }

  return {
    ownClientId: client.ownClientId,

    async getOrg() {
      // The well-known metadata names the org's Okta domain even behind a custom domain, and so
      // its partition; /api/v1/org proves the credential. Read side by side, not one after the other.
      const [settings, metadata] = await Promise.allSettled([
        call('GET /api/v1/org', async () => (await sdk.orgSettingApi.getOrgSettings()) as unknown as Json),
        call('GET /.well-known/okta-organization', async () =>
          obj((await client.getJson('/.well-known/okta-organization')).body),
        ),
      ]);
      const meta = metadata.status === 'fulfilled' ? metadata.value : {};
      const oktaDomain = obj(obj(meta._links).organization).href;
      const partition = partitionOf(typeof oktaDomain === 'string' ? oktaDomain : client.orgUrl);
      if (settings.status === 'rejected' && typeof meta.id !== 'string') throw settings.reason;
      const id = settings.status === 'fulfilled' ? settings.value.id : meta.id;
      return { id: String(id ?? ''), partition, url: client.orgUrl };
    },

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

    listRoleAssigneeUserIds: (onPage) =>
      call('GET /api/v1/iam/assignees/users', async () => {
        const idsOf = (users: readonly unknown[]) => users.map((u) => String((u as Json).id ?? ''));
        const users = await collectBodyPages(
          (after) =>
            sdk.roleAssignmentApi.listUsersWithRoleAssignments({ limit: 100, ...(after && { after }) }),
          (p) => {
            const value = (p as unknown as { value?: unknown[] }).value;
            if (value) onPage?.(idsOf(value));
            return value;
          },
        );
        return idsOf(users);
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
      emptyOnNotFound(() =>
        call(`GET /api/v1/apps/${appId}/grants`, async () =>
          (await all(sdk.applicationApi.listScopeConsentGrants({ appId }))).map(toGrantRecord),
        ),
      ),

    listAdminGroupIds: () =>
      call('GET /api/v1/groups?expand=stats', async () => {
        const groups = await collectLinkPages(client.getJson, '/api/v1/groups?expand=stats&limit=10000');
        return groups.filter(hasAdminPrivilege).map((g) => String((g as Json).id ?? ''));
      }),

    async listServiceApps() {
      const clients = await collectLinkPages(client.getJson, '/oauth2/v1/clients?limit=200');
      const services = clients.filter((c) => (c as Json).application_type === 'service');
      return Promise.all(services.map((c) => withAppId(toServiceAppRecord(c))));
    },

    async getServiceApp(clientId) {
      if (!isClientId(clientId)) return null;
      const app = await orNull(async () =>
        toServiceAppRecord((await client.getJson(`/oauth2/v1/clients/${encodeURIComponent(clientId)}`)).body),
      );
      return app && withAppId(app);
    },

    listClientRoles: (clientId) => roles.forClient(clientId),

    listLogEvents: (query) => call('GET /api/v1/logs', () => readLogEvents(client.getJson, query)),

    ...createIamCatalogReads(sdk),
  };
}
