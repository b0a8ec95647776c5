/**
 * Which granted OAuth scopes let a service app's token use an `okta.*` admin permission. A service
 * app acts with the intersection of its roles and its scopes: a role that grants
 * okta.users.manage is of no use to a token holding only okta.users.read.
 *
 * Okta names a read scope and a manage scope per API area (okta.users.read, okta.users.manage);
 * a manage scope also allows that area's reads. The areas of the permission families:
 */
const AREA_OF_FAMILY: Record<string, string> = {
  users: 'okta.users',
  groups: 'okta.groups',
  apps: 'okta.apps',
  iam: 'okta.roles',
  devices: 'okta.devices',
  authzServers: 'okta.authorizationServers',
  customizations: 'okta.brands',
  identityProviders: 'okta.idps',
  realms: 'okta.realms',
  directories: 'okta.directories',
  agents: 'okta.agentPools',
};

/**
 * Permissions whose API calls live in another area than their family: the scope of the Management
 * API operation that uses them (assigning a user to a group is PUT /api/v1/groups/{id}/users/{id},
 * okta.groups.manage; assigning an app is POST /api/v1/apps/{id}/users, okta.apps.manage).
 */
const SCOPES_OF: Record<string, string[]> = {
  'okta.users.groupMembership.manage': ['okta.groups.manage'],
  'okta.users.appAssignment.manage': ['okta.apps.manage'],
  'okta.groups.appAssignment.manage': ['okta.apps.manage'],
  'okta.users.apitokens.read': ['okta.apiTokens.read', 'okta.apiTokens.manage'],
  'okta.users.apitokens.manage': ['okta.apiTokens.manage'],
  // Okta Identity Governance names a scope per governance area (developer.okta.com/docs/api/iga/oauth2).
  'okta.governance.accessCertifications.manage': ['okta.governance.accessCertifications.manage'],
  'okta.governance.accessRequests.manage': ['okta.governance.accessRequests.manage'],
  // Running a delegated flow: okta.workflows.invoke.manage; the spec's support-case update: okta.orgs.manage.
  'okta.workflows.invoke': ['okta.workflows.invoke.manage'],
  'okta.support.cases.manage': ['okta.orgs.manage'],
};

/** Permissions that only read: `okta.users.read`, `okta.apps.clientCredentials.read`, `okta.agents.view`. */
function onlyReads(permission: string): boolean {
  return /\.(read|view)$/.test(permission);
}

/**
 * The OAuth scopes any one of which lets a token use `permission`, read scope first; empty when
 * no scope is known to (an unknown family): the gateway then never claims the token can use it.
 */
export function scopesAllowing(permission: string): string[] {
  const exact = SCOPES_OF[permission];
  if (exact) return [...exact];
  const family = permission.split('.')[1] ?? '';
  const area = AREA_OF_FAMILY[family];
  if (!permission.startsWith('okta.') || !area) return [];
  return onlyReads(permission) ? [`${area}.read`, `${area}.manage`] : [`${area}.manage`];
}

/** Of `granted`, the scopes that let a token use `permission`, in the order granted. */
export function grantedScopesAllowing(permission: string, granted: Iterable<string>): string[] {
  const allowing = new Set(scopesAllowing(permission));
  return [...granted].filter((scope) => allowing.has(scope));
}
