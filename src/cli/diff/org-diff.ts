/**
 * The admin-access difference between two org snapshots (format v1): role assignments gained,
 * lost or re-targeted (standard roles, and custom or IAM-based roles through resource-set
 * bindings), custom-role permissions, resource-set resources, members of groups that hold a role,
 * service apps' scopes; and the principals whose access changed, directly or through a changed
 * group, role or resource set. Pure: no I/O. Only ACTIVE assignments and grants count as held.
 */
import type { OrgSnapshot } from '../../sim/snapshot-format.ts';

export type DiffPrincipalType = 'USER' | 'GROUP' | 'CLIENT';

export interface DiffPrincipal {
  type: DiffPrincipalType;
  /** User id, group id, or a service app's client id. */
  id: string;
  /** Login, group name or app label (from the newer snapshot that has it). */
  name: string;
}

export const DIFF_CHANGE_KINDS = [
  'ROLE_GAINED',
  'ROLE_LOST',
  'TARGETS_CHANGED',
  'PERMISSIONS_ADDED',
  'PERMISSIONS_REMOVED',
  'RESOURCES_ADDED',
  'RESOURCES_REMOVED',
  'ADMIN_GROUP_MEMBER_ADDED',
  'ADMIN_GROUP_MEMBER_REMOVED',
  'SCOPE_GRANTED',
  'SCOPE_REVOKED',
] as const;

export type DiffChangeKind = (typeof DIFF_CHANGE_KINDS)[number];

/** A role's targets: `group:{id}`, `app:{name}` or `app:{name}/{appId}`; null when org-wide. */
export type Targets = string[] | null;

export interface DiffChange {
  kind: DiffChangeKind;
  /** Whose access changed; null for a custom role's permissions or a resource set's resources. */
  principal: DiffPrincipal | null;
  /** Role type or custom role id, custom role id, resource set id, group id or scope. */
  subject: string;
  /** The resource set of a role held through a binding; null otherwise. */
  resourceSet: string | null;
  /** Targets before and after (TARGETS_CHANGED), or of the role gained or lost. */
  targets: { before: Targets; after: Targets; direction: 'NARROWED' | 'WIDENED' | 'CHANGED' | null } | null;
  /** Permissions or ORNs added or removed; empty for other kinds. */
  items: string[];
}

export interface OrgDiff {
  changes: DiffChange[];
  /** Principals whose admin access changed, directly or through a group, custom role or resource set. */
  principals: DiffPrincipal[];
}

interface HeldRole {
  role: string;
  resourceSet: string | null;
  targets: Targets;
}

/** Everything of a snapshot the diff compares, indexed. */
interface AccessView {
  /** principal key `TYPE:id` -> role key (`ROLE` or `role@resourceSet`) -> held role */
  roles: Map<string, Map<string, HeldRole>>;
  members: Map<string, Set<string>>;
  adminGroups: Set<string>;
  /** client id -> active scopes (service apps only) */
  scopes: Map<string, Set<string>>;
  permissions: Map<string, Set<string>>;
  resources: Map<string, Set<string>>;
  /** resource set id -> principal keys bound in it; custom role id -> principal keys holding it */
  boundInSet: Map<string, Set<string>>;
  holdersOfRole: Map<string, Set<string>>;
  names: Map<string, string>;
}

const keyOf = (type: DiffPrincipalType, id: string) => `${type}:${id}`;

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key) ?? new Set<V>();
  set.add(value);
  map.set(key, set);
}

