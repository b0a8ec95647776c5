/**
 * OktaDirectory over the SDK client: typed SDK calls where the SDK wraps the endpoint, the raw
 * GET helper for /oauth2/v1/clients. Every answer is mapped to a plain record; every failure
 * becomes an UpstreamError naming the request.
 */
import type { ServiceAppRecord, UserRecord } from '../iam/model.ts';
import { call } from './calls.ts';
import type { OktaClient } from './client.ts';
import type { OktaDirectory, PageRequest } from './directory.ts';
import { UpstreamError } from './errors.ts';
import { createIamCatalogReads } from './iam-catalog.ts';
import { batchById, idSearchExpression, isClientId, isOktaId } from './id-search.ts';
import { type Json, obj } from './json.ts';
import { toAppRecord, toGrantRecord, toGroupRecord, toServiceAppRecord, toUserRecord } from './mappers.ts';
import { emptyOnNotFound, orNull } from './not-found.ts';
import { collectAll, collectBodyPages, collectLinkPages, firstPage } from './pagination.ts';
import { RoleAssignmentReader, TARGET_READ_TTL_MS } from './role-assignments.ts';
import { readLogEvents } from './system-log.ts';

const isBadRequest = (err: unknown) => err instanceof UpstreamError && err.status === 400;

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
  return obj(obj(obj(group)._embedded).stats).hasAdminPrivlege === true;
}

export interface DirectoryOptions {
  /**
   * How long one read of an assignment's targets is shared between the role lists that show it
   * (a group's targeted role shows on every member's list), in ms; 0 shares none. Default 30000.
   */
  targetReadTtlMs?: number;
}

export function createOktaDirectory(client: OktaClient, options: DirectoryOptions = {}): OktaDirectory {
  const sdk = client.sdk;
  const roles = new RoleAssignmentReader(sdk, options.targetReadTtlMs ?? TARGET_READ_TTL_MS);

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
            (await collectAll(sdk.userApi.listUsers({ search: idSearchExpression(part), limit: 200 }))).map(
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
        firstPage(sdk.userApi.listUsers({ ...(search && { search }), ...pageParams(req) }), toUserRecord),
      ),

    listUserGroups: (userId) =>
      call(`GET /api/v1/users/${userId}/groups`, async () =>
        (await collectAll(sdk.userApi.listUserGroups({ userId }))).map(toGroupRecord),
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
              (
                await collectAll(sdk.groupApi.listGroups({ search: idSearchExpression(part), limit: 200 }))
              ).map(toGroupRecord),
          ),
        getGroup,
        isBadRequest,
      ),

    listGroups: (search, req) =>
      call('GET /api/v1/groups', () =>
        firstPage(sdk.groupApi.listGroups({ ...(search && { search }), ...pageParams(req) }), toGroupRecord),
      ),

    listGroupMembers: (groupId, req) =>
      call(`GET /api/v1/groups/${groupId}/users`, () =>
        firstPage(sdk.groupApi.listGroupUsers({ groupId, ...pageParams(req) }), toUserRecord),
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
          (await collectAll(sdk.applicationApi.listScopeConsentGrants({ appId }))).map(toGrantRecord),
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
