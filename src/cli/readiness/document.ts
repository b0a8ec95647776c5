/**
 * The `readiness --json` document, version 1: what scripts parse. Its shape is documented in
 * docs/readiness-json.md and pinned by docs/readiness-report.schema.json; add fields, never
 * rename or remove them without bumping `version`.
 */

export const READINESS_DOCUMENT_VERSION = 1;

export const READINESS_STATUSES = ['READY', 'PARTIAL', 'NOT_READY', 'UNSUPPORTED', 'UNKNOWN'] as const;
export type ReadinessStatus = (typeof READINESS_STATUSES)[number];
export type PrincipalKind = 'USER' | 'GROUP' | 'SERVICE_APP';
export type LumosAccess = 'FULL' | 'READ_ONLY';

export interface LumosCapability {
  name: string;
  required: boolean;
  available: boolean;
  limitedTo: string[] | null;
  missing: string[];
  reason: string;
}

/** Something the verdict depends on that the gateway could not read (UNKNOWN verdicts). */
export interface UndeterminedInput {
  input: string;
  reason: string;
  needs: string[];
}

/** One change a remediation plan makes in Okta. */
export interface RemediationStep {
  /** ASSIGN_ROLE, REMOVE_TARGETS, ADD_PERMISSION, ADD_RESOURCE, GRANT_SCOPE or REACTIVATE_ROLE. */
  action: string;
  subject: string;
  apiCall: string | null;
  consolePath: string | null;
  text: string;
}

/** A complete way to a better verdict. */
export interface RemediationPlan {
  reaches: ReadinessStatus;
  steps: RemediationStep[];
  /** Required capabilities still unavailable after the steps. */
  leavesMissing: string[];
}

/** Everything the gateway's `lumosReadiness` field returns, as it returns it. */
export interface LumosReadiness {
  status: ReadinessStatus;
  connection: 'API_TOKEN' | 'OAUTH_SERVICE_APP';
  access: LumosAccess;
  ruleSet: string;
  capabilities: LumosCapability[];
  missingRoles: string[];
  missingPermissions: string[];
  missingScopes: string[];
  warnings: { code: string; message: string }[];
  remediation: string[];
  remediationPlans: RemediationPlan[];
  undetermined: UndeterminedInput[];
}

/** The principal a check was about, as the gateway resolved it. */
export interface CheckedPrincipal {
  /** What the caller asked for: an id, login, client id or `me`. */
  principal: string;
  kind: PrincipalKind;
  /** The Okta id (00u..., 00g...) or, for a service app, its client id; `me` when unresolved. */
  key: string;
  displayName: string;
}

export type ReadinessResult = CheckedPrincipal & LumosReadiness;

export type ReadinessSummary = Record<ReadinessStatus, number>;

export interface ReadinessDocument {
  version: typeof READINESS_DOCUMENT_VERSION;
  ruleSet: string;
  access: LumosAccess;
  /** ISO 8601, UTC. */
  generatedAt: string;
  results: ReadinessResult[];
  summary: ReadinessSummary;
}

export function summarize(results: readonly { status: ReadinessStatus }[]): ReadinessSummary {
  const summary: ReadinessSummary = { READY: 0, PARTIAL: 0, NOT_READY: 0, UNSUPPORTED: 0, UNKNOWN: 0 };
  for (const result of results) summary[result.status] += 1;
  return summary;
}

export function buildReadinessDocument(input: {
  ruleSet: string;
  access: LumosAccess;
  results: ReadinessResult[];
  generatedAt?: Date;
}): ReadinessDocument {
  return {
    version: READINESS_DOCUMENT_VERSION,
    ruleSet: input.ruleSet,
    access: input.access,
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    results: input.results,
    summary: summarize(input.results),
  };
}
