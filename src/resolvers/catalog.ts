import type { GatewayContext } from '../context.ts';
import type { AccessCatalog } from '../iam/index.ts';
import type { ResourceRecord, RoleAssignmentRecord } from '../iam/model.ts';
import { listCustomRoles } from './role.ts';

/**
 * The AccessCatalog src/iam computes over: the cached custom roles with their permissions, and
 * the resources of just the resource sets these assignments are bound with.
 */
export async function accessCatalogFor(
  ctx: GatewayContext,
  assignments: readonly RoleAssignmentRecord[],
): Promise<AccessCatalog> {
  const setIds = [
    ...new Set(assignments.map((a) => a.resourceSetId).filter((id): id is string => id !== null)),
  ];
  const [org, customRoles, resources] = await Promise.all([
    ctx.org(),
    listCustomRoles(ctx),
    Promise.all(setIds.map((id) => ctx.loaders.resourceSetResources.load(id))),
  ]);
  const resourceSets = new Map<string, { resources: readonly ResourceRecord[] }>();
  setIds.forEach((id, i) => {
    resourceSets.set(id, { resources: resources[i] ?? [] });
  });
  return {
    org,
    table: ctx.roleTable,
    customRoles: new Map(customRoles.map((r) => [r.id, r])),
    resourceSets,
  };
}
