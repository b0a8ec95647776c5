import type { GatewayContext } from '../context.ts';
import type { AccessCatalog } from '../iam/effective-permissions.ts';
import type { CustomRoleRecord, ResourceRecord, RoleAssignmentRecord } from '../iam/model.ts';
import type { UnreadInput } from '../iam/readiness/types.ts';
import { isNotFound } from '../okta/errors.ts';
import { readOrNote } from './unread.ts';

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
 * A resource set's resources as Okta lists them; null when Okta answers 404 for the list of a set
 * it knows: the predefined sets of IAM-based roles (ACCESS_CERTIFICATIONS_IAM_POLICY, ...) may not
 * list theirs. Such a set grants what its role does, not what a list would narrow it to.
 */
export async function listedResources(ctx: GatewayContext, setId: string): Promise<ResourceRecord[] | null> {
  try {
    return await ctx.loaders.resourceSetResources.load(setId);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** What the catalog reads when one fails: throw (effective permissions), or note it unread (readiness). */
interface CatalogReads {
  customRole(assignment: RoleAssignmentRecord, id: string): Promise<CustomRoleRecord | null>;
  resources(resourceSetId: string): Promise<readonly ResourceRecord[] | null>;
}

async function buildCatalog(
  ctx: GatewayContext,
  assignments: readonly RoleAssignmentRecord[],
  reads: CatalogReads,
): Promise<AccessCatalog> {
  const setIds = distinct(assignments.map((a) => a.resourceSetId));
  const roleIds = distinct(assignments.map((a) => a.customRoleId));
  const [org, customRoles, resources] = await Promise.all([
    ctx.org(),
    Promise.all(roleIds.map((id) => reads.customRole(assignments.find((a) => a.customRoleId === id)!, id))),
    Promise.all(setIds.map((id) => reads.resources(id))),
  ]);
  const resourceSets = new Map<string, { resources: readonly ResourceRecord[] }>();
  setIds.forEach((id, i) => {
    const read = resources[i];
    // A set left out grants by its role alone: unread ones are completed from their unread
    // inputs by the verdict; unlisted ones (a 404) are predefined sets of IAM-based roles.
    if (read !== null) resourceSets.set(id, { resources: read ?? [] });
  });
  return {
    org,
    table: ctx.roleTable,
    customRoles: new Map(customRoles.filter((r) => r !== null).map((r) => [r.id, r])),
    resourceSets,
  };
}

/**
 * The AccessCatalog src/iam computes over: the permissions of just the custom roles these
 * assignments hold and the resources of just the resource sets they are bound with (each read
 * once per request, cached across requests), not the whole catalog.
 */
export function accessCatalogFor(
  ctx: GatewayContext,
  assignments: readonly RoleAssignmentRecord[],
): Promise<AccessCatalog> {
  return buildCatalog(ctx, assignments, {
    customRole: (assignment, id) => customRoleOf(ctx, assignment, id),
    resources: (id) => listedResources(ctx, id),
  });
}

/**
 * The catalog a verdict computes over, and what of it the gateway could not read (a custom role's
 * permissions, a resource set's resources) when Okta refuses or fails those reads.
 */
export async function readinessCatalogFor(
  ctx: GatewayContext,
  assignments: readonly RoleAssignmentRecord[],
): Promise<{ catalog: AccessCatalog; unread: UnreadInput[] }> {
  const unread: UnreadInput[] = [];
  const catalog = await buildCatalog(ctx, assignments, {
    customRole: (assignment, id) =>
      readOrNote(
        ctx,
        () => customRoleOf(ctx, assignment, id),
        { read: 'CUSTOM_ROLES', input: `permissions of custom role ${id}` },
        (u) => unread.push({ ...u, kind: 'CUSTOM_ROLE_PERMISSIONS', customRoleId: id }),
        null,
      ),
    resources: (id) =>
      readOrNote<readonly ResourceRecord[] | null>(
        ctx,
        () => listedResources(ctx, id),
        { read: 'RESOURCE_SETS', input: `resources of resource set ${id}` },
        (u) => unread.push({ ...u, kind: 'RESOURCE_SET_RESOURCES', resourceSetId: id }),
        null,
      ),
  });
  return { catalog, unread };
}
