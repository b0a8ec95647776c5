import type { GatewayContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { evaluateLumosReadiness } from '../iam/readiness/evaluate.ts';
import type { LumosAccess, LumosReadinessResult, UnreadInput } from '../iam/readiness/types.ts';
import { readinessCatalogFor } from './catalog.ts';
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
import { readOrNote } from './unread.ts';

const NOUNS = { USER: 'user', GROUP: 'group', SERVICE_APP: 'service app' } as const;

/**
 * Lumos readiness of one principal under the gateway's rule set. A role list, a scope-grant list,
 * a custom role's permissions or a resource set's resources that Okta refuses (or fails to answer
 * after retries) is handed to the evaluator as unread: the verdict is UNKNOWN when it could
 * change it, and stands when it could not.
 */
export async function readinessOf(
  ctx: GatewayContext,
  principal: PrincipalModel,
  access: LumosAccess,
): Promise<LumosReadinessResult> {
  const kind = principalKindOf(principal);
  const key = principalKeyOf(principal);
  const unread: UnreadInput[] = [];
  const [assignments, grants] = await Promise.all([
    readOrNote(
      ctx,
      () => assignmentsOf(ctx, principal),
      {
        read: kind === 'SERVICE_APP' ? 'CLIENT_ROLES' : 'ROLE_ASSIGNMENTS',
        input: `role assignments of ${NOUNS[kind]} ${key}`,
      },
      (u) => unread.push({ ...u, kind: 'ROLE_ASSIGNMENTS' }),
      [],
    ),
    isServiceApp(principal)
      ? readOrNote(
          ctx,
          () => grantsOf(ctx, principal),
          { read: 'APP_GRANTS', input: `scope grants of app ${principal.appId}` },
          (u) => unread.push({ ...u, kind: 'SCOPE_GRANTS' }),
          [],
        )
      : Promise.resolve(null),
  ]);
  const { catalog, unread: unreadCatalog } = await readinessCatalogFor(ctx, assignments);
  const scopesWith = (status: string) =>
    (grants ?? []).filter((g) => g.status === status).map((g) => g.scopeId);
  return evaluateLumosReadiness(
    {
      principal: {
        kind,
        key,
        displayName: displayNameOf(principal),
        ...(isServiceApp(principal) ? { appId: principal.appId } : {}),
      },
      assignments,
      grantedScopes: grants ? scopesWith('ACTIVE') : null,
      revokedScopes: grants ? scopesWith('REVOKED') : undefined,
      access,
      unread: [...unread, ...unreadCatalog],
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
