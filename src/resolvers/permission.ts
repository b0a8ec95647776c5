import type { GatewayContext } from '../context.ts';
import type { EffectivePermission } from '../iam/effective-permissions.ts';
import { PERMISSION_CATALOG } from '../iam/permission-catalog.ts';
import { findPermission } from '../iam/permissions.ts';
import { grantedScopesAllowing } from '../iam/scope-permissions.ts';
import { listCustomRoles } from './role.ts';
import { grantedScopesOf } from './service-app.ts';

/** What a Permission field shows: a catalog entry, or one Okta returned that the catalog lacks. */
export interface PermissionModel {
  name: string;
  description: string;
  applicableResources: readonly string[];
}

export function permissionModel(name: string): PermissionModel {
  const known = findPermission(name);
  if (known) return known;
  return {
    name,
    description: `${name}: a permission Okta returned that the gateway's permission catalog does not describe.`,
    applicableResources: [],
  };
}

/** The catalog, then any custom-role permission Okta returns that the catalog lacks (sorted). */
export async function listPermissions(ctx: GatewayContext): Promise<PermissionModel[]> {
  const customRoles = await listCustomRoles(ctx);
  const known = new Set(PERMISSION_CATALOG.map((p) => p.name));
  const extra = new Set<string>();
  for (const role of customRoles) {
    for (const name of role.permissions) if (!known.has(name)) extra.add(name);
  }
  return [...PERMISSION_CATALOG, ...[...extra].sort().map(permissionModel)];
}

export async function findPermissionByName(
  ctx: GatewayContext,
  name: string,
): Promise<PermissionModel | null> {
  const known = findPermission(name);
  if (known) return known;
  const all = await listPermissions(ctx);
  return all.find((p) => p.name === name) ?? null;
}

/**
 * Service apps: of the app's ACTIVE scopes, those that let its token use the permission ([] when
 * none does); null for users and groups. The holder is read off the granting assignments, which
 * are all on the one principal's role list.
 */
export async function allowedByScopesOf(
  ctx: GatewayContext,
  permission: EffectivePermission,
): Promise<string[] | null> {
  const assignment = permission.grantedBy[0];
  if (assignment?.principalKind !== 'SERVICE_APP') return null;
  const app = await ctx.loaders.serviceAppByClientId.load(assignment.principalKey);
  if (!app) return [];
  return grantedScopesAllowing(permission.permission, await grantedScopesOf(ctx, app));
}
