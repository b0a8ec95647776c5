import type { GatewayContext } from '../context.ts';
import { type Orn, ornRestUrl, parseOrn } from '../iam/index.ts';
import type { ResourceSetRecord } from '../iam/model.ts';
import { memberPrincipal, type PrincipalModel } from './principal.ts';
import { type RoleModel, roleOfBinding } from './role.ts';

export type ResourceSetModel = Omit<ResourceSetRecord, 'resources' | 'bindings'>;

export interface ResourceModel {
  orn: string;
  restUrl: string | null;
  parsed: Orn;
}

export interface BindingModel {
  role: RoleModel;
  members: PrincipalModel[];
}

export function listResourceSets(ctx: GatewayContext): Promise<ResourceSetModel[]> {
  return ctx.once('resourceSets', () => ctx.directory.listResourceSets());
}

export async function findResourceSet(
  ctx: GatewayContext,
  idOrLabel: string,
): Promise<ResourceSetModel | null> {
  const sets = await listResourceSets(ctx);
  return sets.find((s) => s.id === idOrLabel) ?? sets.find((s) => s.label === idOrLabel) ?? null;
}

export async function resourcesOf(ctx: GatewayContext, set: ResourceSetModel): Promise<ResourceModel[]> {
  const [resources, org] = await Promise.all([ctx.loaders.resourceSetResources.load(set.id), ctx.org()]);
  return resources.map((r) => {
    const parsed = parseOrn(r.orn);
    return { orn: r.orn, parsed, restUrl: ornRestUrl(parsed, org.url) };
  });
}

export async function bindingsOf(ctx: GatewayContext, set: ResourceSetModel): Promise<BindingModel[]> {
  const bindings = await ctx.loaders.resourceSetBindings.load(set.id);
  return Promise.all(
    bindings.map(async (binding) => {
      const [role, members] = await Promise.all([
        roleOfBinding(ctx, binding.roleId),
        Promise.all(binding.members.map((m) => memberPrincipal(ctx, m.href))),
      ]);
      return { role, members: members.filter((m): m is PrincipalModel => m !== null) };
    }),
  );
}
