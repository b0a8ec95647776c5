/**
 * The changes a remediation plan can make to a principal's access, and what the verdict's inputs
 * look like once they are made: plans are checked by evaluating those inputs again.
 */

import type { AccessCatalog } from '../effective-permissions.ts';
import { getOrMake, newMap } from '../memo.ts';
import type { CustomRoleRecord, ResourceRecord, RoleAssignmentRecord } from '../model.ts';
import type { ReadinessInput } from './types.ts';

export type Change =
  | { action: 'ASSIGN_ROLE'; role: string }
  | { action: 'REMOVE_TARGETS'; assignment: RoleAssignmentRecord }
  | { action: 'REACTIVATE_ROLE'; assignment: RoleAssignmentRecord }
  | { action: 'ADD_PERMISSION'; assignment: RoleAssignmentRecord; customRoleId: string; permission: string }
  | { action: 'ADD_RESOURCE'; assignment: RoleAssignmentRecord; resourceSetId: string; orn: string }
  | { action: 'GRANT_SCOPE'; scope: string };

/** What the change is about: the role type, custom role id, permission, ORN or scope. */
export function subjectOf(change: Change): string {
  switch (change.action) {
    case 'ASSIGN_ROLE':
      return change.role;
    case 'REMOVE_TARGETS':
    case 'REACTIVATE_ROLE':
      return change.assignment.type === 'CUSTOM'
        ? (change.assignment.customRoleId ?? change.assignment.type)
        : change.assignment.type;
    case 'ADD_PERMISSION':
      return change.permission;
    case 'ADD_RESOURCE':
      return change.orn;
    case 'GRANT_SCOPE':
      return change.scope;
  }
}

/** An org-wide ACTIVE assignment of a standard role to the principal: one a plan makes, or one assumed. */
export function orgWideAssignment(input: ReadinessInput, role: string, id: string): RoleAssignmentRecord {
  const { kind, key } = input.principal;
  return {
    id,
    principalKind: kind,
    principalKey: key,
    type: role,
    label: role,
    status: 'ACTIVE',
    assignmentType: kind === 'SERVICE_APP' ? 'CLIENT' : kind,
    customRoleId: null,
    resourceSetId: null,
    inheritedFromGroupId: null,
    targets: null,
  };
}

// A plan evaluates the same changes over and over in different combinations. The same change to
// the same record gives the same new record (or list), so what it grants is worked out once
// (the grants cache is keyed by records and lists).
const plannedCache = new WeakMap<ReadinessInput, Map<string, RoleAssignmentRecord>>();
const changedCache = new WeakMap<RoleAssignmentRecord, Map<string, RoleAssignmentRecord>>();
const extendedCache = new WeakMap<readonly unknown[], Map<string, unknown[]>>();
const NO_RESOURCES: readonly ResourceRecord[] = [];

function plannedAssignment(input: ReadinessInput, role: string): RoleAssignmentRecord {
  return getOrMake(getOrMake(plannedCache, input, newMap), role, () =>
    orgWideAssignment(input, role, `planned-${role}`),
  );
}

function changedAssignment(
  a: RoleAssignmentRecord,
  widen: boolean,
  reactivate: boolean,
): RoleAssignmentRecord {
  return getOrMake(getOrMake(changedCache, a, newMap), `${widen}|${reactivate}`, () => ({
    ...a,
    ...(widen ? { targets: null } : {}),
    ...(reactivate ? { status: 'ACTIVE' } : {}),
  }));
}

/**
 * `list` and then `extra`: the same array for the same list and the same `key` (which names
 * `extra`). Shared: callers must not mutate it.
 */
function extended<T>(list: readonly T[], extra: readonly T[], key: string): T[] {
  const perList = getOrMake(extendedCache, list, newMap) as Map<string, T[]>;
  return getOrMake(perList, key, () => [...list, ...extra]);
}

/** Per id, what the changes add to it, in the order of the changes. */
function addedPer<C>(changes: readonly C[], id: (c: C) => string): Map<string, C[]> {
  const per = new Map<string, C[]>();
  for (const c of changes) getOrMake(per, id(c), () => []).push(c);
  return per;
}

function withPermissions(
  roles: ReadonlyMap<string, CustomRoleRecord>,
  added: readonly Extract<Change, { action: 'ADD_PERMISSION' }>[],
): ReadonlyMap<string, CustomRoleRecord> {
  if (added.length === 0) return roles;
  const next = new Map(roles);
  for (const [id, changes] of addedPer(added, (c) => c.customRoleId)) {
    const role = roles.get(id);
    if (!role) continue;
    const permissions = changes.map((c) => c.permission);
    next.set(id, {
      ...role,
      permissions: extended(role.permissions, permissions, JSON.stringify(permissions)),
    });
  }
  return next;
}

function withResources(
  sets: ReadonlyMap<string, { resources: readonly ResourceRecord[] }>,
  added: readonly Extract<Change, { action: 'ADD_RESOURCE' }>[],
): ReadonlyMap<string, { resources: readonly ResourceRecord[] }> {
  if (added.length === 0) return sets;
  const next = new Map(sets);
  for (const [id, changes] of addedPer(added, (c) => c.resourceSetId)) {
    const planned = changes.map((c) => ({ id: `planned-${c.orn}`, orn: c.orn }));
    const key = JSON.stringify(changes.map((c) => c.orn));
    next.set(id, { resources: extended(sets.get(id)?.resources ?? NO_RESOURCES, planned, key) });
  }
  return next;
}

/** The verdict's inputs with the changes made; the catalog is the same object when none touches it. */
export function applyChanges(
  input: ReadinessInput,
  catalog: AccessCatalog,
  changes: readonly Change[],
): { input: ReadinessInput; catalog: AccessCatalog } {
  const widened = new Set<RoleAssignmentRecord>();
  const reactivated = new Set<RoleAssignmentRecord>();
  const assigned: RoleAssignmentRecord[] = [];
  const scopes: string[] = [];
  const permissions: Extract<Change, { action: 'ADD_PERMISSION' }>[] = [];
  const resources: Extract<Change, { action: 'ADD_RESOURCE' }>[] = [];
  for (const c of changes) {
    if (c.action === 'ASSIGN_ROLE') assigned.push(plannedAssignment(input, c.role));
    else if (c.action === 'REMOVE_TARGETS') widened.add(c.assignment);
    else if (c.action === 'REACTIVATE_ROLE') reactivated.add(c.assignment);
    else if (c.action === 'GRANT_SCOPE') scopes.push(c.scope);
    else if (c.action === 'ADD_PERMISSION') permissions.push(c);
    else resources.push(c);
  }
  const assignments = [
    ...input.assignments.map((a) =>
      widened.has(a) || reactivated.has(a) ? changedAssignment(a, widened.has(a), reactivated.has(a)) : a,
    ),
    ...assigned,
  ];
  const grantedScopes =
    input.grantedScopes === null || scopes.length === 0
      ? input.grantedScopes
      : [...input.grantedScopes, ...scopes];
  const touchesCatalog = permissions.length > 0 || resources.length > 0;
  return {
    input: { ...input, assignments, grantedScopes },
    catalog: touchesCatalog
      ? {
          ...catalog,
          customRoles: withPermissions(catalog.customRoles, permissions),
          resourceSets: withResources(catalog.resourceSets, resources),
        }
      : catalog,
  };
}
