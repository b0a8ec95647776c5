import type { GatewayContext } from '../context.ts';
import type { ResourceSetRecord } from '../iam/model.ts';
import { type Orn, OrnError, ornRestUrl, parseOrn } from '../iam/orn.ts';
import { listedResources } from './catalog.ts';
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
  const [resources, org] = await Promise.all([listedResources(ctx, set.id), ctx.org()]);
  return (resources ?? []).map((r) => {
    const parsed = parseResourceOrn(r.orn);
    return parsed
      ? { orn: r.orn, parsed, restUrl: ornRestUrl(parsed, org.url) }
      : { orn: r.orn, parsed: opaqueOrn(r.orn), restUrl: null };
  });
}

function parseResourceOrn(orn: string): Orn | null {
  try {
    return parseOrn(orn);
  } catch (error) {
    if (error instanceof OrnError) return null;
    throw error;
  }
}

/**
 * An ORN Okta returned that the parser does not know (a newer service or object type): shown
 * split at its colons rather than failing the whole resource set.
 */
function opaqueOrn(orn: string): Orn {
  const [, partition = '', service = '', orgId = '', objectType, ...rest] = orn.split(':');
  return {
    partition,
    service,
    orgId,
    objectType: objectType ?? null,
    objectId: rest.length > 0 ? rest.join(':') : null,
    appName: null,
    containedResources: false,
  };
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
