/**
 * Every read the gateway makes of Okta, by the name `gatewayAccess` reports it under: the GET
 * operations (Okta's OpenAPI path templates), the OAuth scope their `security` lists, and what
 * the credential's owner must hold. The default OAuth scopes (src/config.ts) are exactly these
 * scopes; test/okta/reads.test.ts checks both against ../shared/okta-openapi.
 */
import type { CredentialNeeds } from '../iam/readiness/types.ts';
import type { UpstreamError } from './errors.ts';

export type GatewayReadName =
  | 'ORG'
  | 'USERS'
  | 'GROUPS'
  | 'APPS'
  | 'ROLE_ASSIGNMENTS'
  | 'ROLE_ASSIGNEES'
  | 'CUSTOM_ROLES'
  | 'RESOURCE_SETS'
  | 'CLIENTS'
  | 'CLIENT_ROLES'
  | 'APP_GRANTS'
  | 'SYSTEM_LOG'
  | 'SCHEMAS';

export interface OktaRead {
  name: GatewayReadName;
  /** In words, for log lines: `app grants`. */
  label: string;
  /** The GET operations of this read, as Okta's OpenAPI names their paths. */
  paths: readonly string[];
  /** The OAuth scope Okta's OpenAPI lists for every one of them. */
  scope: string;
  /**
   * Any one of these lets the credential's owner make the read: a standard role type, or a
   * permission a custom role holds. Listing admin roles needs a Super Administrator or
   * okta.iam.read; app grants need a Super Administrator (design/architecture.md). The other reads
   * need an admin role; READ_ONLY_ADMIN is the least that reads them.
   */
  adminRoles: readonly string[];
  /** What the gateway cannot do without it. */
  without: string;
}

const IAM_READERS = ['SUPER_ADMIN', 'okta.iam.read'];

