import type { GatewayContext } from '../context.ts';
import type { GroupRecord, UserRecord } from '../iam/model.ts';
import { type ConnectionArgs, type ConnectionModel, pageRequest, toConnection } from './connection.ts';

/** By Okta id (00u...) or login; null when Okta knows neither. */
export async function findUser(ctx: GatewayContext, idOrLogin: string): Promise<UserRecord | null> {
  if (idOrLogin.includes('@')) return ctx.loaders.userByLogin.load(idOrLogin);
  return (await ctx.loaders.userById.load(idOrLogin)) ?? (await ctx.loaders.userByLogin.load(idOrLogin));
}

export async function listUsers(
  ctx: GatewayContext,
  args: ConnectionArgs & { search?: string | null },
): Promise<ConnectionModel<UserRecord>> {
  const list = `users?search=${args.search ?? ''}`;
  const page = await ctx.directory.listUsers(args.search || null, pageRequest(args, list));
  for (const user of page.items) ctx.loaders.userById.prime(user.id, user);
  return toConnection(page, (u) => u.id, list);
}

export function groupsOfUser(ctx: GatewayContext, user: UserRecord): Promise<GroupRecord[]> {
  return ctx.loaders.userGroups.load(user.id);
}
