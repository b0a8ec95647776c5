/**
 * The GraphQL operations the `readiness` command runs. The CLI never evaluates readiness itself:
 * it asks the gateway's `lumosReadiness` field, in process or over HTTP, so there is one
 * implementation of the rules.
 */
import type {
  CheckedPrincipal,
  LumosAccess,
  LumosReadiness,
  PrincipalKind,
  ReadinessResult,
} from './document.ts';
import type { GraphQLExecutor } from './transport.ts';

const READINESS_FIELDS = `
  status
  connection
  access
  ruleSet
  capabilities { name required available limitedTo missing reason }
  missingRoles
  missingPermissions
  missingScopes
  warnings { code message }
  remediation
`;

export const LUMOS_READINESS_QUERY = `
query LumosReadinessCheck(
  $principal: String!
  $principalId: ID!
  $access: LumosAccess!
  $asUser: Boolean!
  $asGroup: Boolean!
  $asApp: Boolean!
) {
  user(idOrLogin: $principal) @include(if: $asUser) { key kind displayName }
  group(id: $principalId) @include(if: $asGroup) { key kind displayName }
  serviceApp(clientId: $principal) @include(if: $asApp) { key kind displayName }
  lumosReadiness(principal: $principal, access: $access) { ${READINESS_FIELDS} }
}`;

export const ADMINS_QUERY = 'query ReadinessAdmins { admins { key kind displayName } }';
export const RULE_SET_QUERY = 'query ReadinessRuleSet { lumosRuleSet { id } }';

type PrincipalLookup = { key: string; kind: PrincipalKind; displayName: string } | null | undefined;

interface ReadinessCheckData {
  user?: PrincipalLookup;
  group?: PrincipalLookup;
  serviceApp?: PrincipalLookup;
  lumosReadiness: LumosReadiness;
}

/**
 * Which lookups can name the principal, from Okta's id prefixes: 00g groups, 00u users; a login
 * holds `@`; anything else may be a user login or a client id, so both are asked.
 */
export function lookupsFor(principal: string, kind?: PrincipalKind) {
  if (kind) return { asUser: kind === 'USER', asGroup: kind === 'GROUP', asApp: kind === 'SERVICE_APP' };
  if (principal === 'me') return { asUser: false, asGroup: false, asApp: false };
  if (principal.startsWith('00g')) return { asUser: false, asGroup: true, asApp: false };
  if (principal.startsWith('00u') || principal.includes('@'))
    return { asUser: true, asGroup: false, asApp: false };
  return { asUser: true, asGroup: false, asApp: true };
}

/** Runs `lumosReadiness` for one principal and names the principal the way the gateway sees it. */
export async function checkPrincipal(
  execute: GraphQLExecutor,
  principal: string,
  access: LumosAccess,
  kind?: PrincipalKind,
): Promise<ReadinessResult> {
  const data = await execute<ReadinessCheckData>(LUMOS_READINESS_QUERY, {
    principal,
    principalId: principal,
    access,
    ...lookupsFor(principal, kind),
  });
  const found = data.user ?? data.group ?? data.serviceApp ?? null;
  const readiness = data.lumosReadiness;
  const checked: CheckedPrincipal = found
    ? { principal, kind: found.kind, key: found.key, displayName: found.displayName }
    : {
        principal,
        // `me` and unprefixed names the lookups could not resolve: the connection mode tells.
        kind: readiness.connection === 'OAUTH_SERVICE_APP' ? 'SERVICE_APP' : 'USER',
        key: principal,
        displayName: principal,
      };
  return { ...checked, ...readiness };
}

export async function fetchRuleSetId(execute: GraphQLExecutor): Promise<string> {
  const data = await execute<{ lumosRuleSet: { id: string } }>(RULE_SET_QUERY);
  return data.lumosRuleSet.id;
}

export async function listAdmins(
  execute: GraphQLExecutor,
): Promise<{ key: string; kind: PrincipalKind; displayName: string }[]> {
  const data = await execute<{ admins: { key: string; kind: PrincipalKind; displayName: string }[] }>(
    ADMINS_QUERY,
  );
  return data.admins;
}

export interface CheckManyOptions {
  access: LumosAccess;
  /** Checks in flight at once; default 4. */
  concurrency?: number;
  /** Called after each finished check, e.g. to tick a progress bar. */
  onResult?: (result: ReadinessResult) => void;
}

/** Checks every principal, results in input order; the first failure rejects the whole run. */
export async function checkPrincipals(
  execute: GraphQLExecutor,
  principals: readonly { principal: string; kind?: PrincipalKind }[],
  options: CheckManyOptions,
): Promise<ReadinessResult[]> {
  const results: ReadinessResult[] = new Array(principals.length);
  let next = 0;
  const worker = async () => {
    while (next < principals.length) {
      const index = next++;
      const item = principals[index]!;
      const result = await checkPrincipal(execute, item.principal, options.access, item.kind);
      results[index] = result;
      options.onResult?.(result);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, principals.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
