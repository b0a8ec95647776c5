/**
 * Admin-access changes in Okta's System Log: which events change who holds admin access, and how.
 * Pure: src/okta maps Okta's LogEvent JSON into SystemLogEvent; this file classifies, given which
 * groups hold an admin role. Event types, target shapes and sources: docs/admin-changes.md.
 */
import { STANDARD_ROLES } from './standard-roles.ts';

/** One System Log event, the parts a change feed reads. */
export interface SystemLogEvent {
  uuid: string;
  /** ISO 8601. */
  published: string;
  eventType: string;
  displayMessage: string;
  /** `outcome.result` (SUCCESS, FAILURE, ...); null when Okta gives none. */
  outcome: string | null;
  actor: LogActor | null;
  targets: LogTarget[];
  /** `debugContext.debugData`, string values only (privilegeGranted, ...). */
  debugData: Record<string, string>;
}

export interface LogActor {
  id: string;
  /** User, PublicClientApp, SystemPrincipal, ... */
  type: string;
  alternateId: string | null;
}

export interface LogTarget {
  id: string;
  /** User, UserGroup, AppInstance, PublicClientApp, ... */
  type: string;
  alternateId: string | null;
  displayName: string | null;
  /** `detailEntry`, string values only. */
  detailEntry: Record<string, string>;
}

export const ADMIN_CHANGE_KINDS = [
  'ROLE_GRANTED',
  'ROLE_REVOKED',
  'ROLE_CHANGED',
  'RESOURCE_SET_CHANGED',
  'ADMIN_GROUP_MEMBER_ADDED',
  'ADMIN_GROUP_MEMBER_REMOVED',
  'SCOPE_GRANTED',
  'SCOPE_REVOKED',
] as const;

export type AdminChangeKind = (typeof ADMIN_CHANGE_KINDS)[number];

export interface AdminChange {
  /** Okta's event uuid. */
  id: string;
  published: string;
  kind: AdminChangeKind;
  eventType: string;
  /** The actor's login (alternateId) or id; null when Okta names none. */
  actor: string | null;
  /** The user id, group id or client id whose admin access changed; null when the event names none. */
  principalKey: string | null;
  /** Role types (comma-separated), custom role id, resource set id, group id or scope. */
  subject: string | null;
  message: string;
}

/** Okta's event types that can change admin access, and the kind each one is. */
export const ADMIN_CHANGE_EVENT_TYPES: Readonly<Record<string, AdminChangeKind>> = {
  'user.account.privilege.grant': 'ROLE_GRANTED',
  'group.privilege.grant': 'ROLE_GRANTED',
  'app.oauth2.client.privilege.grant': 'ROLE_GRANTED',
  'user.account.privilege.revoke': 'ROLE_REVOKED',
  'group.privilege.revoke': 'ROLE_REVOKED',
  'app.oauth2.client.privilege.revoke': 'ROLE_REVOKED',
  'iam.role.permissions.add': 'ROLE_CHANGED',
  'iam.role.permissions.delete': 'ROLE_CHANGED',
  'iam.role.permission.conditions.add': 'ROLE_CHANGED',
  'iam.role.permission.conditions.delete': 'ROLE_CHANGED',
  'iam.resourceset.resources.add': 'RESOURCE_SET_CHANGED',
  'iam.resourceset.resources.delete': 'RESOURCE_SET_CHANGED',
  'iam.resourceset.resources.update': 'RESOURCE_SET_CHANGED',
  'iam.resourceset.bindings.add': 'RESOURCE_SET_CHANGED',
  'iam.resourceset.bindings.delete': 'RESOURCE_SET_CHANGED',
  'group.user_membership.add': 'ADMIN_GROUP_MEMBER_ADDED',
  'group.user_membership.remove': 'ADMIN_GROUP_MEMBER_REMOVED',
  'app.oauth2.admin.consent.grant': 'SCOPE_GRANTED',
  'app.oauth2.admin.consent.revoke': 'SCOPE_REVOKED',
};

const MEMBERSHIP_EVENTS = new Set(['group.user_membership.add', 'group.user_membership.remove']);
const GROUP_PRIVILEGE_EVENTS = new Set(['group.privilege.grant', 'group.privilege.revoke']);
const BINDING_EVENTS = new Set(['iam.resourceset.bindings.add', 'iam.resourceset.bindings.delete']);

const lower = (s: string | null | undefined) => (s ?? '').toLowerCase();

export const isUserTarget = (t: LogTarget) => lower(t.type) === 'user';
export const isGroupTarget = (t: LogTarget) => ['usergroup', 'group'].includes(lower(t.type));
/** An OAuth client by its client id (PublicClientApp), or an app instance (AppInstance, by app id). */
export const isClientTarget = (t: LogTarget) => lower(t.type) === 'publicclientapp';
export const isAppTarget = (t: LogTarget) => lower(t.type) === 'appinstance';
export const isResourceSetTarget = (t: LogTarget) =>
  lower(t.type).replace(/[^a-z]/g, '') === 'resourceset' || /^iam[A-Za-z0-9]{6,}$/.test(t.id);
export const isCustomRoleTarget = (t: LogTarget) =>
  ['customrole', 'role'].includes(lower(t.type).replace(/[^a-z]/g, '')) || /^cr0[A-Za-z0-9]+$/.test(t.id);
