/**
 * The IAM catalog reads of OktaDirectory: custom roles with their permissions, resource sets with
 * their resources and bindings. Okta pages these /api/v1/iam/* lists in the body
 * (`_links.next`), and the SDK returns them one page per call.
 */
import type { CustomRoleRecord, ResourceSetBindingRecord } from '../iam/model.ts';
import { call } from './calls.ts';
import type { OktaSdkClient } from './client.ts';
import type { OktaDirectory } from './directory.ts';
import { type Json, str } from './json.ts';
import { toBindingMemberRecord, toResourceRecord } from './mappers.ts';
import { collectBodyPages } from './pagination.ts';

type IamCatalogReads = Pick<
  OktaDirectory,
  | 'listCustomRoles'
  | 'listCustomRolePermissions'
  | 'listResourceSets'
  | 'listResourceSetResources'
  | 'listResourceSetBindings'
>;

export function createIamCatalogReads(sdk: OktaSdkClient): IamCatalogReads {
  function listPermissions(roleId: string): Promise<string[]> {
    return call(`GET /api/v1/iam/roles/${roleId}/permissions`, async () => {
      const body = (await sdk.customRoleApi.listRolePermissions({
        roleIdOrLabel: roleId,
      })) as unknown as Json;
      const perms = Array.isArray(body.permissions) ? body.permissions : [];
      return perms.map((p) => String((p as Json).label ?? ''));
    });
  }

  return {
    listCustomRoles: () =>
      call('GET /api/v1/iam/roles', async () => {
        const list = await collectBodyPages(
          (after) => sdk.customRoleApi.listRoles(after ? { after } : {}),
          (p) => (p as unknown as { roles?: unknown[] }).roles,
        );
        return Promise.all(
          list.map(async (r): Promise<CustomRoleRecord> => {
            const role = r as Json;
            const id = String(role.id ?? '');
            return {
              id,
              label: String(role.label ?? ''),
              description: str(role.description),
              permissions: await listPermissions(id),
            };
          }),
        );
      }),

    listCustomRolePermissions: (roleId) => listPermissions(roleId),

    listResourceSets: () =>
      call('GET /api/v1/iam/resource-sets', async () => {
        const sets = await collectBodyPages(
          (after) => sdk.resourceSetApi.listResourceSets(after ? { after } : {}),
          (p) => {
            const body = p as unknown as Json;
            return (body.resource_sets ?? body['resource-sets'] ?? body.resourceSets) as
              | unknown[]
              | undefined;
          },
        );
        return sets.map((s) => {
          const set = s as Json;
          return {
            id: String(set.id ?? ''),
            label: String(set.label ?? ''),
            description: str(set.description),
          };
        });
      }),

    listResourceSetResources: (resourceSetId) =>
      call(`GET /api/v1/iam/resource-sets/${resourceSetId}/resources`, async () =>
        (
          await collectBodyPages(
            (after) =>
              sdk.resourceSetApi.listResourceSetResources({
                resourceSetId,
                limit: 100,
                ...(after && { after }),
              }),
            (p) => (p as unknown as { resources?: unknown[] }).resources,
          )
        ).map(toResourceRecord),
      ),

    listResourceSetBindings: (resourceSetId) =>
      call(`GET /api/v1/iam/resource-sets/${resourceSetId}/bindings`, async () => {
        const bindings = await collectBodyPages(
          (after) => sdk.resourceSetApi.listBindings({ resourceSetId, ...(after && { after }) }),
          (p) => (p as unknown as { roles?: unknown[] }).roles,
        );
        return Promise.all(
          bindings.map(async (b): Promise<ResourceSetBindingRecord> => {
            const roleId = String((b as Json).id ?? '');
            const members = await collectBodyPages(
              (after) =>
                sdk.resourceSetApi.listMembersOfBinding({
                  resourceSetId,
                  roleIdOrLabel: roleId,
                  ...(after && { after }),
                }),
              (p) => (p as unknown as { members?: unknown[] }).members,
            );
            return { resourceSetId, roleId, members: members.map(toBindingMemberRecord) };
          }),
        );
      }),
  };
}
