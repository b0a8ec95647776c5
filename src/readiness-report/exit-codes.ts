import type { ReadinessStatus } from './document.ts';

/** The CLI's exit codes; documented in docs/cli.md. */
export const EXIT = {
  /** Every principal is READY (or, with `--fail-on not-ready`, READY or PARTIAL). */
  ready: 0,
  /** Some principal is PARTIAL and none is worse. */
  partial: 1,
  /** Some principal is NOT_READY or UNSUPPORTED. */
  notReady: 2,
  /** The check itself failed: bad flag, bad settings, Okta unreachable, unknown principal. */
  checkFailed: 3,
} as const;

/** Which status starts to fail the run: `partial` (default) or `not-ready`. */
export type FailOn = 'partial' | 'not-ready';

export function exitCodeFor(statuses: readonly ReadinessStatus[], failOn: FailOn = 'partial'): number {
  if (statuses.some((status) => status === 'NOT_READY' || status === 'UNSUPPORTED')) return EXIT.notReady;
  if (statuses.includes('PARTIAL')) return failOn === 'partial' ? EXIT.partial : EXIT.ready;
  return EXIT.ready;
}
