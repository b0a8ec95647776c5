/** The saved GraphiQL tabs for the reverse questions: who can do what, and who holds a role. */
import type { ExampleOrg, ExampleTab } from './graphiql-tabs.ts';

const MANAGE_GROUP = `# Who can manage the membership of a group, and who can reset the passwords of the users in it?
# group:{name} or group:{id}; with a users permission it names the users in the group.
query WhoCanManageGroup($group: String!) {
  membership: whoCan(permission: "okta.groups.members.manage", resource: $group) { ...Grant }
  passwords: whoCan(permission: "okta.users.credentials.resetPassword", resource: $group) { ...Grant }
}

fragment Grant on AccessGrant {
  principal { kind key displayName }
  matchedScope
  grantedBy { role { key label } resourceSet { label } targets }
}`;

const SUPER_ADMINS = `# Which principals hold SUPER_ADMIN: directly, through a group (and who is in it), or as a service app?
query SuperAdmins {
  direct: admins(roles: ["SUPER_ADMIN"], kinds: [USER]) { key displayName }
  throughGroups: admins(roles: ["SUPER_ADMIN"], kinds: [GROUP]) {
    key
    displayName
    ... on Group { members(first: 50) { edges { node { login } } pageInfo { hasNextPage } } }
  }
  serviceApps: admins(roles: ["SUPER_ADMIN"], kinds: [SERVICE_APP]) {
    key
    displayName
    ... on ServiceApp { grantedScopes }
  }
}`;

const SERVICE_APPS_MANAGING_USERS = `# Which service apps can actually manage users: a role that grants okta.users.manage
# and a granted scope that lets their token use it. "/api/v1/users" is the org's users.
query ServiceAppsManagingUsers {
  whoCan(permission: "okta.users.manage", resource: "/api/v1/users", kinds: [SERVICE_APP]) {
    principal { key displayName ... on ServiceApp { grantedScopes } }
    matchedScope
    grantedBy { role { key label } }
  }
}`;

/** The three reverse questions, as GraphiQL tabs: about the demo org's Finance, or any org's Everyone. */
export function whoCanExampleTabs(org: ExampleOrg): ExampleTab[] {
  const group = org === 'demo' ? 'group:Finance' : 'group:Everyone';
  return [
    { query: MANAGE_GROUP, variables: JSON.stringify({ group }, null, 2) },
    { query: SUPER_ADMINS },
    { query: SERVICE_APPS_MANAGING_USERS },
  ];
}
