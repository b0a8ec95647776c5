import type { GatewayContext } from '../context.ts';
import { badUserInput } from '../errors.ts';
import type { AccessCatalog } from '../iam/effective-permissions.ts';
import type { PrincipalKind, RoleAssignmentRecord } from '../iam/model.ts';
import { findPermission } from '../iam/permissions.ts';
import { permissionFamily } from '../iam/resource-family.ts';
import { usableByToken, whoCan } from '../iam/who-can.ts';
import { type AdminHolding, listAdminHoldings } from './admins.ts';
import { accessCatalogFor } from './catalog.ts';
import { findPermissionByName } from './permission.ts';
import { displayNameOf, isServiceApp, type PrincipalModel } from './principal.ts';
import { grantedScopesOf } from './service-app.ts';
import { coverResource, readResourceArg } from './who-can-resource.ts';

/** One answer of `whoCan`: a principal, the assignments that grant, the scope that covers. */
export interface AccessGrantModel {
  principal: PrincipalModel;
  grantedBy: RoleAssignmentRecord[];
  matchedScope: string;
}

export interface WhoCanArgs {
  permission: string;
  resource: string;
  kinds?: readonly PrincipalKind[] | null;
}

interface WhoCanIndex {
  holdings: ReadonlyMap<string, AdminHolding>;
  holders: readonly AdminHolding[];
  catalog: AccessCatalog;
}

const KIND_ORDER: Record<PrincipalKind, number> = { USER: 0, GROUP: 1, SERVICE_APP: 2 };
const holdingKey = (kind: PrincipalKind, key: string) => `${kind}:${key}`;

/**
 * The admin sweep's holders and the catalog their assignments need, once per request: every
 * `whoCan` of the request (aliases) answers from it.
 */
function whoCanIndex(ctx: GatewayContext): Promise<WhoCanIndex> {
  return ctx.once('whoCanIndex', async () => {
    const holders = await listAdminHoldings(ctx);
    const catalog = await accessCatalogFor(
      ctx,
      holders.flatMap((h) => h.assignments),
    );
    return { holders, catalog, holdings: new Map(holders.map((h) => [holdingKey(h.kind, h.key), h])) };
  });
}

/** The catalog's permissions, then those of custom roles Okta lists; anything else is BAD_USER_INPUT. */
async function knownPermission(ctx: GatewayContext, name: string): Promise<string> {
  const trimmed = name.trim();
  if (findPermission(trimmed) || (await findPermissionByName(ctx, trimmed))) return trimmed;
  const shown = trimmed.length > 100 ? `${trimmed.slice(0, 97)}...` : trimmed;
  throw badUserInput(
    `Unknown permission "${shown}": not in Okta's permission catalog nor on any custom role (e.g. okta.users.read)`,
  );
}

/**
 * `whoCan(permission, resource)`. The resource's form is checked before any read, so a malformed
 * one costs nothing; the sweep then runs beside the resource's own reads.
 */
export async function whoCanAnswer(ctx: GatewayContext, args: WhoCanArgs): Promise<AccessGrantModel[]> {
  const permission = await knownPermission(ctx, args.permission);
  const family = permissionFamily(permission);
  if (family === null) {
    const resources = findPermission(permission)?.applicableResources.join(', ') ?? 'resources';
    throw badUserInput(`${permission} applies to ${resources}, which no ORN names: whoCan cannot place them`);
  }
  const arg = readResourceArg(args.resource, permission, family);
  const index = whoCanIndex(ctx);
  index.catch(() => {});
  const resource = await coverResource(ctx, arg, permission, family);
  const { holders, holdings, catalog } = await index;
  const kinds = args.kinds ? new Set(args.kinds) : null;
  const candidates = whoCan(permission, resource, holders, catalog).filter(
    (g) => !kinds || kinds.has(g.kind),
  );
  const holdingOf = (g: { kind: PrincipalKind; key: string }) => holdings.get(holdingKey(g.kind, g.key))!;
  // Scope grants are read only for the service apps whose roles grant the permission.
  const scopes = new Map<string, string[]>();
  await Promise.all(
    candidates
      .filter((g) => g.kind === 'SERVICE_APP')
      .map(async (g) => {
        const app = await holdingOf(g).record();
        if (app && isServiceApp(app)) scopes.set(g.key, await grantedScopesOf(ctx, app));
      }),
  );
  const usable = usableByToken(candidates, permission, scopes);
  const answers = await Promise.all(
    usable.map(async (g) => {
      const principal = await holdingOf(g).record();
      return principal ? { grant: g, principal, name: displayNameOf(principal) } : null;
    }),
  );
  return answers
    .filter((a) => a !== null)
    .sort(
      (a, b) =>
        KIND_ORDER[a.grant.kind] - KIND_ORDER[b.grant.kind] ||
        a.name.localeCompare(b.name) ||
        (a.grant.key < b.grant.key ? -1 : 1),
    )
    .map(({ grant, principal }) => ({
      principal,
      grantedBy: grant.grantedBy,
      matchedScope: grant.matchedScope,
    }));
}
