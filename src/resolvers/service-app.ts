import type { GatewayContext } from '../context.ts';
import type { GrantRecord, ServiceAppRecord } from '../iam/model.ts';

export function findServiceApp(ctx: GatewayContext, clientId: string): Promise<ServiceAppRecord | null> {
  return ctx.loaders.serviceAppByClientId.load(clientId);
}

export async function listServiceApps(ctx: GatewayContext): Promise<ServiceAppRecord[]> {
  const apps = await ctx.once('serviceApps', () => ctx.directory.listServiceApps());
  for (const app of apps) ctx.loaders.serviceAppByClientId.prime(app.clientId, app);
  return apps;
}

export function grantsOf(ctx: GatewayContext, app: ServiceAppRecord): Promise<GrantRecord[]> {
  return ctx.loaders.appGrants.load(app.appId);
}

/** Okta API scopes granted to the app: grants with status ACTIVE, sorted. */
export async function grantedScopesOf(ctx: GatewayContext, app: ServiceAppRecord): Promise<string[]> {
  const grants = await grantsOf(ctx, app);
  return [...new Set(grants.filter((g) => g.status === 'ACTIVE').map((g) => g.scopeId))].sort();
}
