/** evaluateLumosReadiness: a principal's roles (and scopes) against a Lumos rule set. */

import type { AccessCatalog } from '../effective-permissions.ts';
import { DEFAULT_LUMOS_RULE_SET, type LumosRuleSet } from './rule-set.ts';
import type { LumosReadinessResult, ReadinessInput } from './types.ts';
import { evaluateUndetermined } from './undetermined.ts';
import { evaluateKnown } from './verdict.ts';

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
