import type { GatewayContext } from '../context.ts';
import type { AccessCatalog } from '../iam/index.ts';
import type { CustomRoleRecord, ResourceRecord, RoleAssignmentRecord } from '../iam/model.ts';
import { isNotFound } from '../okta/errors.ts';

const distinct = (ids: (string | null)[]): string[] => [
  ...new Set(ids.filter((id): id is string => id !== null)),
];

/** A custom role's permissions; null when Okta no longer knows the role (it then grants nothing). */
async function customRoleOf(ctx: GatewayContext, assignment: RoleAssignmentRecord, id: string) {
  try {
    const permissions = await ctx.loaders.customRolePermissions.load(id);
    const role: CustomRoleRecord = { id, label: assignment.label, description: null, permissions };
    return role;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * The AccessCatalog src/iam computes over: the permissions of just the custom roles these
 * assignments hold and the resources of just the resource sets they are bound with (each read
 * once per request, cached across requests), not the whole catalog.
 */
export async function accessCatalogFor(
  ctx: GatewayContext,
  assignments: readonly RoleAssignmentRecord[],
): Promise<AccessCatalog> {
  const setIds = distinct(assignments.map((a) => a.resourceSetId));
  const roleIds = distinct(assignments.map((a) => a.customRoleId));
  const [org, customRoles, resources] = await Promise.all([
    ctx.org(),
    Promise.all(roleIds.map((id) => customRoleOf(ctx, assignments.find((a) => a.customRoleId === id)!, id))),
    Promise.all(setIds.map((id) => ctx.loaders.resourceSetResources.load(id))),
  ]);
  const resourceSets = new Map<string, { resources: readonly ResourceRecord[] }>();
  setIds.forEach((id, i) => {
    resourceSets.set(id, { resources: resources[i] ?? [] });
  });
  return {
    org,
    table: ctx.roleTable,
    customRoles: new Map(customRoles.filter((r) => r !== null).map((r) => [r.id, r])),
    resourceSets,
  };
}
