/**
 * Whole-org list reads that only `snapshot --out FILE` needs: every user, group and app with the
 * fields the org snapshot keeps, and the OAuth clients' public keys. The OktaDirectory serves
 * per-request questions and maps to smaller records; these are one-off sweeps, so they stay out
 * of its interface. Read-only, every page, through the client's rate-limited HTTP.
 */
import { type Json, obj, str, text } from './json.ts';
import { collectLinkPages, type GetJson } from './pagination.ts';

export interface UserDetailRecord {
  id: string;
  status: string;
  /** ISO 8601. */
  created: string;
  profile: {
    login: string;
    email: string;
    firstName: string;
    lastName: string;
    department?: string;
    title?: string;
  };
}

export interface GroupDetailRecord {
  id: string;
  type: string;
  created: string;
  name: string;
  description: string | null;
}

export interface AppDetailRecord {
  id: string;
  name: string;
  label: string;
  status: string;
  signOnMode: string;
  created: string;
  /** OAuth 2.0 / OIDC apps: the client id. */
  clientId: string | null;
  applicationType: string | null;
  tokenEndpointAuthMethod: string | null;
}

export interface OAuthClientRecord {
  clientId: string;
  applicationType: string | null;
  tokenEndpointAuthMethod: string | null;
  /** Keys as Okta lists them (public JWKs); the caller still strips private members. */
  jwks: Record<string, unknown>[] | null;
}

export interface OrgSettingsRecord {
  id: string;
  companyName: string;
  subdomain: string;
}

export interface SnapshotReads {
  getOrgSettings(): Promise<OrgSettingsRecord>;
  listAllUsers(): Promise<UserDetailRecord[]>;
  listAllGroups(): Promise<GroupDetailRecord[]>;
  listAllApps(): Promise<AppDetailRecord[]>;
  listOAuthClients(): Promise<OAuthClientRecord[]>;
  /** /api/v1/apps/{appId}/credentials/jwks, for clients whose listing carries no keys. */
  listAppJwks(appId: string): Promise<Record<string, unknown>[]>;
}

function optional(profile: Json, name: string): Record<string, string> {
  const value = profile[name];
  return typeof value === 'string' ? { [name]: value } : {};
}

function toUserDetail(user: unknown): UserDetailRecord {
  const u = obj(user);
  const profile = obj(u['profile']);
  return {
    id: text(u['id']),
    status: text(u['status']),
    created: text(u['created']),
    profile: {
      login: text(profile['login']),
      email: text(profile['email']),
      firstName: text(profile['firstName']),
      lastName: text(profile['lastName']),
      ...optional(profile, 'department'),
      ...optional(profile, 'title'),
    },
  };
}

function toGroupDetail(group: unknown): GroupDetailRecord {
  const g = obj(group);
  const profile = obj(g['profile']);
  return {
    id: text(g['id']),
    type: text(g['type']),
    created: text(g['created']),
    name: text(profile['name']),
    description: str(profile['description']),
  };
}

function toAppDetail(app: unknown): AppDetailRecord {
  const a = obj(app);
  const oauthCredentials = obj(obj(a['credentials'])['oauthClient']);
  return {
    id: text(a['id']),
    name: text(a['name']),
    label: text(a['label']),
    status: text(a['status']),
    signOnMode: text(a['signOnMode']),
    created: text(a['created']),
    clientId: str(oauthCredentials['client_id']),
    applicationType: str(obj(obj(a['settings'])['oauthClient'])['application_type']),
    tokenEndpointAuthMethod: str(oauthCredentials['token_endpoint_auth_method']),
  };
}

function toOAuthClient(client: unknown): OAuthClientRecord {
  const c = obj(client);
  const keys = obj(c['jwks'])['keys'];
  return {
    clientId: text(c['client_id']),
    applicationType: str(c['application_type']),
    tokenEndpointAuthMethod: str(c['token_endpoint_auth_method']),
    jwks: Array.isArray(keys) ? keys.map(obj) : null,
  };
}

export function createSnapshotReads(get: GetJson): SnapshotReads {
  const all = async <T>(firstUrl: string, map: (item: unknown) => T): Promise<T[]> =>
    (await collectLinkPages(get, firstUrl)).map(map);
  return {
    async getOrgSettings() {
      const org = obj((await get('/api/v1/org')).body);
      return {
        id: text(org['id']),
        companyName: text(org['companyName']),
        subdomain: text(org['subdomain']),
      };
    },
    listAllUsers: () => all('/api/v1/users?limit=200', toUserDetail),
    listAllGroups: () => all('/api/v1/groups?limit=1000', toGroupDetail),
    listAllApps: () => all('/api/v1/apps?limit=200', toAppDetail),
    listOAuthClients: () => all('/oauth2/v1/clients?limit=200', toOAuthClient),
    async listAppJwks(appId) {
      const { body } = await get(`/api/v1/apps/${encodeURIComponent(appId)}/credentials/jwks`);
      return Array.isArray(body) ? body.map(obj) : [];
    },
  };
}
