import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The package's bin: it runs the compiled CLI, dist/src/cli/index.js. */
export const BIN = fileURLToPath(new URL('../../bin/okta-iam-graphql.js', import.meta.url));
export const HAS_DIST = existsSync(fileURLToPath(new URL('../../dist/src/cli/index.js', import.meta.url)));
/** The one line test/skip-reasons.ts can print when the compiled-bin test skips. */
export const NO_DIST =
  'the compiled bin test (test/cli/compiled.test.ts) skips: dist/ is absent (npm run build)';
/**
 * The CLI's TypeScript sources through tsx, not the bin (which runs dist/): a stale build can never
 * make a test pass or fail. test/cli/compiled.test.ts checks the bin on dist/.
 */
export const CLI_FROM_SOURCES = [
  '--import',
  'tsx',
  fileURLToPath(new URL('../../src/cli/index.ts', import.meta.url)),
];

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time, ms. */
  ms: number;
}

/** Variables the child must not inherit from the developer's shell: they would change what it reads. */
const INHERITED_SETTINGS = /^(OKTA_|GATEWAY_|ROLE_PERMISSION_TABLE_FILE$|NO_COLOR$|FORCE_COLOR$)/;

/**
 * Runs the CLI from its sources as a child process (asynchronously: a simulator in this process
 * must keep answering it). The child sees only `env` on top of a clean copy of the parent's environment.
 */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !INHERITED_SETTINGS.test(name)),
  );
  return runNode([...CLI_FROM_SOURCES, ...args], { ...base, LOG_LEVEL: 'silent', ...env });
}

/** Runs `node ARGS` from the repository's root and collects its output and exit code. */
export function runNode(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

/** The lines of a stream's text, without the final newline's empty line. */
export const linesOf = (text: string) =>
  text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
