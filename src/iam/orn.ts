/**
 * Okta Resource Names: parse, format, and map to and from the Okta REST URLs that name the same
 * resources (seed okta-roles-permissions-resources.txt, "Supported resources").
 */

import type { OrgInfo } from './model.ts';

export interface Orn {
  partition: string;
  service: string;
  orgId: string;
  objectType: string | null;
  objectId: string | null;
  appName: string | null;
  containedResources: boolean;
}

export class OrnError extends Error {
  override name = 'OrnError';
}

/** Longest ORN accepted, in characters. */
export const MAX_ORN_LENGTH = 1024;
export const ORN_PARTITIONS: readonly string[] = ['okta', 'oktapreview'];
const CONTAINED = 'contained_resources';

/** Object types each service documents, and how many parts may follow the type. */
const SERVICE_OBJECT_TYPES: Record<string, Record<string, 'none' | 'id' | 'group' | 'app'>> = {
  directory: { users: 'none', groups: 'group', devices: 'none' },
  idp: {
    apps: 'app',
    identity_provider: 'none',
    authorization_servers: 'id',
    customizations: 'none',
  },
  workflow: { flows: 'id' },
  governance: { certifications: 'none', requests: 'none' },
  iam: {},
  support: { cases: 'none' },
};
const PART_NAMES = ['prefix', 'partition', 'service', 'orgId', 'objectType', 'objectId', 'last part'];

function fail(input: string, why: string): never {
  const shown = input.length > 80 ? `${input.slice(0, 77)}...` : input;
  throw new OrnError(`Invalid ORN "${shown}": ${why}`);
}

/** Parses an ORN; throws OrnError saying which part is wrong and why. */
export function parseOrn(input: string): Orn {
  if (typeof input !== 'string' || input.length === 0) throw new OrnError('Invalid ORN: it is empty');
  if (input.length > MAX_ORN_LENGTH) {
    throw new OrnError(`Invalid ORN: it is ${input.length} characters long; the limit is ${MAX_ORN_LENGTH}`);
  }
  const ws = input.search(/\s/);
  if (ws >= 0) fail(input, `it contains whitespace at position ${ws}`);
  const parts = input.split(':');
  if (parts[0] !== 'orn') fail(input, `it must start with "orn:", not "${parts[0]}:"`);
  if (parts.length < 5) {
    fail(
      input,
      `it has ${parts.length} parts; expected at least 5 (orn:{partition}:{service}:{orgId}:{resource})`,
    );
  }
  if (parts.length > 7) fail(input, `it has ${parts.length} parts; expected at most 7`);
  const empty = parts.indexOf('');
  if (empty >= 0) fail(input, `part ${empty + 1} (${PART_NAMES[empty]}) is empty`);
  const [, partition, service, orgId, ...rest] = parts as [string, string, string, string, ...string[]];
  if (!ORN_PARTITIONS.includes(partition)) {
    fail(
      input,
      `partition "${partition}" is not an Okta partition; expected one of ${ORN_PARTITIONS.join(', ')}`,
    );
  }
  const types = SERVICE_OBJECT_TYPES[service];
  if (!types) {
    fail(
      input,
      `service "${service}" is unknown; expected one of ${Object.keys(SERVICE_OBJECT_TYPES).join(', ')}`,
    );
  }
  if (!/^[A-Za-z0-9]+$/.test(orgId)) fail(input, `orgId "${orgId}" must be letters and digits only`);
  const base = { partition, service, orgId, objectType: null, objectId: null, appName: null };
  const containedAt = rest.indexOf(CONTAINED);
  if (containedAt >= 0 && containedAt !== rest.length - 1) {
    fail(input, `${CONTAINED} must be the last part`);
  }
  if (rest[0] === CONTAINED) {
    if (service !== 'iam') {
      fail(input, `${CONTAINED} right after the org id is only valid for the iam service`);
    }
    return { ...base, containedResources: true };
  }
  if (service === 'iam')
    fail(input, `the iam service names only ${CONTAINED} (orn:{partition}:iam:{orgId}:${CONTAINED})`);
  const [objectType, second, third] = rest as [string, string?, string?];
  if (!/^[a-z][a-z_]*$/.test(objectType)) {
    fail(input, `objectType "${objectType}" must be lower-case letters and underscores`);
  }
  const shape = types[objectType];
  const contained = containedAt >= 0;
  if (shape === 'app') {
    if (contained) fail(input, `${CONTAINED} is not supported for apps`);
    return {
      ...base,
      objectType,
      appName: second ?? null,
      objectId: third ?? null,
      containedResources: false,
    };
  }
  if (shape === 'none' && rest.length > 1) {
    if (contained)
      fail(input, `${CONTAINED} is not supported for ${objectType}; only groups:{groupId}:${CONTAINED}`);
    fail(input, `${objectType} takes no object id, got "${second}"`);
  }
  if (shape === 'id' && rest.length > 2)
    fail(input, `${objectType} takes one object id, got "${second}:${third}"`);
  if (shape === 'id' && contained) fail(input, `${CONTAINED} is not supported for ${objectType}`);
  if (rest.length === 2 && contained) {
    fail(input, `${CONTAINED} needs an object id before it (${objectType}:{id}:${CONTAINED})`);
  }
  if (rest.length === 3 && !contained)
    fail(input, `after ${objectType}:{id} only ${CONTAINED} may follow, got "${third}"`);
  return { ...base, objectType, objectId: second ?? null, containedResources: contained };
}

