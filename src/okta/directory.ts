import type { SystemLogEvent } from '../iam/admin-changes.ts';
import type {
  AppRecord,
  CustomRoleRecord,
  GrantRecord,
  GroupRecord,
  OrgInfo,
  Page,
  ResourceRecord,
  ResourceSetBindingRecord,
  ResourceSetRecord,
  RoleAssignmentRecord,
  ServiceAppRecord,
  UserRecord,
} from '../iam/model.ts';
import type { LogQuery } from './system-log.ts';

export interface PageRequest {
  /** Page size; Okta's maximum for the endpoint applies. */
  limit?: number;
  after?: string | null;
}

/**
 * The narrow view of Okta the rest of the gateway depends on. Every method is a read; each
 * returns plain backing records, never SDK classes. Methods that take many ids batch them.
 * Implemented over the SDK by createOktaDirectory (okta-directory.ts); createCachedDirectory
 * (cache.ts) puts the shared cache in front of one.
 */
export interface OktaDirectory {
  getOrg(): Promise<OrgInfo>;
  /** The user behind the API token (/api/v1/users/me); null in OAuth mode. */
  getCurrentUser(): Promise<UserRecord | null>;
  /** The client id the gateway signs in with in OAuth mode; null in API-token mode. */
  readonly ownClientId: string | null;

  /** One result per id, in order; null for an id Okta does not know. */
  getUsersByIds(ids: readonly string[]): Promise<(UserRecord | null)[]>;
  getUserByLogin(login: string): Promise<UserRecord | null>;
  listUsers(search: string | null, page: PageRequest): Promise<Page<UserRecord>>;
  listUserGroups(userId: string): Promise<GroupRecord[]>;
  /** Direct and group-inherited assignments, with targets. */
  listUserRoles(userId: string): Promise<RoleAssignmentRecord[]>;
  /**
   * Every user holding a role assignment (/api/v1/iam/assignees/users), all pages. `onPage` sees
   * each page's ids as it arrives (not when the list comes from a cache), so work can start early.
   */
  listRoleAssigneeUserIds(onPage?: (ids: readonly string[]) => void): Promise<string[]>;

  getGroupsByIds(ids: readonly string[]): Promise<(GroupRecord | null)[]>;
  listGroups(search: string | null, page: PageRequest): Promise<Page<GroupRecord>>;
  listGroupMembers(groupId: string, page: PageRequest): Promise<Page<UserRecord>>;
  listGroupRoles(groupId: string): Promise<RoleAssignmentRecord[]>;
  /**
   * Ids of groups Okta flags as holding an admin role (`GET /api/v1/groups?expand=stats`,
   * `_embedded.stats.hasAdminPrivlege`), all pages.
   */
  listAdminGroupIds(): Promise<string[]>;

  getApp(appId: string): Promise<AppRecord | null>;
  listAppGrants(appId: string): Promise<GrantRecord[]>;
  /** OAuth 2.0 clients whose application_type is service, all pages. */
  listServiceApps(): Promise<ServiceAppRecord[]>;
  getServiceApp(clientId: string): Promise<ServiceAppRecord | null>;
  listClientRoles(clientId: string): Promise<RoleAssignmentRecord[]>;

  listCustomRoles(): Promise<CustomRoleRecord[]>;
  /** The permission names of one custom role. */
  listCustomRolePermissions(roleId: string): Promise<string[]>;
  listResourceSets(): Promise<Omit<ResourceSetRecord, 'resources' | 'bindings'>[]>;
  listResourceSetResources(resourceSetId: string): Promise<ResourceRecord[]>;
  /** Bindings with their members, all pages. */
  listResourceSetBindings(resourceSetId: string): Promise<ResourceSetBindingRecord[]>;

  /** System Log events of a bounded read (until defaults to now), oldest first, all pages. */
  listLogEvents(query: LogQuery): Promise<SystemLogEvent[]>;
}
