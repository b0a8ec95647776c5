/**
 * A throwaway redis-server (Debian's package) as a child process on a free loopback port, with no
 * persistence: the replica benchmark and the tests of replicas sharing state start their own, stop
 * it (SIGKILL, as a crash) and start it again on the same port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = '/usr/bin/redis-server';
export const HAS_REDIS_SERVER = existsSync(REDIS_SERVER);
/** The one line test/skip-reasons.ts prints (and the benchmark says) when it is absent. */
export const NO_REDIS_SERVER = `tests of replicas sharing state through Redis skip: ${REDIS_SERVER} is absent (apt-get install redis-server)`;

export interface RedisServer {
  port: number;
  /** redis://127.0.0.1:PORT, or with the password when one was asked for. */
  url: string;
  running(): boolean;
  /** Kills it at once (SIGKILL): clients see the connection drop, as in a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startRedisServer(options: { password?: string } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'oig-redis-'));
  let child: ChildProcess | null = null;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    ...(options.password ? ['--requirepass', options.password] : []),
  ];
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
      proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        if (child === proc) child = null;
        reject(new Error(`redis-server exited ${code}: ${output}`));
      });
    });
  await start();
  const server: RedisServer = {
    port,
    url: options.password
      ? `redis://:${encodeURIComponent(options.password)}@127.0.0.1:${port}`
      : `redis://127.0.0.1:${port}`,
    running: () => child !== null,
    async kill() {
      const proc = child;
      if (!proc) return;
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGKILL');
      });
    },
    start,
  };
  process.once('exit', () => {
    (child as ChildProcess | null)?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  return server;
}
