/**
 * Which cache entries a System Log event makes stale: exactly the reads whose answer it changes.
 * A membership change drops a user's role list only when the group holds an admin role; a group's
 * own role change drops every cached user role list too (a user's list includes its groups' roles,
 * and the cache does not know the group's members).
 */
import {
  isAppTarget,
  isClientTarget,
  isCustomRoleTarget,
  isGroupTarget,
  isResourceSetTarget,
  isUserTarget,
  type LogTarget,
  type SystemLogEvent,
} from '../iam/admin-changes.ts';
import { type CacheRef, CACHE_KEYS as K } from './cache.ts';

type Touches = (event: SystemLogEvent, groupHoldsRoles: (groupId: string) => boolean) => CacheRef[];

const target = (event: SystemLogEvent, test: (t: LogTarget) => boolean) => event.targets.find(test);
const id = (event: SystemLogEvent, test: (t: LogTarget) => boolean) => target(event, test)?.id ?? null;

function userRoles(userId: string | null): CacheRef[] {
  return [userId ? K.userRoles(userId) : K.everyUserRoles, K.roleAssignees];
}

function groupRoles(groupId: string | null): CacheRef[] {
  return [...(groupId ? [K.groupRoles(groupId)] : []), K.adminGroups, K.roleAssignees, K.everyUserRoles];
}

const clientOf = (event: SystemLogEvent) => id(event, isClientTarget) ?? id(event, isAppTarget);

/** The roles of whoever the event names: a user, a group (and so its members), or a client. */
function principalRoles(event: SystemLogEvent): CacheRef[] {
  const user = id(event, isUserTarget);
  if (user) return userRoles(user);
  const group = id(event, isGroupTarget);
  if (group) return groupRoles(group);
  const client = clientOf(event);
  if (client) return [K.clientRoles(client)];
  return [...groupRoles(null), { kind: 'roleAssignment', prefix: 'client:' }];
}

const customRole: Touches = (event) => {
  const role = id(event, isCustomRoleTarget);
  return [role ? K.permissions(role) : { kind: 'catalog', prefix: 'permissions:' }];
};

const resourceSetParts = (event: SystemLogEvent, part: 'resources' | 'bindings'): CacheRef => {
  const set = id(event, isResourceSetTarget);
  return set ? K[part](set) : { kind: 'catalog', prefix: `${part}:` };
};

function membership(event: SystemLogEvent, groupHoldsRoles: (groupId: string) => boolean): CacheRef[] {
  const group = id(event, isGroupTarget);
  if (group && !groupHoldsRoles(group)) return [];
  return userRoles(id(event, isUserTarget));
}

function scopeGrants(event: SystemLogEvent): CacheRef[] {
  const scope = event.targets.find((t) => t.detailEntry['publicclientapp']);
  const app = id(event, isAppTarget) ?? clientOf(event) ?? scope?.detailEntry['publicclientapp'] ?? null;
  return [app ? K.grants(app) : K.everyGrants];
}

function userRecord(event: SystemLogEvent): CacheRef[] {
  const user = target(event, isUserTarget);
  if (!user)
    return [
      { kind: 'principal', prefix: 'user:' },
      { kind: 'principal', prefix: 'login:' },
    ];
  return [
    K.userById(user.id),
    user.alternateId ? K.userByLogin(user.alternateId) : { kind: 'principal', prefix: 'login:' },
  ];
}

function groupRecord(event: SystemLogEvent): CacheRef[] {
  const group = id(event, isGroupTarget);
  return [group ? K.groupById(group) : { kind: 'principal', prefix: 'group:' }];
}

function appRecord(event: SystemLogEvent): CacheRef[] {
  const app = id(event, isAppTarget);
  return [app ? K.app(app) : { kind: 'catalog', prefix: 'app:' }, K.serviceApps, K.everyServiceApp];
}