const isScopeTarget = (t: LogTarget) =>
  lower(t.type).includes('scope') || (t.displayName ?? '').startsWith('okta.');

const first = (event: SystemLogEvent, test: (t: LogTarget) => boolean) => event.targets.find(test);

/** A binding's member or a privilege event's principal: a user, a group, or a client. */
function principalTarget(event: SystemLogEvent): LogTarget | undefined {
  return (
    first(event, isUserTarget) ??
    first(event, isGroupTarget) ??
    first(event, isClientTarget) ??
    first(event, isAppTarget)
  );
}

/** Okta's privilege labels (`Application administrator (all)`) as role types; unknown labels kept. */
const ROLE_TYPE_BY_LABEL: ReadonlyMap<string, string> = new Map([
  ...STANDARD_ROLES.map((r) => [r.label.toLowerCase(), r.type] as const),
  ['organization administrator', 'ORG_ADMIN'],
  ['user administrator', 'USER_ADMIN'],
]);

function roleTypesOf(event: SystemLogEvent): string | null {
  const text = event.debugData['privilegeGranted'] ?? event.debugData['privilegeRevoked'];
  if (text) {
    return text
      .split(',')
      .map((label) => label.replace(/\(.*\)/, '').trim())
      .filter(Boolean)
      .map((label) => ROLE_TYPE_BY_LABEL.get(label.toLowerCase()) ?? label)
      .join(', ');
  }
  return first(event, isCustomRoleTarget)?.displayName ?? null;
}

function scopeChange(event: SystemLogEvent): { principalKey: string | null; subject: string | null } {
  const scope = first(event, isScopeTarget);
  const client =
    scope?.detailEntry['publicclientapp'] ??
    first(event, isClientTarget)?.id ??
    first(event, isAppTarget)?.id ??
    null;
  return { principalKey: client, subject: scope?.displayName ?? scope?.alternateId ?? null };
}

function parts(event: SystemLogEvent): { principalKey: string | null; subject: string | null } {
  const type = event.eventType;
  if (MEMBERSHIP_EVENTS.has(type)) {
    return {
      principalKey: first(event, isUserTarget)?.id ?? null,
      subject: first(event, isGroupTarget)?.id ?? null,
    };
  }
  if (type.startsWith('iam.role.')) {
    return { principalKey: null, subject: first(event, isCustomRoleTarget)?.id ?? null };
  }
  if (type.startsWith('iam.resourceset.')) {
    return {
      principalKey: BINDING_EVENTS.has(type) ? (principalTarget(event)?.id ?? null) : null,
      subject: first(event, isResourceSetTarget)?.id ?? null,
    };
  }
  if (type.startsWith('app.oauth2.admin.consent.')) return scopeChange(event);
  return { principalKey: principalTarget(event)?.id ?? null, subject: roleTypesOf(event) };
}

/** Groups whose membership events the log names: the ones to ask "does it hold an admin role?". */
export function membershipGroupIds(events: readonly SystemLogEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    if (!MEMBERSHIP_EVENTS.has(event.eventType)) continue;
    const group = first(event, isGroupTarget);
    if (group) ids.add(group.id);
  }
  return [...ids];
}

/**
 * Groups the events themselves show holding (or having held) an admin role: the group of a
 * group.privilege event, a group bound in a resource set.
 */
function groupsShownAdmin(events: readonly SystemLogEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const event of events) {
    if (!GROUP_PRIVILEGE_EVENTS.has(event.eventType) && !BINDING_EVENTS.has(event.eventType)) continue;
    const group = first(event, isGroupTarget);
    if (group) ids.add(group.id);
  }
  return ids;
}

const succeeded = (event: SystemLogEvent) => event.outcome === null || event.outcome === 'SUCCESS';

function actorOf(event: SystemLogEvent): string | null {
  const actor = event.actor;
  if (!actor) return null;
  const alternate = actor.alternateId && actor.alternateId !== 'unknown' ? actor.alternateId : null;
  return alternate ?? (actor.id || null);
}

/**
 * The admin-access changes among `events`, oldest first. A membership change counts only for a
 * group that holds an admin role: one of `adminGroupIds` (groups that hold one now) or a group the
 * events show holding one. Failed attempts (outcome other than SUCCESS) change nothing.
 */
export function classifyAdminChanges(
  events: readonly SystemLogEvent[],
  adminGroupIds: ReadonlySet<string>,
): AdminChange[] {
  const shownAdmin = groupsShownAdmin(events);
  const isAdminGroup = (id: string | null) => id !== null && (adminGroupIds.has(id) || shownAdmin.has(id));
  const changes: { change: AdminChange; order: number }[] = [];
  events.forEach((event, order) => {
    const kind = ADMIN_CHANGE_EVENT_TYPES[event.eventType];
    if (!kind || !succeeded(event)) return;
    const { principalKey, subject } = parts(event);
    if (MEMBERSHIP_EVENTS.has(event.eventType) && !isAdminGroup(subject)) return;
    changes.push({
      order,
      change: {
        id: event.uuid,
        published: event.published,
        kind,
        eventType: event.eventType,
        actor: actorOf(event),
        principalKey,
        subject,
        message: event.displayMessage,
      },
    });
  });
  return changes
    .sort((a, b) => Date.parse(a.change.published) - Date.parse(b.change.published) || a.order - b.order)
    .map((c) => c.change);
}
