import type { GatewayContext } from '../context.ts';
import { type EffectivePermission, effectivePermissions } from '../iam/effective-permissions.ts';
import type {
  GroupRecord,
  PrincipalKind,
  RoleAssignmentRecord,
  ServiceAppRecord,
  UserRecord,
} from '../iam/model.ts';
import { bindingMemberRef } from '../okta/mappers.ts';
import { accessCatalogFor } from './catalog.ts';

/** A principal as the schema shows it: one of the three backing records. */
export type PrincipalModel = UserRecord | GroupRecord | ServiceAppRecord;

export function isUser(p: object): p is UserRecord {
  return 'login' in p && 'status' in p;
}

export function isServiceApp(p: object): p is ServiceAppRecord {
  return 'clientId' in p && 'applicationType' in p;
}

export function isGroup(p: object): p is GroupRecord {
  return 'name' in p && 'type' in p && !isServiceApp(p) && !isUser(p);
}

export function principalKindOf(p: PrincipalModel): PrincipalKind {
  if (isUser(p)) return 'USER';
  if (isServiceApp(p)) return 'SERVICE_APP';
  return 'GROUP';
}

/** The Okta id (00u..., 00g...) or, for a service app, its client id. */
export function principalKeyOf(p: PrincipalModel): string {
  if (isServiceApp(p)) return p.clientId;
  return p.id;
}

export function displayNameOf(p: PrincipalModel): string {
  if (isUser(p)) return p.displayName;
  return p.name;
}

/** For a user: direct assignments and those inherited through groups. */
export function assignmentsOf(ctx: GatewayContext, p: PrincipalModel): Promise<RoleAssignmentRecord[]> {
  if (isUser(p)) return ctx.loaders.userRoles.load(p.id);
  if (isServiceApp(p)) return ctx.loaders.clientRoles.load(p.clientId);
  return ctx.loaders.groupRoles.load(p.id);
}

export async function effectivePermissionsOf(
  ctx: GatewayContext,
  p: PrincipalModel,
): Promise<EffectivePermission[]> {
  const assignments = await assignmentsOf(ctx, p);
  return effectivePermissions(assignments, await accessCatalogFor(ctx, assignments));
}

/** A principal by its kind and key (a service app by its client id), through the request's loaders. */
export function loadPrincipal(
  ctx: GatewayContext,
  kind: PrincipalKind,
  key: string,
): Promise<PrincipalModel | null> {
  if (kind === 'USER') return ctx.loaders.userById.load(key);
  if (kind === 'GROUP') return ctx.loaders.groupById.load(key);
  return ctx.loaders.serviceAppByClientId.load(key);
}

export async function memberPrincipal(ctx: GatewayContext, href: string): Promise<PrincipalModel | null> {
  const ref = bindingMemberRef(href);
  return ref ? loadPrincipal(ctx, ref.kind, ref.key) : null;
}

/**
 * A principal named by a caller: `me`, a user id or login, a group id or a service app client id.
 * Okta's id prefixes (00u users, 00g groups) pick the lookup; anything else is tried in turn.
 */
export async function findPrincipal(ctx: GatewayContext, name: string): Promise<PrincipalModel | null> {
  if (name === 'me') {
    const clientId = ctx.directory.ownClientId;
    if (clientId) return ctx.loaders.serviceAppByClientId.load(clientId);
    return ctx.once('me', () => ctx.directory.getCurrentUser());
  }
  if (name.includes('@')) return ctx.loaders.userByLogin.load(name);
  if (/^00u\w+$/.test(name)) return ctx.loaders.userById.load(name);
  if (/^00g\w+$/.test(name)) return ctx.loaders.groupById.load(name);
  return (
    (await ctx.loaders.serviceAppByClientId.load(name)) ??
    (await ctx.loaders.userByLogin.load(name)) ??
    (await ctx.loaders.userById.load(name)) ??
    (await ctx.loaders.groupById.load(name))
  );
}
