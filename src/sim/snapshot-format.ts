/**
 * The org snapshot format, version 1: a whole Okta org's IAM data as one JSON document. The
 * simulator serves it (`sim --org FILE`), the demo generator produces it, `snapshot --out FILE`
 * writes it from a real org. It holds no secret: no token, no private key, no client secret.
 *
 * The simulator owns this format and imports nothing from iam, okta or schema.
 */

export const SNAPSHOT_FORMAT = 'okta-iam-graphql/org-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface OrgSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  org: SnapshotOrg;
  users: SnapshotUser[];
  groups: SnapshotGroup[];
  /** Group memberships: one entry per group that has members. */
  memberships: SnapshotMembership[];
  apps: SnapshotApp[];
  /** Okta API scope grants of apps (service apps' scopes). */
  grants: SnapshotGrant[];
  customRoles: SnapshotCustomRole[];
  resourceSets: SnapshotResourceSet[];
  /** Standard-role assignments (custom-role assignments are derived from resource-set bindings). */
  roleAssignments: SnapshotRoleAssignment[];
  /** A handful of System Log events; optional. */
  systemLog?: SnapshotLogEvent[];
}

export interface SnapshotOrg {
  /** 00o... */
  id: string;
  companyName: string;
  subdomain: string;
  /** okta (production) or oktapreview. */
  partition: 'okta' | 'oktapreview';
}

export interface SnapshotUser {
  /** 00u... */
  id: string;
  status:
    | 'ACTIVE'
    | 'STAGED'
    | 'PROVISIONED'
    | 'RECOVERY'
    | 'PASSWORD_EXPIRED'
    | 'LOCKED_OUT'
    | 'SUSPENDED'
    | 'DEPROVISIONED';
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

export interface SnapshotGroup {
  /** 00g... */
  id: string;
  type: 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';
  created: string;
  profile: { name: string; description: string | null };
}

export interface SnapshotMembership {
  groupId: string;
  userIds: string[];
}

export interface SnapshotApp {
  /** 0oa... */
  id: string;
  /** App definition key: oidc_client, salesforce, bookmark, ... */
  name: string;
  label: string;
  status: 'ACTIVE' | 'INACTIVE';
  signOnMode: string;
  created: string;
  /** OAuth 2.0 / OIDC apps only. For a service app, clientId equals the app id. */
  oauthClient?: {
    clientId: string;
    applicationType: 'service' | 'web' | 'native' | 'browser';
    tokenEndpointAuthMethod: 'private_key_jwt' | 'client_secret_basic' | 'client_secret_post' | 'none';
    /** Public keys only (JWK), for private_key_jwt. */
    jwks?: { keys: Record<string, unknown>[] };
  };
}

export interface SnapshotGrant {
  /** oag... */
  id: string;
  appId: string;
  /** okta.users.read, ... */
  scopeId: string;
  status: 'ACTIVE' | 'REVOKED';
  created: string;
}

export interface SnapshotCustomRole {
  /** cr0... */
  id: string;
  label: string;
  description: string;
  permissions: string[];
  created: string;
}

export interface SnapshotResourceSet {
  /** iam... */
  id: string;
  label: string;
  description: string;
  created: string;
  /** Resource ORNs, as Okta returns them in `orn`. */
  resources: string[];
  bindings: SnapshotBinding[];
}

export interface SnapshotBinding {
  /** A custom role id (cr0...) or an IAM-based standard role type (ACCESS_REQUESTS_ADMIN). */
  role: string;
  members: { type: 'USER' | 'GROUP' | 'CLIENT'; id: string }[];
}

export interface SnapshotRoleAssignment {
  principalType: 'USER' | 'GROUP' | 'CLIENT';
  /** User id, group id, or a service app's client id. */
  principalId: string;
  /** Standard role type: SUPER_ADMIN, APP_ADMIN, ... */
  type: string;
  status: 'ACTIVE' | 'INACTIVE';
  created: string;
  /** Group ids the role is limited to (USER_ADMIN, HELP_DESK_ADMIN, GROUP_MEMBERSHIP_ADMIN). */
  groupTargets?: string[];
  /** App targets (APP_ADMIN): a whole app type (`appId` absent) or one instance. */
  appTargets?: { name: string; appId?: string }[];
}

export interface SnapshotLogEvent {
  uuid: string;
  published: string;
  eventType: string;
  displayMessage: string;
  severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  actorId: string;
  /** What the event is about, as Okta's LogEvent `target` lists it; absent: none. */
  target?: SnapshotLogTarget[];
  /** Okta's `debugContext.debugData` (e.g. `privilegeGranted`); absent: empty. */
  debugData?: Record<string, string>;
}

export interface SnapshotLogTarget {
  id: string;
  /** User, UserGroup, AppInstance, PublicClientApp, ... */
  type: string;
  alternateId: string;
  displayName: string;
  detailEntry?: Record<string, string>;
}
