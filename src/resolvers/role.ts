import type { GatewayContext } from '../context.ts';
import type { CustomRoleRecord, RoleAssignmentRecord } from '../iam/model.ts';
import { permissionsOfRole } from '../iam/role-permission-table.ts';
import {
  describeRoleType,
  type RoleKind,
  type RoleTargetKind,
  STANDARD_ROLES,
} from '../iam/standard-roles.ts';
import { listAdmins } from './admins.ts';
import type { PrincipalModel } from './principal.ts';

/** A role as the schema shows it: a standard role type or a custom role (with its permissions). */
export interface RoleModel {
  /** SUPER_ADMIN, ... for standard roles; the custom role id (cr0...) for custom roles. */
  key: string;
  type: string;
  label: string;
  kind: RoleKind;
  /** undefined: a custom role seen on an assignment, described by the catalog when asked. */
  description: string | null | undefined;
  targetKinds: readonly RoleTargetKind[];
  /**
   * Permission names; for standard roles from the role-permission table. null: a custom role seen
   * on an assignment, whose permissions are read when asked.
   */
  permissions: readonly string[] | null;
}

/** Custom roles with their permissions (the directory lists both; cached across requests). */
export function listCustomRoles(ctx: GatewayContext): Promise<CustomRoleRecord[]> {
  return ctx.once('customRoles', () => ctx.directory.listCustomRoles());
}

export function standardRoleModel(ctx: GatewayContext, type: string, label?: string): RoleModel {
  const def = describeRoleType(type, label);
  return {
    key: def.type,
    type: def.type,
    label: def.label,
    kind: def.kind,
    description: def.description ?? null,
    targetKinds: def.targetKinds,
    permissions: permissionsOfRole(ctx.roleTable, def.type),
  };
}

export function customRoleModel(role: CustomRoleRecord): RoleModel {
  return {
    key: role.id,
    type: 'CUSTOM',
    label: role.label,
    kind: 'CUSTOM',
    description: role.description,
    targetKinds: [],
    permissions: role.permissions,
  };
}

export async function listRoles(
  ctx: GatewayContext,
  kind: RoleKind | null | undefined,
): Promise<RoleModel[]> {
  const standard = STANDARD_ROLES.map((r) => standardRoleModel(ctx, r.type));
  const custom = kind && kind !== 'CUSTOM' ? [] : (await listCustomRoles(ctx)).map(customRoleModel);
  const all = [...standard, ...custom];
  return kind ? all.filter((r) => r.kind === kind) : all;
}

/** By standard role type, custom role id or custom role label; null when unknown. */
export async function findRole(ctx: GatewayContext, idOrLabel: string): Promise<RoleModel | null> {
  const standard = STANDARD_ROLES.find((r) => r.type === idOrLabel);
  if (standard) return standardRoleModel(ctx, standard.type);
  const custom = (await listCustomRoles(ctx)).find((r) => r.id === idOrLabel || r.label === idOrLabel);
  return custom ? customRoleModel(custom) : null;
}

/**
 * The role of one assignment. A custom role is named by what the assignment carries (its id and
 * label); its permissions and description are read only when asked for (rolePermissions,
 * roleDescription), so an admin report pays no catalog reads.
 */
export function roleOfAssignment(ctx: GatewayContext, assignment: RoleAssignmentRecord): RoleModel {
  if (assignment.customRoleId) {
    return {
      key: assignment.customRoleId,
      type: 'CUSTOM',
      label: assignment.label,
      kind: 'CUSTOM',
      description: undefined,
      targetKinds: [],
      permissions: null,
    };
  }
  return standardRoleModel(ctx, assignment.type, assignment.label);
}

export async function rolePermissions(ctx: GatewayContext, role: RoleModel): Promise<readonly string[]> {
  return role.permissions ?? ctx.loaders.customRolePermissions.load(role.key);
}

/** A custom role Okta no longer lists has no description. */
export async function roleDescription(ctx: GatewayContext, role: RoleModel): Promise<string | null> {
  if (role.description !== undefined) return role.description;
  return (await listCustomRoles(ctx)).find((r) => r.id === role.key)?.description ?? null;
}

/** A binding's role: a custom role id (cr0...) or an IAM-based standard role type. */
export async function roleOfBinding(ctx: GatewayContext, roleId: string): Promise<RoleModel> {
  const found = await findRole(ctx, roleId);
  return found ?? standardRoleModel(ctx, roleId);
}

/** Principals holding this role with an assignment of their own: users (direct), groups, service apps. */
export function roleHolders(ctx: GatewayContext, role: RoleModel): Promise<PrincipalModel[]> {
  return listAdmins(ctx, { roles: [role.key] });
}
