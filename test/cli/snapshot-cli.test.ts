import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipalIds } from '../../src/sim/generate.ts';
import { loadSnapshotFile } from '../../src/sim/snapshot.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { linesOf, runCli } from './run-cli.ts';

const ADMINS_READINESS = `{
  admins {
    key kind displayName
    lumosReadiness {
      status connection access ruleSet
      capabilities { name required available limitedTo missing reason }
      missingRoles missingPermissions missingScopes
      warnings { code message }
      remediation
    }
    readOnly: lumosReadiness(access: READ_ONLY) { status missingRoles missingScopes remediation }
  }
}`;

let source: TestGateway;
let served: TestGateway | undefined;
let dir: string;

beforeAll(async () => {
  source = await startTestGateway();
  dir = mkdtempSync(join(tmpdir(), 'okta-iam-graphql-snapshot-'));
});

afterAll(async () => {
  await served?.close();
  await source?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('snapshot --out FILE', { timeout: 120_000 }, () => {
  it('copies the org so that a second simulator serving the file gives identical readiness for every admin', async () => {
    const ids = demoPrincipalIds(source.sim.org);
    const key = await source.sim.createServiceAppKey(ids.serviceApps.full);
    const out = join(dir, 'org.json');
    const oktaEnv = { OKTA_ORG_URL: source.sim.url, OKTA_API_TOKEN: source.sim.apiToken };
    const [run, missingOut] = await Promise.all([
      runCli(['snapshot', '--out', out], oktaEnv),
      runCli(['snapshot'], oktaEnv),
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/^wrote .*org\.json: 2000 users, 150 groups, \d+ apps, \d+ role assignments/);
    expect(missingOut.code).toBe(3);
    expect(linesOf(missingOut.stderr)).toEqual(["error: required option '--out <file>' not specified"]);

    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain(source.sim.apiToken);
    expect(text).not.toContain(key.privateKeyPem.split('\n')[1]);
    expect(text).not.toMatch(/"(d|p|q|dp|dq|qi|client_secret)"\s*:/);
    const org = await loadSnapshotFile(out);
    const app = org.apps.find((a) => a.oauthClient?.clientId === ids.serviceApps.full);
    expect(app?.oauthClient?.jwks?.keys.map((k) => k['kid'])).toContain(key.keyId);

    const original = source.sim.org;
    for (const list of [
      'users',
      'groups',
      'memberships',
      'apps',
      'grants',
      'customRoles',
      'resourceSets',
    ] as const) {
      expect(org[list].length, list).toBe(original[list].length);
    }
    expect(org.roleAssignments.length).toBe(original.roleAssignments.length);

    served = await startTestGateway({ sim: { org } });
    const [before, after] = await Promise.all([
      source.fetchGraphQL(ADMINS_READINESS),
      served.fetchGraphQL(ADMINS_READINESS),
    ]);
    expect(before.errors).toBeUndefined();
    expect(after.errors).toBeUndefined();
    // Remediation texts name the org's URL (e.g. a grant's issuer): the two simulators' ports differ.
    const normalized = (body: unknown, url: string) =>
      JSON.parse(JSON.stringify(body).replaceAll(url, 'ORG_URL'));
    const admins = (before.data as { admins: unknown[] }).admins;
    expect(admins.length).toBeGreaterThan(30);
    expect(normalized(after.data, served.sim.url)).toEqual(normalized(before.data, source.sim.url));
  });
});
