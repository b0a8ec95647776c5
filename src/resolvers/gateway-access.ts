import type { GatewayContext } from '../context.ts';
import { UpstreamError } from '../okta/errors.ts';
import type { GatewayAccessReport, GatewayReadAccess } from '../okta/probes.ts';
import { findPrincipal, type PrincipalModel } from './principal.ts';

export type GatewayAccessModel = GatewayAccessReport;

/** `gatewayAccess`: the credential's reads, probed against Okta and kept briefly (see okta/access-check.ts). */
export function gatewayAccessOf(ctx: GatewayContext): Promise<GatewayAccessModel> {
  return ctx.accessCheck.current();
}

/** The token's user or the OAuth service app; null when Okta refused the credential or will not say who it is. */
export async function gatewayPrincipal(
  ctx: GatewayContext,
  access: GatewayAccessModel,
): Promise<PrincipalModel | null> {
  if (access.credential !== 'ACCEPTED') return null;
  try {
    return await findPrincipal(ctx, 'me');
  } catch (error) {
    if (error instanceof UpstreamError && error.code !== 'UPSTREAM_UNAUTHENTICATED') return null;
    throw error;
  }
}

/** Needs as the schema shows them: scopes first, then the admin roles or permissions (any one of them). */
export function needsOf(read: GatewayReadAccess): string[] {
  return [...read.needs.scopes, ...read.needs.adminRoles];
}
