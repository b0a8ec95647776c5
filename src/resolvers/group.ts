import type { GatewayContext } from '../context.ts';
import type { GroupRecord, UserRecord } from '../iam/model.ts';
import { type ConnectionArgs, type ConnectionModel, pageRequest, toConnection } from './connection.ts';

export function findGroup(ctx: GatewayContext, id: string): Promise<GroupRecord | null> {
  return ctx.loaders.groupById.load(id);
}

export async function listGroups(
  ctx: GatewayContext,
  args: ConnectionArgs & { search?: string | null },
): Promise<ConnectionModel<GroupRecord>> {
  const list = `groups?search=${args.search ?? ''}`;
  const page = await ctx.directory.listGroups(args.search || null, pageRequest(args, list));
  for (const group of page.items) ctx.loaders.groupById.prime(group.id, group);
  return toConnection(page, (g) => g.id, list);
}

export async function membersOfGroup(
  ctx: GatewayContext,
  group: GroupRecord,
  args: ConnectionArgs,
): Promise<ConnectionModel<UserRecord>> {
  const list = `groups/${group.id}/users`;
  const page = await ctx.directory.listGroupMembers(group.id, pageRequest(args, list));
  for (const user of page.items) ctx.loaders.userById.prime(user.id, user);
  return toConnection(page, (u) => u.id, list);
}
