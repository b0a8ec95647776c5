import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { startGatewayServer } from '../../src/http/start.ts';
import { generateDemoOrg } from '../../src/sim/generate.ts';
import { writeSnapshotFile } from '../../src/sim/snapshot.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'embedded-org-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function graphql(url: string, query: string): Promise<{ data?: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, unknown> };
}

describe('npm start on a snapshot (EMBEDDED_ORG_FILE)', () => {
  it('serves the snapshot instead of the demo org', async () => {
    const org = generateDemoOrg({ seed: 'snapshot-served', users: 30, groups: 12, apps: 6 });
    const file = join(dir, 'org.json');
    await writeSnapshotFile(file, org);
    const running = await startGatewayServer(
      loadConfig({ PORT: '0', LOG_LEVEL: 'silent', EMBEDDED_ORG_FILE: file }),
    );
    try {
      expect(running.oktaDescription).toBe(`the embedded org from ${file}`);
      const result = await graphql(running.url, '{ users(first: 200) { edges { node { key } } } }');
      const users = result.data?.users as { edges: { node: { key: string } }[] } | undefined;
      const keys = (users?.edges ?? []).map((e) => e.node.key);
      expect(keys.sort()).toEqual(org.users.map((u) => u.id).sort());
    } finally {
      await running.close();
    }
  });

  it('refuses a bad snapshot at start with one line naming the setting and the field', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ format: 'okta-iam-graphql/org-snapshot', version: 1 }));
    const error = await startGatewayServer(loadConfig({ PORT: '0', EMBEDDED_ORG_FILE: file })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^EMBEDDED_ORG_FILE: .*bad\.json.*org/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('is refused together with a real org', () => {
    expect(() =>
      loadConfig({
        OKTA_ORG_URL: 'https://acme.okta.com',
        OKTA_API_TOKEN: 't',
        EMBEDDED_ORG_FILE: '/x.json',
      }),
    ).toThrow('EMBEDDED_ORG_FILE: only without OKTA_ORG_URL');
  });
});
