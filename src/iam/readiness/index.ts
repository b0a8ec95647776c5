export type { CapabilityAssessment } from './capabilities.ts';
export {
  type DeterminedStatus,
  evaluateLumosReadiness,
  type LumosCapabilityResult,
  type LumosReadinessResult,
  type LumosReadinessStatus,
  type LumosWarning,
  type ReadinessInput,
  type RemediationAction,
  type RemediationPlan,
  type RemediationStep,
} from './evaluate.ts';
export {
  DEFAULT_LUMOS_RULE_SET,
  LUMOS_OKTA_2026_03_10,
  type LumosAccess,
  type LumosCapabilityName,
  type LumosCapabilityRule,
  type LumosRuleSet,
  type LumosScopeRule,
} from './rule-set.ts';
export type { CredentialNeeds, UndeterminedInput, UnreadInput } from './undetermined.ts';