function view(org: OrgSnapshot): AccessView {
  const v: AccessView = {
    roles: new Map(),
    members: new Map(),
    adminGroups: new Set(),
    scopes: new Map(),
    permissions: new Map(),
    resources: new Map(),
    boundInSet: new Map(),
    holdersOfRole: new Map(),
    names: new Map(),
  };
  const hold = (key: string, held: HeldRole) => {
    const list = v.roles.get(key) ?? new Map<string, HeldRole>();
    list.set(held.resourceSet ? `${held.role}@${held.resourceSet}` : held.role, held);
    v.roles.set(key, list);
  };
  for (const u of org.users) v.names.set(keyOf('USER', u.id), u.profile.login);
  for (const g of org.groups) v.names.set(keyOf('GROUP', g.id), g.profile.name);
  for (const a of org.apps) if (a.oauthClient) v.names.set(keyOf('CLIENT', a.oauthClient.clientId), a.label);
  for (const m of org.memberships) for (const userId of m.userIds) add(v.members, m.groupId, userId);
  for (const ra of org.roleAssignments) {
    if (ra.status !== 'ACTIVE') continue;
    const targets = [
      ...(ra.groupTargets ?? []).map((id) => `group:${id}`),
      ...(ra.appTargets ?? []).map((t) => (t.appId ? `app:${t.name}/${t.appId}` : `app:${t.name}`)),
    ].sort();
    hold(keyOf(ra.principalType, ra.principalId), {
      role: ra.type,
      resourceSet: null,
      targets: targets.length > 0 ? targets : null,
    });
  }
  for (const set of org.resourceSets) {
    v.resources.set(set.id, new Set(set.resources));
    for (const binding of set.bindings) {
      for (const member of binding.members) {
        const key = keyOf(member.type, member.id);
        hold(key, { role: binding.role, resourceSet: set.id, targets: null });
        add(v.boundInSet, set.id, key);
        add(v.holdersOfRole, binding.role, key);
      }
    }
  }
  for (const [key, held] of v.roles)
    if (held.size > 0 && key.startsWith('GROUP:')) v.adminGroups.add(key.slice(6));
  for (const role of org.customRoles) v.permissions.set(role.id, new Set(role.permissions));
  const services = new Map(
    org.apps.filter((a) => a.oauthClient?.applicationType === 'service').map((a) => [a.id, a]),
  );
  for (const grant of org.grants) {
    const app = services.get(grant.appId);
    if (app?.oauthClient && grant.status === 'ACTIVE') add(v.scopes, app.oauthClient.clientId, grant.scopeId);
  }
  return v;
}

const minus = <T>(a: Set<T> | undefined, b: Set<T> | undefined): T[] =>
  [...(a ?? [])].filter((x) => !(b ?? new Set()).has(x));

function direction(before: Targets, after: Targets): 'NARROWED' | 'WIDENED' | 'CHANGED' {
  if (before === null) return 'NARROWED';
  if (after === null) return 'WIDENED';
  if (after.every((t) => before.includes(t))) return 'NARROWED';
  if (before.every((t) => after.includes(t))) return 'WIDENED';
  return 'CHANGED';
}

const sameTargets = (a: Targets, b: Targets) => JSON.stringify(a) === JSON.stringify(b);

