/** evaluateLumosReadiness: a principal's roles (and scopes) against a Lumos rule set. */

import type { AccessCatalog } from '../effective-permissions.ts';
import type { PrincipalKind, RoleAssignmentRecord } from '../model.ts';
import {
  DEFAULT_LUMOS_RULE_SET,
  type LumosAccess,
  type LumosCapabilityName,
  type LumosRuleSet,
} from './rule-set.ts';
import { evaluateUndetermined, type UndeterminedInput, type UnreadInput } from './undetermined.ts';
import { evaluateKnown } from './verdict.ts';

export interface ReadinessInput {
  /** key: user id, group id or client id; appId: a service app's Okta app id (its grants' path), when it differs. */
  principal: { kind: PrincipalKind; key: string; displayName: string; appId?: string };
  /** The assignments read; when a role list could not be read, `unread` says so. */
  assignments: readonly RoleAssignmentRecord[];
  /** service apps: scope ids of ACTIVE grants; null for users and groups */
  grantedScopes: readonly string[] | null;
  /** service apps: scopes of REVOKED grants, for remediation wording; optional */
  revokedScopes?: readonly string[];
  access: LumosAccess;
  /** What the gateway could not read (role lists, custom-role permissions, resources, scope grants); default none. */
  unread?: readonly UnreadInput[];
}

/** A verdict the gateway can give; UNKNOWN when one depends on what it could not read. */
export type DeterminedStatus = 'READY' | 'PARTIAL' | 'NOT_READY' | 'UNSUPPORTED';
export type LumosReadinessStatus = DeterminedStatus | 'UNKNOWN';

export interface LumosCapabilityResult {
  name: LumosCapabilityName;
  required: boolean;
  available: boolean;
  /** ORNs it is limited to; null when org-wide or unavailable. */
  limitedTo: string[] | null;
  /** Role types, permissions or scopes whose absence makes it unavailable. */
  missing: string[];
  reason: string;
}

export interface LumosWarning {
  code:
    | 'NO_ADMIN_ROLE'
    | 'TARGETED_ROLE'
    | 'CUSTOM_ROLE_SUPER_ADMIN_MEMBERSHIP'
    | 'INHERITED_ROLE'
    | 'INACTIVE_ROLE'
    | 'UNKNOWN_ROLE_TYPE'
    | string;
  message: string;
}

export type RemediationAction =
  | 'ASSIGN_ROLE'
  | 'REMOVE_TARGETS'
  | 'ADD_PERMISSION'
  | 'ADD_RESOURCE'
  | 'GRANT_SCOPE'
  | 'REACTIVATE_ROLE';

export interface RemediationStep {
  action: RemediationAction;
  /** The role type, custom role id, permission, ORN or scope the step is about. */
  subject: string;
  /** The Okta Management API call that makes the change. */
  apiCall: string;
  /** Where in the Admin Console, for this kind of principal. */
  consolePath: string;
  /** One sentence a person can act on. */
  text: string;
}

/** A complete way to a better verdict: every step is needed for what it reaches. */
export interface RemediationPlan {
  reaches: DeterminedStatus;
  steps: RemediationStep[];
  /** Required capabilities still unavailable after the steps. */
  leavesMissing: LumosCapabilityName[];
}

export interface LumosReadinessResult {
  status: LumosReadinessStatus;
  connection: 'API_TOKEN' | 'OAUTH_SERVICE_APP';
  access: LumosAccess;
  ruleSet: string;
  capabilities: LumosCapabilityResult[];
  missingRoles: string[];
  missingPermissions: string[];
  missingScopes: string[];
  warnings: LumosWarning[];
  /** The text of the first plan's steps (for UNKNOWN, what to read first). */
  remediation: string[];
  /** Ways to a better verdict, fewest privileges first. */
  remediationPlans: RemediationPlan[];
  /** What could not be read that could change the verdict; empty when the verdict is certain. */
  undetermined: UndeterminedInput[];
}

/** A verdict over inputs that were all read. */
export type KnownReadinessResult = Omit<LumosReadinessResult, 'status' | 'undetermined'> & {
  status: DeterminedStatus;
};

/**
 * Evaluates a principal against a Lumos rule set (default: the newest). Users count every role they
 * hold, direct and inherited; groups evaluate as an API token of a member; service apps need both
 * roles and ACTIVE scopes. With inputs the gateway could not read, the verdict is given when no
 * content of them could change it, and is UNKNOWN otherwise (see undetermined.ts).
 */
export function evaluateLumosReadiness(
  input: ReadinessInput,
  catalog: AccessCatalog,
  ruleSet: LumosRuleSet = DEFAULT_LUMOS_RULE_SET,
): LumosReadinessResult {
  if (!input.unread || input.unread.length === 0) {
    return { ...evaluateKnown(input, catalog, ruleSet), undetermined: [] };
  }
  return evaluateUndetermined(input, input.unread, catalog, ruleSet);
}
