import type { ReadinessStatus } from './document.ts';

/** The CLI's exit codes; documented in docs/cli.md. */
export const EXIT = {
  /** Every principal is READY (or, with `--fail-on not-ready`, READY or PARTIAL). */
  ready: 0,
  /** Some principal is PARTIAL and none is worse. */
  partial: 1,
  /** Some principal is NOT_READY or UNSUPPORTED. */
  notReady: 2,
  /**
   * The check itself failed (bad flag, bad settings, Okta unreachable or refusing the credential,
   * unknown principal), or some verdict is UNKNOWN: the gateway could not read what it depends on.
   */
  checkFailed: 3,
} as const;

/** Which status starts to fail the run: `partial` (default) or `not-ready`. */
export type FailOn = 'partial' | 'not-ready';

/** UNKNOWN comes first: an incomplete answer is not a verdict, whatever the others say. */
export function exitCodeFor(statuses: readonly ReadinessStatus[], failOn: FailOn = 'partial'): number {
  if (statuses.includes('UNKNOWN')) return EXIT.checkFailed;
  if (statuses.some((status) => status === 'NOT_READY' || status === 'UNSUPPORTED')) return EXIT.notReady;
  if (statuses.includes('PARTIAL')) return failOn === 'partial' ? EXIT.partial : EXIT.ready;
  return EXIT.ready;
}