export const OKTA_READS: readonly OktaRead[] = [
  {
    name: 'ORG',
    label: 'the org',
    paths: ['/api/v1/org'],
    scope: 'okta.orgs.read',
    adminRoles: ['READ_ONLY_ADMIN'],
    without: 'ORNs and verdicts need the org id and will fail',
  },
  {
    name: 'USERS',
    label: 'users',
    paths: ['/api/v1/users', '/api/v1/users/{id}', '/api/v1/users/{id}/groups'],
    scope: 'okta.users.read',
    adminRoles: ['READ_ONLY_ADMIN'],
    without: 'users cannot be found or listed',
  },
  {
    name: 'GROUPS',
    label: 'groups',
    paths: ['/api/v1/groups', '/api/v1/groups/{groupId}', '/api/v1/groups/{groupId}/users'],
    scope: 'okta.groups.read',
    adminRoles: ['READ_ONLY_ADMIN'],
    without: 'groups cannot be found or listed',
  },
  {
    name: 'APPS',
    label: 'apps',
    paths: ['/api/v1/apps', '/api/v1/apps/{appId}', '/api/v1/apps/{appId}/credentials/jwks'],
    scope: 'okta.apps.read',
    adminRoles: ['READ_ONLY_ADMIN'],
    without: 'app targets cannot be named and snapshots fail',
  },
  {
    name: 'ROLE_ASSIGNMENTS',
    label: 'role assignments',
    paths: [
      '/api/v1/users/{userId}/roles',
      '/api/v1/users/{userId}/roles/{roleAssignmentId}/targets/groups',
      '/api/v1/users/{userId}/roles/{roleAssignmentId}/targets/catalog/apps',
      '/api/v1/groups/{groupId}/roles',
      '/api/v1/groups/{groupId}/roles/{roleAssignmentId}/targets/groups',
      '/api/v1/groups/{groupId}/roles/{roleAssignmentId}/targets/catalog/apps',
    ],
    scope: 'okta.roles.read',
    adminRoles: IAM_READERS,
    without: 'user and group verdicts will be UNKNOWN',
  },
  {
    name: 'ROLE_ASSIGNEES',
    label: 'role assignees',
    paths: ['/api/v1/iam/assignees/users'],
    scope: 'okta.roles.read',
    adminRoles: IAM_READERS,
    without: 'admins cannot be listed',
  },
  {
    name: 'CUSTOM_ROLES',
    label: 'custom roles',
    paths: ['/api/v1/iam/roles', '/api/v1/iam/roles/{roleIdOrLabel}/permissions'],
    scope: 'okta.roles.read',
    adminRoles: IAM_READERS,
    without: 'verdicts that rest on a custom role will be UNKNOWN',
  },
  {
    name: 'RESOURCE_SETS',
    label: 'resource sets',
    paths: [
      '/api/v1/iam/resource-sets',
      '/api/v1/iam/resource-sets/{resourceSetIdOrLabel}/resources',
      '/api/v1/iam/resource-sets/{resourceSetIdOrLabel}/bindings',
      '/api/v1/iam/resource-sets/{resourceSetIdOrLabel}/bindings/{roleIdOrLabel}/members',
    ],
    scope: 'okta.roles.read',
    adminRoles: IAM_READERS,
    without: 'verdicts that rest on a resource set will be UNKNOWN',
  },
  {
    name: 'CLIENTS',
    label: 'OAuth clients',
    paths: ['/oauth2/v1/clients', '/oauth2/v1/clients/{clientId}'],
    scope: 'okta.clients.read',
    adminRoles: ['READ_ONLY_ADMIN'],
    without: 'service apps cannot be found or listed',
  },
  {
    name: 'CLIENT_ROLES',
    label: 'role assignments of service apps',
    paths: [
      '/oauth2/v1/clients/{clientId}/roles',
      '/oauth2/v1/clients/{clientId}/roles/{roleAssignmentId}/targets/groups',
      '/oauth2/v1/clients/{clientId}/roles/{roleAssignmentId}/targets/catalog/apps',
    ],
    scope: 'okta.roles.read',
    adminRoles: IAM_READERS,
    without: 'service-app verdicts will be UNKNOWN',
  },
  {
    name: 'APP_GRANTS',
    label: 'app grants',
    paths: ['/api/v1/apps/{appId}/grants'],
    scope: 'okta.appGrants.read',
    adminRoles: ['SUPER_ADMIN'],
    without: 'service-app verdicts will be UNKNOWN',
  },
  {
    name: 'SYSTEM_LOG',
    label: 'the System Log',
    paths: ['/api/v1/logs'],
    scope: 'okta.logs.read',
    adminRoles: ['REPORT_ADMIN'],
    without: 'admin changes cannot be read, and the cache keeps its short TTLs',
  },
  {
    name: 'SCHEMAS',
    label: 'the user schema',
    paths: ['/api/v1/meta/schemas/user/{schemaId}'],
    scope: 'okta.schemas.read',
    adminRoles: ['APP_ADMIN'],
    without: 'custom profile attributes cannot be read',
  },
];

/** GET operations the gateway makes that need no credential (their `security` is empty). */
export const UNAUTHENTICATED_PATHS: readonly string[] = ['/.well-known/okta-organization'];

export function oktaRead(name: GatewayReadName): OktaRead {
  const read = OKTA_READS.find((r) => r.name === name);
  if (!read) throw new Error(`no Okta read named ${name}`);
  return read;
}

/**
 * What the credential needs for a read Okta refused: in OAuth mode the scope when the 403 says
 * insufficient_scope (then the owner's roles are still to be seen, so they are named too); the
 * owner's admin roles otherwise. A failure that is not a refusal (5xx, timeout) needs nothing.
 */
export function credentialNeeds(
  name: GatewayReadName,
  error: UpstreamError,
  oauth: boolean,
): CredentialNeeds {
  if (error.code !== 'UPSTREAM_FORBIDDEN') return { scopes: [], adminRoles: [] };
  const read = oktaRead(name);
  return { scopes: oauth && error.scopeRefused ? [read.scope] : [], adminRoles: [...read.adminRoles] };
}

/** `okta.roles.read and SUPER_ADMIN or okta.iam.read`, for log lines. */
export function describeNeeds(needs: CredentialNeeds): string {
  return [needs.scopes.join(' and '), needs.adminRoles.join(' or ')].filter(Boolean).join(' and ');
}
