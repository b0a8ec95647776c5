/**
 * SDK objects (or raw Okta JSON) -> the plain backing records of src/iam/model.ts. Inputs are
 * read structurally so an SDK class never leaks and raw JSON maps the same way.
 */
import type {
  AppRecord,
  AssignmentType,
  BindingMemberRecord,
  GrantRecord,
  GroupRecord,
  PrincipalKind,
  ResourceRecord,
  RoleAssignmentRecord,
  RoleTarget,
  ServiceAppRecord,
  UserRecord,
} from '../iam/model.ts';
import { obj, str, text } from './json.ts';

export function toUserRecord(user: unknown): UserRecord {
  const u = obj(user);
  const p = obj(u.profile);
  const login = text(p.login);
  const fullName = [str(p.firstName), str(p.lastName)].filter(Boolean).join(' ');
  return {
    id: text(u.id),
    login,
    email: str(p.email),
    displayName: str(p.displayName) || fullName || login,
    status: text(u.status),
  };
}

export function toGroupRecord(group: unknown): GroupRecord {
  const g = obj(group);
  const p = obj(g.profile);
  return { id: text(g.id), name: text(p.name), description: str(p.description), type: text(g.type) };
}

export function toAppRecord(app: unknown): AppRecord {
  const a = obj(app);
  return {
    id: text(a.id),
    name: text(a.name),
    label: text(a.label),
    status: text(a.status),
    signOnMode: text(a.signOnMode),
  };
}

/** From /oauth2/v1/clients JSON (snake_case). */
export function toServiceAppRecord(client: unknown): ServiceAppRecord {
  const c = obj(client);
  const clientId = text(c.client_id);
  return {
    clientId,
    appId: clientId,
    name: text(c.client_name),
    applicationType: text(c.application_type),
  };
}

export function toGrantRecord(grant: unknown): GrantRecord {
  const g = obj(grant);
  return { id: text(g.id), scopeId: text(g.scopeId), status: text(g.status) };
}

export function toResourceRecord(resource: unknown): ResourceRecord {
  const r = obj(resource);
  return { id: text(r.id), orn: text(r.orn) };
}

export function toBindingMemberRecord(member: unknown): BindingMemberRecord {
  const m = obj(member);
  return { id: text(m.id), href: text(obj(obj(m._links).self).href) };
}

/** Where a binding member's href points: /api/v1/users/{id}, /api/v1/groups/{id} or /oauth2/v1/clients/{id}. */
const MEMBER_HREF = /\/(api\/v1\/users|api\/v1\/groups|oauth2\/v1\/clients)\/([^/?#]+)\/?(?:[?#].*)?$/;
const MEMBER_KINDS: Record<string, PrincipalKind> = {
  'api/v1/users': 'USER',
  'api/v1/groups': 'GROUP',
  'oauth2/v1/clients': 'SERVICE_APP',
};

/**
 * The principal a resource-set binding member stands for, from its href: the member's own id
 * (irb...) names the membership, not the principal. `key` is the user or group id, or the
 * service app's client id; null for an href that names none of them.
 */
export function bindingMemberRef(href: string): { kind: PrincipalKind; key: string } | null {
  const match = MEMBER_HREF.exec(href);
  const kind = match?.[1] ? MEMBER_KINDS[match[1]] : undefined;
  if (!kind || !match?.[2]) return null;
  return { kind, key: decodeURIComponent(match[2]) };
}

/** The id at the end of an href (`.../api/v1/groups/00g1` -> `00g1`). */
export function lastPathSegment(href: string | null): string | null {
  if (!href) return null;
  const path = href.split('?')[0] ?? '';
  const seg = path.split('/').filter(Boolean).pop();
  return seg ?? null;
}

export function groupTargetOf(group: unknown): RoleTarget {
  return { kind: 'GROUP', groupId: text(obj(group).id) };
}

/** Catalog app targets: an app type (no id) or one app instance (id present). */
export function appTargetOf(app: unknown): RoleTarget {
  const a = obj(app);
  return { kind: 'APP', appName: text(a.name), appId: str(a.id) };
}

export interface EmbeddedTargets {
  /** Present when the list was asked with expand=targets/groups and Okta embedded them. */
  groups: RoleTarget[] | undefined;
  apps: RoleTarget[] | undefined;
}

export function embeddedTargetsOf(assignment: unknown): EmbeddedTargets {
  const targets = obj(obj(obj(assignment)._embedded).targets);
  const groups = Array.isArray(targets.groups) ? targets.groups.map(groupTargetOf) : undefined;
  const apps = Array.isArray(obj(targets.catalog).apps)
    ? (obj(targets.catalog).apps as unknown[]).map(appTargetOf)
    : undefined;
  return { groups, apps };
}

const ASSIGNMENT_TYPES = new Set<AssignmentType>(['USER', 'GROUP', 'CLIENT']);

/** One entry of a principal's role list; targets are filled in by the caller. */
export function toRoleAssignmentRecord(
  assignment: unknown,
  principalKind: PrincipalKind,
  principalKey: string,
): RoleAssignmentRecord {
  const a = obj(assignment);
  const links = obj(a._links);
  const rawType = text(a.assignmentType).toUpperCase();
  const defaultType: AssignmentType =
    principalKind === 'USER' ? 'USER' : principalKind === 'GROUP' ? 'GROUP' : 'CLIENT';
  const assignmentType = ASSIGNMENT_TYPES.has(rawType as AssignmentType)
    ? (rawType as AssignmentType)
    : defaultType;
  const assigneeHref = str(obj(links.assignee).href);
  const inherited =
    principalKind === 'USER' && assignmentType === 'GROUP' && assigneeHref?.includes('/groups/')
      ? lastPathSegment(assigneeHref)
      : null;
  // Raw JSON says `resource-set`; the SDK model renames it `resource_set`.
  const resourceSetId = str(a['resource-set']) ?? str(a.resource_set) ?? str(a.resourceSet);
  const customRoleId = str(a.role) ?? lastPathSegment(str(obj(links.role).href));
  const type = text(a.type);
  return {
    id: text(a.id),
    principalKind,
    principalKey,
    type,
    label: text(a.label, type),
    status: text(a.status),
    assignmentType,
    customRoleId: type === 'CUSTOM' ? customRoleId : null,
    resourceSetId: resourceSetId ?? null,
    inheritedFromGroupId: inherited,
    targets: null,
  };
}