/** The admin-access difference from `older` to `newer`; nothing when they hold the same access. */
export function diffOrgSnapshots(older: OrgSnapshot, newer: OrgSnapshot): OrgDiff {
  const was = view(older);
  const now = view(newer);
  const changes: DiffChange[] = [];
  const touched = new Set<string>();
  const principal = (key: string): DiffPrincipal => {
    const colon = key.indexOf(':');
    return {
      type: key.slice(0, colon) as DiffPrincipalType,
      id: key.slice(colon + 1),
      name: now.names.get(key) ?? was.names.get(key) ?? key.slice(colon + 1),
    };
  };
  const change = (c: Omit<DiffChange, 'resourceSet' | 'targets' | 'items'> & Partial<DiffChange>) => {
    changes.push({
      kind: c.kind,
      principal: c.principal,
      subject: c.subject,
      resourceSet: c.resourceSet ?? null,
      targets: c.targets ?? null,
      items: c.items ?? [],
    });
  };
  const touchGroupMembers = (groupId: string) => {
    for (const userId of [...(was.members.get(groupId) ?? []), ...(now.members.get(groupId) ?? [])]) {
      touched.add(keyOf('USER', userId));
    }
  };
  const touchHolders = (holders: Set<string> | undefined) => {
    for (const key of holders ?? []) {
      touched.add(key);
      if (key.startsWith('GROUP:')) touchGroupMembers(key.slice(6));
    }
  };

  for (const key of new Set([...was.roles.keys(), ...now.roles.keys()])) {
    const before = was.roles.get(key) ?? new Map<string, HeldRole>();
    const after = now.roles.get(key) ?? new Map<string, HeldRole>();
    let changed = false;
    for (const [roleKey, held] of after) {
      const old = before.get(roleKey);
      if (!old) {
        changed = true;
        change({
          kind: 'ROLE_GAINED',
          principal: principal(key),
          subject: held.role,
          resourceSet: held.resourceSet,
          targets: { before: null, after: held.targets, direction: null },
        });
      } else if (!sameTargets(old.targets, held.targets)) {
        changed = true;
        change({
          kind: 'TARGETS_CHANGED',
          principal: principal(key),
          subject: held.role,
          resourceSet: held.resourceSet,
          targets: {
            before: old.targets,
            after: held.targets,
            direction: direction(old.targets, held.targets),
          },
        });
      }
    }
    for (const [roleKey, held] of before) {
      if (after.has(roleKey)) continue;
      changed = true;
      change({
        kind: 'ROLE_LOST',
        principal: principal(key),
        subject: held.role,
        resourceSet: held.resourceSet,
        targets: { before: held.targets, after: null, direction: null },
      });
    }
    if (changed) touchHolders(new Set([key]));
  }

  for (const roleId of new Set([...was.permissions.keys(), ...now.permissions.keys()])) {
    const added = minus(now.permissions.get(roleId), was.permissions.get(roleId)).sort();
    const removed = minus(was.permissions.get(roleId), now.permissions.get(roleId)).sort();
    // A role created or deleted with its bindings shows as roles gained or lost; its permissions only when both hold it.
    if (!was.permissions.has(roleId) || !now.permissions.has(roleId)) continue;
    if (added.length) change({ kind: 'PERMISSIONS_ADDED', principal: null, subject: roleId, items: added });
    if (removed.length)
      change({ kind: 'PERMISSIONS_REMOVED', principal: null, subject: roleId, items: removed });
    if (added.length || removed.length) {
      touchHolders(was.holdersOfRole.get(roleId));
      touchHolders(now.holdersOfRole.get(roleId));
    }
  }

  for (const setId of new Set([...was.resources.keys(), ...now.resources.keys()])) {
    if (!was.resources.has(setId) || !now.resources.has(setId)) continue;
    const added = minus(now.resources.get(setId), was.resources.get(setId)).sort();
    const removed = minus(was.resources.get(setId), now.resources.get(setId)).sort();
    if (added.length) change({ kind: 'RESOURCES_ADDED', principal: null, subject: setId, items: added });
    if (removed.length)
      change({ kind: 'RESOURCES_REMOVED', principal: null, subject: setId, items: removed });
    if (added.length || removed.length) {
      touchHolders(was.boundInSet.get(setId));
      touchHolders(now.boundInSet.get(setId));
    }
  }

  // A member added gains access if the group holds a role now; one removed loses it if it held one.
  for (const groupId of new Set([...now.adminGroups, ...was.adminGroups])) {
    const joined = now.adminGroups.has(groupId)
      ? minus(now.members.get(groupId), was.members.get(groupId))
      : [];
    const left = was.adminGroups.has(groupId)
      ? minus(was.members.get(groupId), now.members.get(groupId))
      : [];
    for (const userId of joined.sort()) {
      change({
        kind: 'ADMIN_GROUP_MEMBER_ADDED',
        principal: principal(keyOf('USER', userId)),
        subject: groupId,
      });
      touched.add(keyOf('USER', userId));
    }
    for (const userId of left.sort()) {
      change({
        kind: 'ADMIN_GROUP_MEMBER_REMOVED',
        principal: principal(keyOf('USER', userId)),
        subject: groupId,
      });
      touched.add(keyOf('USER', userId));
    }
  }

  for (const clientId of new Set([...was.scopes.keys(), ...now.scopes.keys()])) {
    const key = keyOf('CLIENT', clientId);
    for (const scope of minus(now.scopes.get(clientId), was.scopes.get(clientId)).sort()) {
      change({ kind: 'SCOPE_GRANTED', principal: principal(key), subject: scope });
      touched.add(key);
    }
    for (const scope of minus(was.scopes.get(clientId), now.scopes.get(clientId)).sort()) {
      change({ kind: 'SCOPE_REVOKED', principal: principal(key), subject: scope });
      touched.add(key);
    }
  }

  const order = (kind: DiffChangeKind) => DIFF_CHANGE_KINDS.indexOf(kind);
  changes.sort(
    (a, b) =>
      order(a.kind) - order(b.kind) ||
      (a.principal?.id ?? '').localeCompare(b.principal?.id ?? '') ||
      a.subject.localeCompare(b.subject) ||
      (a.resourceSet ?? '').localeCompare(b.resourceSet ?? ''),
  );
  const typeOrder: DiffPrincipalType[] = ['USER', 'GROUP', 'CLIENT'];
  const principals = [...touched]
    .map(principal)
    .sort((a, b) => typeOrder.indexOf(a.type) - typeOrder.indexOf(b.type) || a.id.localeCompare(b.id));
  return { changes, principals };
}
