import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSnapshotFile } from '../../src/sim/snapshot.ts';
import { changedTinyOrg } from '../org-snapshot/changed-tiny-org.ts';
import { IDS, T, tinyOrg } from '../sim/fixtures/tiny-org.ts';
import { linesOf, runCli } from './run-cli.ts';

// ajv-formats is CommonJS with a default export: NodeNext types see the module object.
const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;
const schema = JSON.parse(
  readFileSync(new URL('../../docs/diff-report.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validateDocument = ajv.compile(schema);

let dir: string;
let older: string;
let newer: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'okta-iam-graphql-diff-'));
  older = join(dir, 'old.json');
  newer = join(dir, 'new.json');
  const changed = changedTinyOrg();
  // Nora also gains SUPER_ADMIN: NOT_READY before (no role at all), READY after (a direct SUPER_ADMIN).
  changed.roleAssignments.push({
    principalType: 'USER',
    principalId: IDS.noRole,
    type: 'SUPER_ADMIN',
    status: 'ACTIVE',
    created: T,
  });
  await writeSnapshotFile(older, tinyOrg());
  await writeSnapshotFile(newer, changed);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('diff OLD NEW', { timeout: 120_000 }, () => {
  it('exits 1 with the JSON document: the changes and each changed principal readiness before and after', async () => {
    const run = await runCli(['diff', older, newer, '--json']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout);
    expect(validateDocument(doc), JSON.stringify(validateDocument.errors)).toBe(true);
    expect(doc).toMatchObject({
      version: 1,
      older: { file: older, orgId: '00otiny0000000000001' },
      newer: { file: newer, orgId: '00otiny0000000000001' },
      changed: true,
    });
    expect(
      doc.changes.map((c: { kind: string; principal: { id: string } | null; subject: string }) => [
        c.kind,
        c.principal?.id,
        c.subject,
      ]),
    ).toEqual([
      ['ROLE_GAINED', IDS.noRole, 'REPORT_ADMIN'],
      ['ROLE_GAINED', IDS.noRole, 'SUPER_ADMIN'],
      ['ROLE_LOST', IDS.svcFull, 'SUPER_ADMIN'],
      ['TARGETS_CHANGED', IDS.grouped, 'APP_ADMIN'],
      ['ADMIN_GROUP_MEMBER_ADDED', IDS.noRole, IDS.admins],
      ['SCOPE_REVOKED', IDS.svcFull, 'okta.roles.read'],
    ]);
    expect(doc.changes[3].targets.direction).toBe('NARROWED');
    expect(doc.principals.map((p: { id: string }) => p.id)).toEqual([IDS.grouped, IDS.noRole, IDS.svcFull]);
    expect(doc.principals[1].readiness).toEqual({ before: 'NOT_READY', after: 'READY' });
    for (const p of doc.principals) expect(p.readiness).not.toBeNull();
    expect(doc.summary).toMatchObject({ changes: 6, principals: 3 });
    expect(doc.summary.byKind).toMatchObject({
      ROLE_GAINED: 2,
      ROLE_LOST: 1,
      TARGETS_CHANGED: 1,
      SCOPE_REVOKED: 1,
    });
  });

  it('prints a table by default, and skips readiness with --no-readiness', async () => {
    const run = await runCli(['diff', older, newer, '--no-readiness']);
    expect(run.code, run.stderr).toBe(1);
    const lines = linesOf(run.stdout);
    expect(lines[0]).toBe(
      `Admin access changed between ${older} and ${newer}: 6 change(s), 3 principal(s) affected.`,
    );
    expect(lines[2]).toMatch(/^CHANGE\s+PRINCIPAL\s+SUBJECT\s+DETAIL$/);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^TARGETS_CHANGED\\s+USER grouped@tiny\\.example \\(${IDS.grouped}\\)\\s+APP_ADMIN\\s+narrowed: app:bookmark/${IDS.bookmark} app:salesforce -> app:bookmark/${IDS.bookmark}$`,
        ),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^SCOPE_REVOKED\\s+CLIENT Service Full \\(${IDS.svcFull}\\)\\s+okta\\.roles\\.read$`),
      ),
    );
    expect(run.stdout).not.toContain('READINESS');
  });

  it('exits 0 between a snapshot and itself', async () => {
    const [table, json] = await Promise.all([
      runCli(['diff', older, older]),
      runCli(['diff', older, older, '--json']),
    ]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toBe(`No admin access changed between ${older} and ${older}.\n`);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ changed: false, changes: [], principals: [] });
  });

  it('exits 3 with one line naming a file it cannot read', async () => {
    const missing = join(dir, 'missing.json');
    const notJson = join(dir, 'not-json.json');
    const notSnapshot = join(dir, 'not-snapshot.json');
    writeFileSync(notJson, '{ nope');
    writeFileSync(notSnapshot, JSON.stringify({ format: 'something-else', version: 1 }));
    const runs = await Promise.all([
      runCli(['diff', missing, newer]),
      runCli(['diff', older, notJson]),
      runCli(['diff', notSnapshot, newer, '--json']),
      runCli(['diff', older]),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      expect(linesOf(run.stderr)).toHaveLength(1);
    }
    expect(runs[0]!.stderr).toBe(`error: cannot read ${missing}: ENOENT\n`);
    expect(runs[1]!.stderr).toMatch(new RegExp(`^error: ${notJson}: not valid JSON: `));
    expect(runs[2]!.stderr).toMatch(new RegExp(`^error: ${notSnapshot}: snapshot: format: `));
    expect(runs[3]!.stderr).toMatch(/^error: missing required argument 'new'/);
  });
});
