/**
 * Start-up: the gateway on the embedded demo org, in a fresh process each run, from spawn to the
 * first `GET /healthz` answered 200: `npm start` itself (npm, then `node dist/src/main.js`), the
 * compiled server alone, and `npm run dev` (npm, then `tsx src/main.ts`: what `npm start` ran
 * before the build step). Run alone: `npm run bench -- --startup`, or `node dist/bench/startup.js [runs]`.
 */
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, repoPath } from './paths.ts';
import { freePort } from './redis-server.ts';

export type StartupRunner = 'npmStart' | 'compiled' | 'npmDev';

/** npm's own CLI when the benchmark runs under npm (`npm run bench`), else `npm` on the PATH. */
const NPM = process.env.npm_execpath
  ? { command: process.execPath, args: [process.env.npm_execpath] }
  : { command: 'npm', args: [] };

/** How each runner starts the server; `command` names it in short, `label` with what it stands for. */
export const STARTUP_RUNNERS: Record<
  StartupRunner,
  { command: string; label: string; executable: string; args: string[] }
> = {
  npmStart: {
    command: '`npm start`',
    label: '`npm start`',
    executable: NPM.command,
    args: [...NPM.args, 'start', '--silent'],
  },
  compiled: {
    command: '`node dist/src/main.js`',
    label: '`node dist/src/main.js` (what `npm start` runs)',
    executable: process.execPath,
    args: [repoPath('dist/src/main.js')],
  },
  npmDev: {
    command: '`npm run dev`',
    label: '`npm run dev` (`tsx src/main.ts`: `npm start` before the build step)',
    executable: NPM.command,
    args: [...NPM.args, 'run', 'dev', '--silent'],
  },
};

/** Settings the child must not inherit from the shell: without them it serves the embedded demo org. */
const INHERITED_SETTINGS =
  /^(OKTA_|GATEWAY_|EMBEDDED_ORG_FILE$|REDIS_URL$|REPLICAS$|CACHE_|LOG_|ROLE_PERMISSION_TABLE_FILE$|HOST$|PORT$|NODE_OPTIONS$)/;
/** Between two probes of /healthz while the process starts, ms. */
const PROBE_EVERY_MS = 10;
const GIVE_UP_MS = 60_000;

/** The status of one GET, or 0 when nothing listens yet. */
function probe(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', () => resolve(0));
    request.setTimeout(1_000, () => request.destroy());
  });
}

/** One start: ms from spawn to /healthz 200; the process is stopped and gone before it returns. */
export async function startupOnce(runner: StartupRunner): Promise<number> {
  const port = await freePort();
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !INHERITED_SETTINGS.test(name)),
  );
  const started = performance.now();
  const { executable, args } = STARTUP_RUNNERS[runner];
  const child = spawn(executable, args, {
    cwd: REPO_ROOT,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
    // A process group of its own: npm and tsx start the server as a grandchild, stopped with it.
    detached: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${STARTUP_RUNNERS[runner].label} exited ${child.exitCode}: ${stderr.trim()}`);
      if ((await probe(`http://127.0.0.1:${port}/healthz`)) === 200) return performance.now() - started;
      if (performance.now() - started > GIVE_UP_MS)
        throw new Error(
          `${STARTUP_RUNNERS[runner].label}: no /healthz 200 in ${GIVE_UP_MS} ms: ${stderr.trim()}`,
        );
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
  } finally {
    const stop = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {}
    };
    stop('SIGTERM');
    const killer = setTimeout(() => stop('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
    // Every process of the group gone (the pipe closes with the last of them), not only the first.
    await new Promise<void>((resolve) =>
      child.stderr.closed ? resolve() : child.stderr.once('close', resolve),
    );
  }
}

/** `runs` starts one after the other, ms each. */
export async function startupTimes(runner: StartupRunner, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await startupOnce(runner));
  return times;
}

// Run alone: every runner, one line of JSON each.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 5);
  for (const runner of Object.keys(STARTUP_RUNNERS) as StartupRunner[]) {
    const ms = await startupTimes(runner, runs);
    process.stdout.write(`${JSON.stringify({ runner, ms: ms.map(Math.round) })}\n`);
  }
}
