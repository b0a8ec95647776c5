/**
 * Which okta.* permissions each standard role grants: the table's shape, the parser of an operator's
 * override, and lookups over a table. The default table is data, in default-role-permissions.ts.
 */

import { z } from 'zod';
import { getOrMake, newMap } from './memo.ts';
import { expandPermissions, findPermission } from './permissions.ts';

export interface RolePermissionRow {
  role: string;
  permissions: string[];
  /** capabilities no okta.* permission names */
  grants: {
    systemLog?: boolean;
    adminRoles?: boolean;
    customAttributes?: boolean;
    superAdminMembership?: boolean;
  };
  /** `targets`: the role's group or app targets narrow it; `org`: it always applies org-wide. */
  scope: 'org' | 'targets';
  /** Permissions a targeted assignment still grants org-wide (GROUP_MEMBERSHIP_ADMIN reads all users). */
  untargeted?: string[];
  confidence: 'H' | 'M' | 'L';
  source: string;
}

export interface RolePermissionTable {
  version: string;
  rows: ReadonlyMap<string, RolePermissionRow>;
}

export type RoleGrant = keyof RolePermissionRow['grants'];

export class RolePermissionTableError extends Error {
  override name = 'RolePermissionTableError';
}

const rowSchema = z.strictObject({
  role: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected an Okta role type such as APP_ADMIN'),
  permissions: z.array(z.string()),
  grants: z
    .strictObject({
      systemLog: z.boolean().optional(),
      adminRoles: z.boolean().optional(),
      customAttributes: z.boolean().optional(),
      superAdminMembership: z.boolean().optional(),
    })
    .optional(),
  scope: z.enum(['org', 'targets']),
  untargeted: z.array(z.string()).optional(),
  confidence: z.enum(['H', 'M', 'L']).optional(),
  source: z.string().optional(),
});

const tableSchema = z.strictObject({
  version: z.string().min(1),
  roles: z.array(rowSchema),
});

function pathLabel(path: readonly PropertyKey[], json: unknown): string {
  let label = '';
  for (const [i, key] of path.entries()) {
    label += typeof key === 'number' ? `[${key}]` : `${label === '' ? '' : '.'}${String(key)}`;
    if (i === 1 && path[0] === 'roles' && typeof key === 'number') {
      const role = (json as { roles?: { role?: unknown }[] }).roles?.[key]?.role;
      if (typeof role === 'string') label += ` (${role})`;
    }
  }
  return label === '' ? '(root)' : label;
}

/**
 * Parses an operator's override file (JSON already decoded): `{ version, roles: [{ role,
 * permissions, grants?, scope, confidence?, source? }] }`. The result replaces the default table.
 * Throws RolePermissionTableError naming the entry, e.g.
 * `roles[3] (APP_ADMIN).permissions[1]: unknown permission "okta.apps.mange"`.
 */
export function parseRolePermissionTable(json: unknown): RolePermissionTable {
  const parsed = tableSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RolePermissionTableError(`${pathLabel(issue.path, json)}: ${issue.message}`);
  }
  const rows = new Map<string, RolePermissionRow>();
  const firstIndex = new Map<string, number>();
  for (const [i, row] of parsed.data.roles.entries()) {
    const where = `roles[${i}] (${row.role})`;
    const earlier = firstIndex.get(row.role);
    if (earlier !== undefined) throw new RolePermissionTableError(`${where}: duplicate of roles[${earlier}]`);
    for (const field of ['permissions', 'untargeted'] as const) {
      for (const [j, name] of (row[field] ?? []).entries()) {
        if (!findPermission(name)) {
          throw new RolePermissionTableError(`${where}.${field}[${j}]: unknown permission "${name}"`);
        }
      }
    }
    firstIndex.set(row.role, i);
    rows.set(row.role, {
      role: row.role,
      permissions: [...row.permissions],
      grants: { ...row.grants },
      scope: row.scope,
      ...(row.untargeted ? { untargeted: [...row.untargeted] } : {}),
      confidence: row.confidence ?? 'L',
      source: row.source ?? 'operator override',
    });
  }
  return { version: parsed.data.version, rows };
}

const expandedCache = new WeakMap<RolePermissionTable, Map<string, readonly string[]>>();

/** Cached, shared: callers must not mutate the result. */
export function expandedPermissionsOfRole(table: RolePermissionTable, type: string): readonly string[] {
  return getOrMake(getOrMake(expandedCache, table, newMap), type, () => {
    const row = table.rows.get(type);
    return row ? [...expandPermissions(row.permissions)].sort() : [];
  });
}

const setCache = new WeakMap<RolePermissionTable, Map<string, ReadonlySet<string>>>();

/** The role's expanded permissions as a set, cached per table. */
export function permissionSetOfRole(table: RolePermissionTable, type: string): ReadonlySet<string> {
  return getOrMake(
    getOrMake(setCache, table, newMap),
    type,
    () => new Set(expandedPermissionsOfRole(table, type)),
  );
}

/** The role's permissions, expanded and sorted; an unknown type grants nothing ([]). */
export function permissionsOfRole(table: RolePermissionTable, type: string): string[] {
  return [...expandedPermissionsOfRole(table, type)];
}
