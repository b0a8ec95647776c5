import type { GatewayContext } from '../context.ts';
import { type Orn, ornRestUrl, parseOrn } from '../iam/orn.ts';

export interface OrnModel extends Orn {
  restUrl: string | null;
}

/** Parses an ORN (OrnError becomes BAD_USER_INPUT in the error mapping) and adds its REST URL. */
export async function parseOrnArg(ctx: GatewayContext, orn: string): Promise<OrnModel> {
  const parsed = parseOrn(orn);
  const org = await ctx.org();
  return { ...parsed, restUrl: ornRestUrl(parsed, org.url) };
}
