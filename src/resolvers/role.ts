import type { GatewayContext } from '../context.ts';
import {
  describeRoleType,
  permissionsOfRole,
  type RoleKind,
  type RoleTargetKind,
  STANDARD_ROLES,
} from '../iam/index.ts';
import type { CustomRoleRecord, RoleAssignmentRecord } from '../iam/model.ts';

/** A role as the schema shows it: a standard role type or a custom role (with its permissions). */
export interface RoleModel {
  /** SUPER_ADMIN, ... for standard roles; the custom role id (cr0...) for custom roles. */
  key: string;
  type: string;
  label: string;
  kind: RoleKind;
  description: string | null;
  targetKinds: readonly RoleTargetKind[];
  /** Permission names; for standard roles from the role-permission table. */
  permissions: readonly string[];
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

/** The role of one assignment; a custom role Okta no longer lists still shows with what is known. */
export async function roleOfAssignment(
  ctx: GatewayContext,
  assignment: RoleAssignmentRecord,
): Promise<RoleModel> {
  if (assignment.customRoleId) {
    const custom = (await listCustomRoles(ctx)).find((r) => r.id === assignment.customRoleId);
    if (custom) return customRoleModel(custom);
    const permissions = await ctx.loaders.customRolePermissions.load(assignment.customRoleId);
    return customRoleModel({
      id: assignment.customRoleId,
      label: assignment.label,
      description: null,
      permissions,
    });
  }
  return standardRoleModel(ctx, assignment.type, assignment.label);
}

/** A binding's role: a custom role id (cr0...) or an IAM-based standard role type. */
export async function roleOfBinding(ctx: GatewayContext, roleId: string): Promise<RoleModel> {
  const found = await findRole(ctx, roleId);
  return found ?? standardRoleModel(ctx, roleId);
}
