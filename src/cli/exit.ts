/**
 * How the CLI ends: the exit code and, on failure, exactly one line on stderr,
 * never a stack trace. Commander's own errors (bad flag, bad choice) end the same way.
 */
import type { Command, CommanderError } from 'commander';
import type { ReadinessStatus } from './readiness/document.ts';

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

/** Flushes stdout and stderr, then exits: a piped `--json` document is never cut short. */
export async function exitWith(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(code);
}

/** The one line a failure shows: its first line, with anything that looks like a token masked. */
export function failureLine(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const first = raw.split('\n').find((line) => line.trim() !== '') ?? 'unknown failure';
  const masked = first.replace(/\b(SSWS|Bearer)\s+\S+/gi, '$1 ***').trim();
  return masked.startsWith('error: ') ? masked : `error: ${masked}`;
}

export async function failCheck(err: unknown): Promise<never> {
  process.stderr.write(`${failureLine(err)}\n`);
  return exitWith(EXIT.checkFailed);
}

/**
 * Makes commander's own errors one line on stderr and exit 3 (commander exits 1 and may add a
 * "(Did you mean ...?)" line); help and version still exit 0.
 */
export function oneLineCommandErrors(command: Command): Command {
  command.configureOutput({
    outputError: (text, write) => write(`${text.replace(/\s*\n\s*/g, ' ').trim()}\n`),
  });
  command.showHelpAfterError(false);
  command.exitOverride((err: CommanderError) => {
    if (
      err.code === 'commander.helpDisplayed' ||
      err.code === 'commander.version' ||
      err.code === 'commander.help'
    ) {
      process.exit(err.exitCode);
    }
    process.exit(EXIT.checkFailed);
  });
  return command;
}

/** `readiness --json | head` closes the pipe early: end quietly rather than with an EPIPE trace. */
export function endQuietlyOnBrokenPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
