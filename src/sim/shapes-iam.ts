/** Role assignments, custom roles, permissions and resource sets as Okta's JSON. */
import { derivedId } from './assignment-ids.ts';
import { clientPath } from './shapes.ts';
import type { SnapshotCustomRole, SnapshotResourceSet } from './snapshot-format.ts';
import type { Assignment, PrincipalType } from './store.ts';

const href = (h: string) => ({ href: h });

export function principalHref(base: string, type: PrincipalType, id: string): string {
  if (type === 'USER') return `${base}/api/v1/users/${id}`;
  if (type === 'GROUP') return `${base}/api/v1/groups/${id}`;
  return clientPath(base, id);
}

/**
 * One entry of a principal's role list. `assignmentType` is how the listed principal holds it
 * (GROUP for a user's group-inherited role, whose assignee link points at the group).
 */
export function assignmentJson(
  base: string,
  a: Assignment,
  assignmentType: PrincipalType,
  embedded?: unknown,
) {
  const assignee = href(principalHref(base, a.principalType, a.principalId));
  const common = {
    id: a.id,
    label: a.label,
    type: a.type,
    status: a.status,
    created: a.created,
    lastUpdated: a.created,
    assignmentType,
  };
  if (a.resourceSetId && a.roleId) {
    const rs = `${base}/api/v1/iam/resource-sets/${a.resourceSetId}`;
    return {
      ...common,
      'resource-set': a.resourceSetId,
      role: a.roleId,
      _links: {
        role: href(`${base}/api/v1/iam/roles/${a.roleId}`),
        'resource-set': href(rs),
        permissions: href(`${base}/api/v1/iam/roles/${a.roleId}/permissions`),
        member: href(`${rs}/bindings/${a.roleId}/members/${a.id}`),
        assignee,
      },
    };
  }
  return { ...common, ...(embedded ? { _embedded: embedded } : {}), _links: { assignee } };
}

export function customRoleJson(base: string, r: SnapshotCustomRole) {
  return {
    id: r.id,
    label: r.label,
    description: r.description,
    created: r.created,
    lastUpdated: r.created,
    _links: {
      permissions: href(`${base}/api/v1/iam/roles/${r.id}/permissions`),
      self: href(`${base}/api/v1/iam/roles/${r.id}`),
    },
  };
}

export function permissionJson(base: string, r: SnapshotCustomRole, permission: string) {
  return {
    label: permission,
    created: r.created,
    lastUpdated: r.created,
    _links: {
      role: href(`${base}/api/v1/iam/roles/${r.id}`),
      self: href(`${base}/api/v1/iam/roles/${r.id}/permissions/${permission}`),
    },
  };
}

export function resourceSetJson(base: string, rs: SnapshotResourceSet) {
  const self = `${base}/api/v1/iam/resource-sets/${rs.id}`;
  return {
    id: rs.id,
    label: rs.label,
    description: rs.description,
    created: rs.created,
    lastUpdated: rs.created,
    _links: { self: href(self), resources: href(`${self}/resources`), bindings: href(`${self}/bindings`) },
  };
}

/** The REST resource an ORN names, for `_links.self` of a resource-set resource. */
function ornHref(base: string, orn: string): string | undefined {
  const parts = orn.split(':');
  const [, , service, , kind, a, b] = parts;
  if (service === 'directory' && kind === 'users') return `${base}/api/v1/users${a ? `/${a}` : ''}`;
  if (service === 'directory' && kind === 'groups') {
    if (!a) return `${base}/api/v1/groups`;
    return `${base}/api/v1/groups/${a}${b === 'contained_resources' ? '/users' : ''}`;
  }
  if (service === 'idp' && kind === 'apps') {
    if (b) return `${base}/api/v1/apps/${b}`;
    return a ? `${base}/api/v1/apps?filter=${encodeURIComponent(`name eq "${a}"`)}` : `${base}/api/v1/apps`;
  }
  return undefined;
}

export function resourceId(rs: SnapshotResourceSet, orn: string): string {
  return derivedId('ire', rs.id, orn);
}

export function resourceJson(base: string, rs: SnapshotResourceSet, orn: string) {
  const id = resourceId(rs, orn);
  const self = ornHref(base, orn);
  return {
    id,
    orn,
    created: rs.created,
    lastUpdated: rs.created,
    _links: {
      ...(self ? { self: href(self) } : {}),
      resource: href(`${base}/api/v1/iam/resource-sets/${rs.id}/resources/${id}`),
    },
  };
}