/** Okta's event types the follower reads, and what each one touches. */
const TOUCHES: Readonly<Record<string, Touches>> = {
  'user.account.privilege.grant': (e) => userRoles(id(e, isUserTarget)),
  'user.account.privilege.revoke': (e) => userRoles(id(e, isUserTarget)),
  'group.privilege.grant': (e) => groupRoles(id(e, isGroupTarget)),
  'group.privilege.revoke': (e) => groupRoles(id(e, isGroupTarget)),
  'app.oauth2.client.privilege.grant': (e) => principalRoles(e),
  'app.oauth2.client.privilege.revoke': (e) => principalRoles(e),
  'group.user_membership.add': membership,
  'group.user_membership.remove': membership,
  'iam.role.permissions.add': customRole,
  'iam.role.permissions.delete': customRole,
  'iam.role.permission.conditions.add': customRole,
  'iam.role.permission.conditions.delete': customRole,
  'iam.role.create': (e) => [K.customRoles, ...customRole(e, () => true)],
  'iam.role.update': (e) => [K.customRoles, ...customRole(e, () => true)],
  'iam.role.delete': (e) => [K.customRoles, ...customRole(e, () => true)],
  'iam.resourceset.resources.add': (e) => [resourceSetParts(e, 'resources')],
  'iam.resourceset.resources.delete': (e) => [resourceSetParts(e, 'resources')],
  'iam.resourceset.resources.update': (e) => [resourceSetParts(e, 'resources')],
  'iam.resourceset.bindings.add': (e) => [resourceSetParts(e, 'bindings'), ...principalRoles(e)],
  'iam.resourceset.bindings.delete': (e) => [resourceSetParts(e, 'bindings'), ...principalRoles(e)],
  'iam.resourceset.create': (e) => [K.resourceSets, resourceSetParts(e, 'resources')],
  'iam.resourceset.update': (e) => [K.resourceSets, resourceSetParts(e, 'resources')],
  'iam.resourceset.delete': (e) => [
    K.resourceSets,
    resourceSetParts(e, 'resources'),
    resourceSetParts(e, 'bindings'),
    ...groupRoles(null),
    { kind: 'roleAssignment', prefix: 'client:' },
  ],
  'app.oauth2.admin.consent.grant': scopeGrants,
  'app.oauth2.admin.consent.revoke': scopeGrants,
  'user.lifecycle.activate': userRecord,
  'user.lifecycle.deactivate': userRecord,
  'user.lifecycle.suspend': userRecord,
  'user.lifecycle.unsuspend': userRecord,
  'user.lifecycle.reactivate': userRecord,
  'user.lifecycle.delete.initiated': userRecord,
  'user.account.update_profile': userRecord,
  'group.profile.update': groupRecord,
  'group.lifecycle.delete': (e) => [...groupRecord(e), ...groupRoles(id(e, isGroupTarget))],
  'application.lifecycle.activate': appRecord,
  'application.lifecycle.deactivate': appRecord,
  'application.lifecycle.update': appRecord,
  'application.lifecycle.delete': appRecord,
};

/** The event types whose events can make a cache entry stale: the follower's `filter`. */
export const CACHE_EVENT_TYPES: readonly string[] = Object.keys(TOUCHES);

/** Whether the event is a membership change, whose effect depends on the group holding a role. */
export function membershipGroupOf(event: SystemLogEvent): string | null {
  return event.eventType.startsWith('group.user_membership.') ? id(event, isGroupTarget) : null;
}

/**
 * The entries `event` makes stale. `groupHoldsRoles` answers for the group of a membership
 * change (the follower reads it before; an unknown answer should be true). Failed attempts
 * change nothing.
 */
export function cacheRefsTouchedBy(
  event: SystemLogEvent,
  groupHoldsRoles: (groupId: string) => boolean,
): CacheRef[] {
  if (event.outcome !== null && event.outcome !== 'SUCCESS') return [];
  return TOUCHES[event.eventType]?.(event, groupHoldsRoles) ?? [];
}
