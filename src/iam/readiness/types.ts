/**
 * The readiness vocabulary every readiness file shares: the access levels and capability names a
 * rule set speaks of, a principal's inputs (and those the gateway could not read), and the verdict
 * with its capabilities, warnings and remediation plans. Types only; nothing here imports from
 * the rest of readiness, so every readiness file can import it.
 */

import type { PrincipalKind, RoleAssignmentRecord } from '../model.ts';

export type LumosAccess = 'FULL' | 'READ_ONLY';
export type LumosCapabilityName =
  | 'READ_USERS'
  | 'READ_GROUPS'
  | 'READ_APPS'
  | 'MANAGE_USER_LIFECYCLE'
  | 'MANAGE_GROUP_MEMBERSHIP'
  | 'MANAGE_APP_ASSIGNMENTS'
  | 'READ_SYSTEM_LOG'
  | 'READ_ADMIN_ROLES'
  | 'READ_CUSTOM_ATTRIBUTES'
  | 'MANAGE_SUPER_ADMIN_MEMBERSHIP';

/**
 * What the gateway's own credential needs to read an input: every one of `scopes` (OAuth mode),
 * and any one of `adminRoles` (a standard role type such as SUPER_ADMIN, or a permission such as
 * okta.iam.read that a custom role of the credential's owner would hold).
 */
export interface CredentialNeeds {
  scopes: string[];
  adminRoles: string[];
}

export interface UndeterminedInput {
  /** What could not be read, e.g. "role assignments of user 00u1...". */
  input: string;
  /** Okta's status and error code (e.g. "403 E0000006"), or the failure. */
  reason: string;
  needs: CredentialNeeds;
}

/** One input of a verdict that could not be read, and which part of the evaluation it stands for. */
export type UnreadInput = UndeterminedInput &
  (
    | { kind: 'ROLE_ASSIGNMENTS' }
    | { kind: 'CUSTOM_ROLE_PERMISSIONS'; customRoleId: string }
    | { kind: 'RESOURCE_SET_RESOURCES'; resourceSetId: string }
    | { kind: 'SCOPE_GRANTS' }
  );

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