export function formatOrn(orn: Orn): string {
  const parts = ['orn', orn.partition, orn.service, orn.orgId];
  if (orn.objectType !== null) parts.push(orn.objectType);
  if (orn.appName !== null) parts.push(orn.appName);
  if (orn.objectId !== null) parts.push(orn.objectId);
  if (orn.containedResources) parts.push(CONTAINED);
  return parts.join(':');
}

/** The ORN's REST URL on the org (per the seed's table); null where the resource has none. */
export function ornRestUrl(orn: Orn, orgUrl: string): string | null {
  const api = `${orgUrl.replace(/\/+$/, '')}/api/v1`;
  const id = orn.objectId === null ? null : encodeURIComponent(orn.objectId);
  const key = `${orn.service}:${orn.objectType}`;
  if (key === 'directory:users' && id === null && !orn.containedResources) return `${api}/users`;
  if (key === 'directory:devices' && id === null) return `${api}/devices`;
  if (key === 'directory:groups') {
    if (id === null) return `${api}/groups`;
    return orn.containedResources ? `${api}/groups/${id}/users` : `${api}/groups/${id}`;
  }
  if (key === 'idp:apps') {
    if (id !== null) return `${api}/apps/${id}`;
    if (orn.appName !== null) return `${api}/apps/?filter=name+eq+%22${encodeURIComponent(orn.appName)}%22`;
    return `${api}/apps`;
  }
  if (key === 'idp:identity_provider' && id === null) return `${api}/idps`;
  if (key === 'idp:authorization_servers')
    return id === null ? `${api}/authorizationServers` : `${api}/authorizationServers/${id}`;
  return null;
}

/**
 * The ORN a REST URL on this org names; null for another origin or a URL no ORN matches. A URL of
 * one app (/api/v1/apps/{appId}) needs the app's name: pass `appNameOf`, else null.
 */
export function ornFromRestUrl(
  url: string,
  org: OrgInfo,
  appNameOf?: (appId: string) => string | null | undefined,
): string | null {
  let parsed: URL;
  let orgOrigin: string;
  try {
    parsed = new URL(url, `${org.url}/`);
    orgOrigin = new URL(org.url).origin;
  } catch {
    return null;
  }
  if (parsed.origin !== orgOrigin) return null;
  const segments = parsed.pathname.replace(/\/+$/, '').split('/').slice(1).map(decodeURIComponent);
  if (segments[0] !== 'api' || segments[1] !== 'v1') return null;
  const [collection, id, sub, ...extra] = segments.slice(2);
  if (extra.length > 0 || collection === undefined) return null;
  const orn = (service: string, ...rest: string[]) =>
    ['orn', org.partition, service, org.id, ...rest].join(':');
  const filter = parsed.searchParams.get('filter');
  const hasQuery = [...parsed.searchParams.keys()].some((k) => k === 'filter' || k === 'search' || k === 'q');
  if (collection === 'apps' && id === undefined) {
    if (filter === null) return hasQuery ? null : orn('idp', 'apps');
    const m = /^name eq "([^"]+)"$/.exec(filter.trim());
    return m ? orn('idp', 'apps', m[1]!) : null;
  }
  if (hasQuery) return null;
  if (collection === 'apps' && id !== undefined && sub === undefined) {
    const name = appNameOf?.(id);
    return name ? orn('idp', 'apps', name, id) : null;
  }
  if (collection === 'groups') {
    if (id === undefined) return orn('directory', 'groups');
    if (sub === undefined) return orn('directory', 'groups', id);
    return sub === 'users' ? orn('directory', 'groups', id, CONTAINED) : null;
  }
  if (sub !== undefined) return null;
  if (collection === 'authorizationServers') {
    return id === undefined ? orn('idp', 'authorization_servers') : orn('idp', 'authorization_servers', id);
  }
  if (id !== undefined) return null;
  if (collection === 'users') return orn('directory', 'users');
  if (collection === 'devices') return orn('directory', 'devices');
  if (collection === 'idps') return orn('idp', 'identity_provider');
  return null;
}
