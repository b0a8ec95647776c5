/**
 * The gateway as an operator runs it: `okta-iam-graphql serve` in a child process of its own,
 * configured by environment only, on a free port. Its stdout and stderr are kept (tests look for
 * secrets in them). It runs the TypeScript sources through tsx, not the bin (which runs dist/), so
 * a stale build can never make a test pass or fail; test/cli/compiled.test.ts checks the bin.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BIN, CLI_FROM_SOURCES } from '../cli/run-cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Settings the child must not inherit from the developer's shell. */
const INHERITED_SETTINGS = /^(OKTA_|GATEWAY_|REDIS_URL$|REPLICAS$|CACHE_|LOG_|ROLE_PERMISSION_TABLE_FILE$)/;

export interface GatewayProcess {
  /** http://127.0.0.1:PORT (no path). */
  base: string;
  /** Everything it printed on stdout and stderr so far. */
  output(): string;
  /** POSTs an operation to /graphql. */
  query(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: GraphQLBody }>;
  /** GETs a path and parses JSON (or returns text). */
  get(path: string): Promise<{ status: number; text: string }>;
  stop(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** `compiled`: run the package's bin (dist/) instead of the sources, as test/cli/compiled.test.ts does. */
export async function startGatewayProcess(
  env: Record<string, string>,
  options: { compiled?: boolean } = {},
): Promise<GatewayProcess> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !INHERITED_SETTINGS.test(name)),
  );
  const cli = options.compiled ? [BIN] : CLI_FROM_SOURCES;
  const child: ChildProcess = spawn(process.execPath, [...cli, 'serve'], {
    cwd: ROOT,
    env: { ...base, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start: ${output}`)), 30_000);
    const onData = (chunk: string) => {
      output += chunk;
      const match = /GraphiQL at (http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    child.stderr?.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited ${code}: ${output}`));
    });
  });
  return {
    base: url,
    output: () => output,
    async query(query, variables) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    },
    async get(path) {
      const response = await fetch(`${url}${path}`);
      return { status: response.status, text: await response.text() };
    },
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      });
    },
  };
}
