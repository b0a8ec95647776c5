import type { GatewayContext } from '../context.ts';
import { evaluateLumosReadiness, type LumosAccess, type LumosReadinessResult } from '../iam/index.ts';
import { notFound } from '../server/errors.ts';
import { accessCatalogFor } from './catalog.ts';
import {
  assignmentsOf,
  displayNameOf,
  findPrincipal,
  isServiceApp,
  type PrincipalModel,
  principalKeyOf,
  principalKindOf,
} from './principal.ts';
import { grantsOf } from './service-app.ts';

/** Lumos readiness of one principal under the gateway's rule set. */
export async function readinessOf(
  ctx: GatewayContext,
  principal: PrincipalModel,
  access: LumosAccess,
): Promise<LumosReadinessResult> {
  const [assignments, grants] = await Promise.all([
    assignmentsOf(ctx, principal),
    isServiceApp(principal) ? grantsOf(ctx, principal) : Promise.resolve(null),
  ]);
  const catalog = await accessCatalogFor(ctx, assignments);
  const scopesWith = (status: string) =>
    (grants ?? []).filter((g) => g.status === status).map((g) => g.scopeId);
  return evaluateLumosReadiness(
    {
      principal: {
        kind: principalKindOf(principal),
        key: principalKeyOf(principal),
        displayName: displayNameOf(principal),
      },
      assignments,
      grantedScopes: grants ? scopesWith('ACTIVE') : null,
      revokedScopes: grants ? scopesWith('REVOKED') : undefined,
      access,
    },
    catalog,
    ctx.ruleSet,
  );
}

/** `lumosReadiness(principal:)`: an unknown principal is an error NOT_FOUND. */
export async function readinessByName(
  ctx: GatewayContext,
  name: string,
  access: LumosAccess,
): Promise<LumosReadinessResult> {
  const principal = await findPrincipal(ctx, name);
  if (!principal) throw notFound(`No user, group or service app is known as "${name}"`);
  return readinessOf(ctx, principal, access);
}
