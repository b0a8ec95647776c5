import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_FROM_SOURCES } from '../cli/run-cli.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

async function startCli(args: string[]) {
  const child = spawn(process.execPath, [...CLI_FROM_SOURCES, 'sim', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const out: string[] = [];
  for await (const line of lines) {
    out.push(line);
    if (out.length === 2) break;
  }
  if (out.length < 2) throw new Error(`sim exited early: ${stderr}`);
  return { child, out };
}

describe('okta-iam-graphql sim', () => {
  it('prints where it listens and the token, serves the API, and stops on SIGTERM', async () => {
    const { child, out } = await startCli([
      '--port',
      '0',
      '--users',
      '30',
      '--seed',
      'cli',
      '--faults',
      '5xx:1@/api/v1/org',
    ]);
    const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(out[0] as string)?.[1];
    expect(url).toBeDefined();
    const token = /^API token: (\S+)/.exec(out[1] as string)?.[1];
    const headers = { Authorization: `SSWS ${token}` };
    const me = (await (await fetch(`${url}/api/v1/users/me`, { headers })).json()) as {
      profile: { login: string };
    };
    expect(me.profile.login).toBe('iam.gateway@demo.example');
    expect((await fetch(`${url}/api/v1/org`, { headers })).status).toBe(503);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('uses a given token and Okta variants, and stops on SIGINT', async () => {
    const { child, out } = await startCli([
      '--users',
      '5',
      '--token',
      'fixed-token-123',
      '--no-rate-limits',
      '--variant',
      'iam-policy-404,preview',
    ]);
    const url = /^listening on (\S+)$/.exec(out[0] as string)?.[1];
    const headers = { Authorization: 'SSWS fixed-token-123' };
    const res = await fetch(`${url}/api/v1/users?limit=1`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-rate-limit-limit')).toBe('600');
    const policy = '/api/v1/iam/resource-sets/ACCESS_CERTIFICATIONS_IAM_POLICY/resources';
    expect((await fetch(`${url}${policy}`, { headers })).status).toBe(404);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses an unknown variant in one line, naming the valid ones, with exit 2', async () => {
    const child = spawn(process.execPath, [...CLI_FROM_SOURCES, 'sim', '--variant', 'preview,kind'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^error: unknown Okta variant "kind"; valid variants: assignees-direct, .*strict/,
      ),
    ]);
  });
});
