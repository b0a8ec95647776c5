/**
 * The changes a remediation plan can make to a principal's access, and what the verdict's inputs
 * look like once they are made: plans are checked by evaluating those inputs again.
 */

import type { AccessCatalog } from '../effective-permissions.ts';
import type { CustomRoleRecord, ResourceRecord, RoleAssignmentRecord } from '../model.ts';
import type { ReadinessInput } from './evaluate.ts';

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

function withPermissions(
  roles: ReadonlyMap<string, CustomRoleRecord>,
  added: readonly Extract<Change, { action: 'ADD_PERMISSION' }>[],
): ReadonlyMap<string, CustomRoleRecord> {
  if (added.length === 0) return roles;
  const next = new Map(roles);
  for (const c of added) {
    const role = next.get(c.customRoleId);
    if (role) next.set(c.customRoleId, { ...role, permissions: [...role.permissions, c.permission] });
  }
  return next;
}

function withResources(
  sets: ReadonlyMap<string, { resources: readonly ResourceRecord[] }>,
  added: readonly Extract<Change, { action: 'ADD_RESOURCE' }>[],
): ReadonlyMap<string, { resources: readonly ResourceRecord[] }> {
  if (added.length === 0) return sets;
  const next = new Map(sets);
  for (const c of added) {
    const set = next.get(c.resourceSetId);
    const resources = [...(set?.resources ?? []), { id: `planned-${c.orn}`, orn: c.orn }];
    next.set(c.resourceSetId, { resources });
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
    if (c.action === 'ASSIGN_ROLE') assigned.push(orgWideAssignment(input, c.role, `planned-${c.role}`));
    else if (c.action === 'REMOVE_TARGETS') widened.add(c.assignment);
    else if (c.action === 'REACTIVATE_ROLE') reactivated.add(c.assignment);
    else if (c.action === 'GRANT_SCOPE') scopes.push(c.scope);
    else if (c.action === 'ADD_PERMISSION') permissions.push(c);
    else resources.push(c);
  }
  const assignments = [
    ...input.assignments.map((a) =>
      widened.has(a) || reactivated.has(a)
        ? {
            ...a,
            ...(widened.has(a) ? { targets: null } : {}),
            ...(reactivated.has(a) ? { status: 'ACTIVE' } : {}),
          }
        : a,
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
