/**
 * What the gateway's own credential can read: one cheap GET per read of reads.ts (a one-item page
 * where Okta lists), straight through the client (never the cache). A 404 counts as allowed: Okta
 * answered about the object, not about the credential.
 */
import type { CredentialNeeds } from '../iam/readiness/types.ts';
import type { OktaClient } from './client.ts';
import { isNotFound, toUpstreamError, type UpstreamError, upstreamReason } from './errors.ts';
import { type Json, str } from './json.ts';
import { credentialNeeds, type GatewayReadName, OKTA_READS } from './reads.ts';

export interface GatewayReadAccess {
  name: GatewayReadName;
  allowed: boolean;
  /** Okta's status and error code when refused or failed (`403 E0000006`); null when allowed. */
  reason: string | null;
  needs: CredentialNeeds;
}

/** ACCEPTED: Okta answers and takes the credential; REJECTED: a 401 or a refused token request. */
export type CredentialState = 'ACCEPTED' | 'REJECTED' | 'UNREACHABLE';

export interface GatewayAccessReport {
  credential: CredentialState;
  /** One line when REJECTED or UNREACHABLE, naming Okta's answer; null when ACCEPTED. */
  problem: string | null;
  connection: 'API_TOKEN' | 'OAUTH_SERVICE_APP';
  /** The scopes the OAuth credential holds (Okta grants all it asks for, or none); empty for an API token. */
  scopes: string[];
  reads: GatewayReadAccess[];
  /** Epoch ms. */
  checkedAt: number;
}

type Outcome = { ok: true; body: unknown } | { ok: false; error: UpstreamError };

const NOTHING_NEEDED: CredentialNeeds = { scopes: [], adminRoles: [] };

async function probe(client: OktaClient, path: string): Promise<Outcome> {
  try {
    return { ok: true, body: (await client.getJson(path)).body };
  } catch (err) {
    const error = toUpstreamError(err, `GET ${path.split('?')[0]}`);
    return isNotFound(error) ? { ok: true, body: null } : { ok: false, error };
  }
}

const list = (body: unknown): Json[] => (Array.isArray(body) ? (body as Json[]) : []);
const idOf = (item: Json | undefined, key = 'id'): string | null => str(item?.[key]);

/**
 * The credential's whole failure in one line: `Okta rejected the gateway's credential: E0000011
 * Invalid token provided`, `Okta at https://acme.okta.com is unreachable (ECONNREFUSED)`.
 */
function problemLine(error: UpstreamError, orgUrl: string): string {
  if (error.credentialRejected) {
    const said = [error.oktaErrorCode, error.oktaErrorSummary].filter(Boolean).join(' ');
    return `Okta rejected the gateway's credential: ${said || upstreamReason(error)}`;
  }
  return `Okta at ${orgUrl} is unreachable (${upstreamReason(error)})`;
}

/** Probes every read; the org first, since nothing else is worth asking when it fails. */
export async function probeGatewayAccess(
  client: OktaClient,
  options: { scopes: readonly string[] },
): Promise<GatewayAccessReport> {
  const oauth = client.ownClientId !== null;
  const base = {
    connection: oauth ? ('OAUTH_SERVICE_APP' as const) : ('API_TOKEN' as const),
    checkedAt: Date.now(),
  };
  const org = await probe(client, '/api/v1/org');
  if (!org.ok && (org.error.credentialRejected || org.error.code === 'UPSTREAM_UNAVAILABLE')) {
    const reason = upstreamReason(org.error);
    return {
      ...base,
      credential: org.error.credentialRejected ? 'REJECTED' : 'UNREACHABLE',
      problem: problemLine(org.error, client.orgUrl),
      scopes: [],
      reads: OKTA_READS.map((r) => ({ name: r.name, allowed: false, reason, needs: NOTHING_NEEDED })),
    };
  }
  const outcomes = new Map<GatewayReadName, Outcome>([['ORG', org]]);
  const [me, users, clients] = await Promise.all([
    oauth ? Promise.resolve(null) : probe(client, '/api/v1/users/me'),
    probe(client, '/api/v1/users?limit=2'),
    probe(client, '/oauth2/v1/clients?limit=200'),
    ...(
      [
        ['GROUPS', '/api/v1/groups?limit=1'],
        ['APPS', '/api/v1/apps?limit=1'],
        ['ROLE_ASSIGNEES', '/api/v1/iam/assignees/users?limit=1'],
        ['CUSTOM_ROLES', '/api/v1/iam/roles'],
        ['RESOURCE_SETS', '/api/v1/iam/resource-sets'],
        ['SYSTEM_LOG', '/api/v1/logs?limit=1'],
        ['SCHEMAS', '/api/v1/meta/schemas/user/default'],
      ] as const
    ).map(async ([name, path]) => {
      outcomes.set(name, await probe(client, path));
    }),
  ]);
  outcomes.set('USERS', users);
  outcomes.set('CLIENTS', clients);

  // Another principal than the credential's own, where there is one: Okta may let anyone read its own.
  const myUserId = me?.ok ? idOf(me.body as Json) : null;
  const assignees = outcomes.get('ROLE_ASSIGNEES');
  const userIds = [
    ...(users.ok ? list(users.body).map((u) => idOf(u)) : []),
    ...(assignees?.ok ? list((assignees.body as Json | null)?.value).map((u) => idOf(u)) : []),
  ];
  const userId = userIds.find((id) => id !== null && id !== myUserId) ?? myUserId;
  const serviceApps = clients.ok
    ? list(clients.body)
        .filter((c) => c.application_type === 'service')
        .map((c) => idOf(c, 'client_id'))
    : [];
  const clientId = serviceApps.find((id) => id !== null && id !== client.ownClientId) ?? client.ownClientId;
  const dependent: [GatewayReadName, string | null][] = [
    ['ROLE_ASSIGNMENTS', userId && `/api/v1/users/${encodeURIComponent(userId)}/roles`],
    ['CLIENT_ROLES', clientId && `/oauth2/v1/clients/${encodeURIComponent(clientId)}/roles`],
    // For a client made in Okta, the app id is its client id.
    ['APP_GRANTS', clientId && `/api/v1/apps/${encodeURIComponent(clientId)}/grants`],
  ];
  await Promise.all(
    dependent.map(async ([name, path]) => {
      // Nothing to read it of (no user, no service app): nothing the gateway would fail to read.
      outcomes.set(name, path ? await probe(client, path) : { ok: true, body: null });
    }),
  );

  const reads = OKTA_READS.map((r): GatewayReadAccess => {
    const outcome = outcomes.get(r.name);
    if (!outcome || outcome.ok) return { name: r.name, allowed: true, reason: null, needs: NOTHING_NEEDED };
    return {
      name: r.name,
      allowed: false,
      reason: upstreamReason(outcome.error),
      needs: credentialNeeds(r.name, outcome.error, oauth),
    };
  });
  return { ...base, credential: 'ACCEPTED', problem: null, scopes: oauth ? [...options.scopes] : [], reads };
}
