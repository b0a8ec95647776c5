/**
 * Whole-org list reads that only `snapshot --out FILE` needs: every user, group and app with the
 * fields the org snapshot keeps, and the OAuth clients' public keys. The OktaDirectory serves
 * per-request questions and maps to smaller records; these are one-off sweeps, so they stay out
 * of its interface. Read-only, every page, through the client's rate-limited HTTP.
 */
import { collectLinkPages } from './pagination.ts';

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

/** One GET on the org: `path` is a path + query (/api/v1/users?limit=200) or a full next-page URL. */
export type RawGet = (path: string) => Promise<{ body: unknown; headers: Headers }>;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

async function allPages(get: RawGet, first: string): Promise<Json[]> {
  return (await collectLinkPages(get, first)).map(obj);
}

function optional(profile: Json, name: string): Record<string, string> {
  const value = profile[name];
  return typeof value === 'string' ? { [name]: value } : {};
}

export function createSnapshotReads(get: RawGet): SnapshotReads {
  return {
    async getOrgSettings() {
      const { body } = await get('/api/v1/org');
      const org = obj(body);
      return { id: str(org['id']), companyName: str(org['companyName']), subdomain: str(org['subdomain']) };
    },
    async listAllUsers() {
      const users = await allPages(get, '/api/v1/users?limit=200');
      return users.map((u) => {
        const profile = obj(u['profile']);
        return {
          id: str(u['id']),
          status: str(u['status']),
          created: str(u['created']),
          profile: {
            login: str(profile['login']),
            email: str(profile['email']),
            firstName: str(profile['firstName']),
            lastName: str(profile['lastName']),
            ...optional(profile, 'department'),
            ...optional(profile, 'title'),
          },
        };
      });
    },
    async listAllGroups() {
      const groups = await allPages(get, '/api/v1/groups?limit=1000');
      return groups.map((g) => {
        const profile = obj(g['profile']);
        return {
          id: str(g['id']),
          type: str(g['type']),
          created: str(g['created']),
          name: str(profile['name']),
          description: strOrNull(profile['description']),
        };
      });
    },
    async listAllApps() {
      const apps = await allPages(get, '/api/v1/apps?limit=200');
      return apps.map((a) => {
        const oauthCredentials = obj(obj(a['credentials'])['oauthClient']);
        const oauthSettings = obj(obj(a['settings'])['oauthClient']);
        return {
          id: str(a['id']),
          name: str(a['name']),
          label: str(a['label']),
          status: str(a['status']),
          signOnMode: str(a['signOnMode']),
          created: str(a['created']),
          clientId: strOrNull(oauthCredentials['client_id']),
          applicationType: strOrNull(oauthSettings['application_type']),
          tokenEndpointAuthMethod: strOrNull(oauthCredentials['token_endpoint_auth_method']),
        };
      });
    },
    async listOAuthClients() {
      const clients = await allPages(get, '/oauth2/v1/clients?limit=200');
      return clients.map((c) => {
        const keys = obj(c['jwks'])['keys'];
        return {
          clientId: str(c['client_id']),
          applicationType: strOrNull(c['application_type']),
          tokenEndpointAuthMethod: strOrNull(c['token_endpoint_auth_method']),
          jwks: Array.isArray(keys) ? keys.map(obj) : null,
        };
      });
    },
    async listAppJwks(appId) {
      const { body } = await get(`/api/v1/apps/${encodeURIComponent(appId)}/credentials/jwks`);
      return Array.isArray(body) ? body.map(obj) : [];
    },
  };
}
