/**
 * How the CLI ends: the exit code (exit-codes.ts) and, on failure, exactly one line on stderr,
 * never a stack trace. Commander's own errors (bad flag, bad choice) end the same way.
 */
import type { Command, CommanderError } from 'commander';
import { EXIT } from './exit-codes.ts';

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
