/**
 * The domain's backing models: small plain records that `src/okta` maps Okta's answers into and
 * that `src/iam` computes over. No SDK class, GraphQL type or HTTP detail ever appears here.
 */

/** The org the gateway reads: its id and partition are part of every ORN. */
export interface OrgInfo {
  /** Okta org id (00o...). */
  id: string;
  /** `okta` for production orgs, `oktapreview` for preview orgs. */
  partition: string;
  /** Base URL of the org, no trailing slash: https://acme.okta.com or http://127.0.0.1:PORT. */
  url: string;
}

export interface UserRecord {
  id: string;
  login: string;
  email: string | null;
  displayName: string;
  status: string;
}

export interface GroupRecord {
  id: string;
  name: string;
  description: string | null;
  /** OKTA_GROUP, APP_GROUP or BUILT_IN. */
  type: string;
}

export interface AppRecord {
  id: string;
  /** The app definition's key name (oidc_client, salesforce, ...): the {appName} of app ORNs. */
  name: string;
  label: string;
  status: string;
  signOnMode: string;
}

/** An OAuth 2.0 client registered as an API Services (service) app. */
export interface ServiceAppRecord {
  clientId: string;
  /** The Okta app id (0oa...). For Okta clients the app id is the client id. */
  appId: string;
  name: string;
  applicationType: string;
}

/** An Okta API scope granted to an app (/api/v1/apps/{appId}/grants). */
export interface GrantRecord {
  id: string;
  scopeId: string;
  /** ACTIVE or REVOKED. */
  status: string;
}

export type PrincipalKind = 'USER' | 'GROUP' | 'SERVICE_APP';
export type AssignmentType = 'USER' | 'GROUP' | 'CLIENT';

/** A target that narrows a standard role: a group, an app type, or one app instance. */
export type RoleTarget =
  | { kind: 'GROUP'; groupId: string }
  | { kind: 'APP'; appName: string; appId: string | null };

/** One role assignment as seen on one principal's list. */
export interface RoleAssignmentRecord {
  /** Okta's id. Okta reuses ids across principals: pair it with the principal for identity. */
  id: string;
  /** The principal whose list this came from (user id, group id or client id). */
  principalKind: PrincipalKind;
  principalKey: string;
  /** Standard role type (SUPER_ADMIN, ...), an IAM-based type, or CUSTOM. Unknown types are kept. */
  type: string;
  label: string;
  status: string;
  assignmentType: AssignmentType;
  /** Custom roles: the custom role id (cr0...). */
  customRoleId: string | null;
  /** Custom and IAM-based roles: the resource set id (iam...). */
  resourceSetId: string | null;
  /** On a user's list, when assignmentType is GROUP: the group it comes from. */
  inheritedFromGroupId: string | null;
  /** Group and app targets; null when the role applies org-wide or takes no targets. */
  targets: RoleTarget[] | null;
}

export interface CustomRoleRecord {
  id: string;
  label: string;
  description: string | null;
  /** Permission names (okta.users.read, ...), as Okta lists them for the role. */
  permissions: string[];
}

export interface ResourceRecord {
  id: string;
  orn: string;
}

export interface BindingMemberRecord {
  id: string;
  /** The member's href as Okta gives it (/api/v1/users/{id}, /api/v1/groups/{id}, /oauth2/v1/clients/{id}). */
  href: string;
}

export interface ResourceSetBindingRecord {
  resourceSetId: string;
  /** A custom role id (cr0...) or an IAM-based standard role type. */
  roleId: string;
  members: BindingMemberRecord[];
}

export interface ResourceSetRecord {
  id: string;
  label: string;
  description: string | null;
  resources: ResourceRecord[];
  bindings: ResourceSetBindingRecord[];
}

/** One page of a list Okta pages with a cursor. */
export interface Page<T> {
  items: T[];
  /** The opaque `after` cursor of the next page; null on the last page. */
  nextCursor: string | null;
}
