/**
 * The package's bin on the compiled CLI (dist/, built by `npm install`'s prepare step): what an
 * operator runs. Every other CLI and server test runs the TypeScript sources (run-cli.ts,
 * gateway-process.ts), so this is the one place a broken build shows.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startGatewayProcess } from '../helpers/gateway-process.ts';
import { BIN, HAS_DIST, NO_DIST, runNode } from './run-cli.ts';

const runBin = (bin: string, args: string[]) => runNode([bin, ...args]);

describe.skipIf(!HAS_DIST)(`the bin on dist/${HAS_DIST ? '' : ` (skipped: ${NO_DIST})`}`, () => {
  it('lists every command in --help', async () => {
    const run = await runBin(BIN, ['--help']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const command of ['sim', 'readiness', 'snapshot', 'diff', 'who-can', 'serve', 'print-schema'])
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('serves the embedded demo org: /healthz answers 200', async () => {
    const gateway = await startGatewayProcess({ LOG_LEVEL: 'silent' }, { compiled: true });
    try {
      const health = await gateway.get('/healthz');
      expect(health.status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});

describe('the bin without dist/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oig-bin-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says in one line to build, and exits 1', async () => {
    // A package as installed, but never built: its package.json and bin, no dist/.
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    mkdirSync(join(dir, 'bin'));
    const lone = join(dir, 'bin', 'okta-iam-graphql.js');
    copyFileSync(BIN, lone);
    const run = await runBin(lone, ['--help']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/npm install/);
    expect(run.stderr).not.toMatch(/\bat \S+ \(|Error:/);
  });
});
