/**
 * The Okta permission catalog as data, copied from Okta's "Roles in Okta" reference (seed
 * okta-roles-permissions-resources.txt). `includes` lists the narrower permissions a permission
 * directly implies: a manage includes its read; users.manage includes the user sub-permissions.
 */

export interface PermissionDef {
  name: string;
  description: string;
  applicableResources: string[];
  /** narrower permissions it directly includes */
  includes: string[];
}

const ALL_USERS = ['All users', 'all users within a specific group'];
const ALL_GROUPS = ['All groups', 'a specific group'];
const ALL_APPS = ['All apps', 'all apps of a specific type', 'a specific app'];
const ALL_AUTHZ = ['All authorization servers', 'a specific authorization server'];
const ALL_FLOWS = ['All delegated flows', 'a specific delegated flow'];
const ALL_DIRECTORIES = [
  'All directory integrations',
  'a specific type of directory integration',
  'a specific directory integration',
];

function def(name: string, description: string, applicableResources: string[], includes: string[] = []) {
  return { name, description, applicableResources, includes } satisfies PermissionDef;
}

export const PERMISSION_CATALOG: readonly PermissionDef[] = [
  def(
    'okta.users.manage',
    'Allows the admin to create and manage users and read all profile and credential information for users. Delegated admins with this permission can only manage user credential fields and not the credential values themselves.',
    ALL_USERS,
    [
      'okta.users.read',
      'okta.users.create',
      'okta.users.credentials.manage',
      'okta.users.userprofile.manage',
      'okta.users.lifecycle.manage',
      'okta.users.groupMembership.manage',
      'okta.users.appAssignment.manage',
    ],
  ),
  def(
    'okta.users.create',
    'Allows the admin to create users. If the admin is also scoped to manage a group, that admin can add the user to the group on creation and then manage.',
    ALL_GROUPS,
  ),
  def(
    'okta.users.read',
    "Allows the admin to read any user's profile and credential information. Delegated admins with this permission can only manage user credential fields and not the credential values themselves.",
    ALL_USERS,
  ),
  def(
    'okta.users.credentials.manage',
    'Allows the admin to manage only credential lifecycle operations for a user',
    ALL_USERS,
    [
      'okta.users.credentials.resetFactors',
      'okta.users.credentials.resetPassword',
      'okta.users.credentials.expirePassword',
    ],
  ),
  def(
    'okta.users.credentials.resetFactors',
    'Allows the admin to reset MFA authenticators for users',
    ALL_USERS,
  ),
  def('okta.users.credentials.resetPassword', 'Allows the admin to reset passwords for users', ALL_USERS),
  def(
    'okta.users.credentials.expirePassword',
    "Allows the admin to expire a user's password and set a new temporary password",
    ALL_USERS,
  ),
  def(
    'okta.users.userprofile.manage',
    'Allows the admin to only perform operations on the user object, including hidden and sensitive attributes',
    ALL_USERS,
  ),
  def('okta.users.lifecycle.manage', 'Allows the admin to perform any user lifecycle operations', ALL_USERS, [
    'okta.users.lifecycle.activate',
    'okta.users.lifecycle.deactivate',
    'okta.users.lifecycle.suspend',
    'okta.users.lifecycle.unsuspend',
    'okta.users.lifecycle.delete',
    'okta.users.lifecycle.unlock',
    'okta.users.lifecycle.clearSessions',
  ]),
  def('okta.users.lifecycle.activate', 'Allows the admin to activate user accounts', ALL_USERS),
  def('okta.users.lifecycle.deactivate', 'Allows the admin to deactivate user accounts', ALL_USERS),
  def(
    'okta.users.lifecycle.suspend',
    'Allows the admin to suspend user access to Okta. When a user is suspended, their user sessions are also cleared.',
    ALL_USERS,
  ),
  def('okta.users.lifecycle.unsuspend', 'Allows the admin to restore user access to Okta', ALL_USERS),
  def('okta.users.lifecycle.delete', 'Allows the admin to permanently delete user accounts', ALL_USERS),
  def(
    'okta.users.lifecycle.unlock',
    'Allows the admin to unlock users who have been locked out of Okta',
    ALL_USERS,
  ),
  def(
    'okta.users.lifecycle.clearSessions',
    'Allows the admin to clear all active Okta sessions and OAuth 2.0 tokens for a user',
    ALL_USERS,
  ),
  def(
    'okta.users.groupMembership.manage',
    "Allows the admin to manage a user's group membership (also need okta.groups.members.manage to assign to a specific group)",
    ALL_USERS,
  ),
  def(
    'okta.users.appAssignment.manage',
    "Allows the admin to manage a user's app assignment (also need okta.apps.assignment.manage to assign to a specific app)",
    ALL_USERS,
  ),
  def('okta.users.apitokens.manage', 'Allows the admin to manage API tokens', ALL_USERS, [
    'okta.users.apitokens.read',
  ]),
  def('okta.users.apitokens.read', 'Allows the admin to view API tokens', ALL_USERS),
  def('okta.groups.manage', 'Allows the admin to fully manage groups in your Okta org', ALL_GROUPS, [
    'okta.groups.read',
    'okta.groups.create',
    'okta.groups.members.manage',
    'okta.groups.appAssignment.manage',
  ]),
  def('okta.groups.create', 'Allows the admin to create groups', ['All groups']),
  def(
    'okta.groups.members.manage',
    'Allows the admin to only manage member operations in a group in your Okta org',
    ALL_GROUPS,
  ),
  def(
    'okta.groups.read',
    'Allows the admin to only read information about groups and their members in your Okta org',
    ALL_GROUPS,
  ),
  def(
    'okta.groups.appAssignment.manage',
    "Allows the admin to manage a group's app assignment (also need okta.apps.assignment.manage to assign to a specific app)",
    ALL_GROUPS,
  ),
  def(
    'okta.apps.read',
    'Allows the admin to only read information about apps and their members in your Okta org',
    ALL_APPS,
  ),
  def(
    'okta.apps.manage',
    'Allows the admin to fully manage apps and their members in your Okta org',
    ALL_APPS,
    ['okta.apps.read', 'okta.apps.assignment.manage', 'okta.apps.clientCredentials.read'],
  ),
  def(
    'okta.apps.assignment.manage',
    'Allows the admin to manage assignment operations of an app in your Okta org and view the following provisioning errors: app assignment, group push mapping, and Error Profile push updates.',
    ALL_APPS,
  ),
  def(
    'okta.apps.clientCredentials.read',
    'Allows the admin to view information about client credentials for the app',
    ALL_APPS,
  ),
  def(
    'okta.profilesources.import.run',
    'Allows the admin to run imports for apps with a profile source, such as HRaaS and AD/LDAP apps. Admins with this permission can create users through the import.',
    ALL_APPS,
  ),
  def('okta.authzServers.read', 'Allows the admin to read authorization servers', ALL_AUTHZ),
  def('okta.authzServers.manage', 'Allows the admin to manage authorization servers', ALL_AUTHZ, [
    'okta.authzServers.read',
  ]),
  def('okta.customizations.read', 'Allows the admin to read customizations', ['All customizations']),
  def(
    'okta.customizations.manage',
    'Allows the admin to manage customizations',
    ['All customizations'],
    ['okta.customizations.read'],
  ),
  def('okta.identityProviders.read', 'Allows the admin to read Identity Providers', [
    'All Identity Providers',
  ]),
  def(
    'okta.identityProviders.manage',
    'Allows the admin to manage Identity Providers',
    ['All Identity Providers'],
    ['okta.identityProviders.read'],
  ),
  def('okta.workflows.read', 'Allows the admin to view delegated flows', ALL_FLOWS),
  def('okta.workflows.invoke', 'Allows the admin to view and run delegated flows', ALL_FLOWS, [
    'okta.workflows.read',
  ]),
  def(
    'okta.governance.accessCertifications.manage',
    'Allows the admin to view and manage access certification campaigns',
    ['All access certifications'],
  ),
  def('okta.governance.accessRequests.manage', 'Allows the admin to view and manage access requests', [
    'All access requests',
  ]),
  // The seed gives "All access requests" as this permission's resources; kept as Okta states it.
  def('okta.apps.manageFirstPartyApps', 'Allows the admin to manage first-party apps', [
    'All access requests',
  ]),
  def(
    'okta.agents.manage',
    'Allows the admin to manage agent communication and agent updates',
    ['All agents'],
    ['okta.agents.view'],
  ),
  def('okta.agents.register', 'Allows the admin to register agents and domains', ['All agents']),
  def('okta.agents.view', 'Allows the admin to download agents and view agent statuses', ['All agents']),
  def(
    'okta.directories.manage',
    'Allows the admin to manage all directory integration settings of an app instance',
    ALL_DIRECTORIES,
    ['okta.directories.read'],
  ),
  def(
    'okta.directories.read',
    'Allows the admin to view the directory integration settings of an app instance',
    ALL_DIRECTORIES,
  ),
  def(
    'okta.devices.manage',
    'Allows the admin to manage devices and perform all device lifecycle operations',
    ['All devices'],
    ['okta.devices.lifecycle.manage', 'okta.devices.read'],
  ),
  def(
    'okta.devices.lifecycle.manage',
    'Allows the admin to perform any device lifecycle operations',
    ['All devices'],
    [
      'okta.devices.lifecycle.activate',
      'okta.devices.lifecycle.deactivate',
      'okta.devices.lifecycle.suspend',
      'okta.devices.lifecycle.unsuspend',
      'okta.devices.lifecycle.delete',
    ],
  ),
  def('okta.devices.lifecycle.activate', 'Allows the admin to activate devices', ['All devices']),
  def(
    'okta.devices.lifecycle.deactivate',
    'Allows the admin to deactivate devices. When you deactivate a device, it loses all device user links.',
    ['All devices'],
  ),
  def('okta.devices.lifecycle.suspend', 'Allows the admin to suspend device access to Okta', ['All devices']),
  def('okta.devices.lifecycle.unsuspend', 'Allows the admin to unsuspend and restore device access to Okta', [
    'All devices',
  ]),
  def('okta.devices.lifecycle.delete', 'Allows the admin to permanently delete devices', ['All devices']),
  def('okta.devices.read', 'Allows the admin to read device details', ['All devices']),
  def('okta.iam.read', 'Allows the admin to view roles, resources, and admin assignments', [
    'All Identity and Access Management resources',
  ]),
  def(
    'okta.realms.manage',
    'Allows the admin to view, create, and manage realms',
    ['All realm resources'],
    ['okta.realms.read'],
  ),
  def('okta.realms.read', 'Allows the admin to view realms', ['All realm resources']),
  def('okta.support.cases.manage', 'Allows the admin to view, create, and manage Okta Support cases', [
    'All Okta Support cases opened by the admin',
  ]),
];
