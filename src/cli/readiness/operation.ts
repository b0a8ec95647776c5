/**
 * The GraphQL operations the `readiness` command runs. The CLI never evaluates readiness itself:
 * it asks the gateway's `lumosReadiness` field, in process or over HTTP, so there is one
 * implementation of the rules.
 */

import pMap from 'p-map';
import type { GraphQLExecutor } from '../transport.ts';
import type {
  CheckedPrincipal,
  LumosAccess,
  LumosReadiness,
  PrincipalKind,
  ReadinessResult,
} from './document.ts';

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
  remediationPlans { reaches steps { action subject apiCall consolePath text } leavesMissing }
  undetermined { input reason needs }
`;

export const LUMOS_READINESS_QUERY = `
query LumosReadinessCheck($principal: String!, $access: LumosAccess!) {
  principal(name: $principal) { key kind displayName }
  lumosReadiness(principal: $principal, access: $access) { ${READINESS_FIELDS} }
}`;

export const ADMINS_QUERY = 'query ReadinessAdmins { admins { key kind displayName } }';
export const RULE_SET_QUERY = 'query ReadinessRuleSet { lumosRuleSet { id } }';

interface ReadinessCheckData {
  principal: { key: string; kind: PrincipalKind; displayName: string } | null;
  lumosReadiness: LumosReadiness;
}

/** Runs `lumosReadiness` for one principal and names the principal the way the gateway sees it. */
export async function checkPrincipal(
  execute: GraphQLExecutor,
  principal: string,
  access: LumosAccess,
): Promise<ReadinessResult> {
  const data = await execute<ReadinessCheckData>(LUMOS_READINESS_QUERY, { principal, access });
  // lumosReadiness answers NOT_FOUND for a name no principal has, so `principal` is set here.
  const found = data.principal;
  const checked: CheckedPrincipal = found
    ? { principal, kind: found.kind, key: found.key, displayName: found.displayName }
    : { principal, kind: 'USER', key: principal, displayName: principal };
  return { ...checked, ...data.lumosReadiness };
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
  principals: readonly { principal: string }[],
  options: CheckManyOptions,
): Promise<ReadinessResult[]> {
  return pMap(
    principals,
    async (item) => {
      const result = await checkPrincipal(execute, item.principal, options.access);
      options.onResult?.(result);
      return result;
    },
    { concurrency: options.concurrency ?? 4 },
  );
}
