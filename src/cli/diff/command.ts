/**
 * `okta-iam-graphql diff OLD.json NEW.json [--json]`: the admin-access difference between two org
 * snapshots, and each changed principal's readiness before and after (the gateway's
 * `lumosReadiness`, asked of a gateway built in process over each snapshot). Exit 0 when nothing
 * changed, 1 when something did, 3 when a file cannot be read or the check fails (one line).
 */
import { Command } from 'commander';
import { loadSnapshotFile } from '../../sim/snapshot.ts';
import type { OrgSnapshot } from '../../sim/snapshot-format.ts';
import { endQuietlyOnBrokenPipe, exitWith, failCheck, oneLineCommandErrors } from '../exit.ts';
import { openInProcessGateway } from '../gateway-connection.ts';
import type { ReadinessStatus } from '../readiness/document.ts';
import { checkPrincipals } from '../readiness/operation.ts';
import { CheckFailedError } from '../transport.ts';
import { buildDiffDocument, formatDiffTable, type ReadinessChange } from './document.ts';
import { diffOrgSnapshots, type OrgDiff } from './org-diff.ts';

/** Exit codes of `diff` (docs/cli.md). */
export const DIFF_EXIT = { unchanged: 0, changed: 1, failed: 3 } as const;

interface DiffOptions {
  json?: boolean;
  readiness: boolean;
  concurrency: string;
}

async function load(file: string): Promise<OrgSnapshot> {
  try {
    return await loadSnapshotFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CheckFailedError(code ? `cannot read ${file}: ${code}` : (err as Error).message);
  }
}

function principalKeys(org: OrgSnapshot): Set<string> {
  return new Set([
    ...org.users.map((u) => `USER:${u.id}`),
    ...org.groups.map((g) => `GROUP:${g.id}`),
    ...org.apps.flatMap((a) => (a.oauthClient ? [`CLIENT:${a.oauthClient.clientId}`] : [])),
  ]);
}

/** Readiness (FULL access) of the principals that exist in one snapshot, by `TYPE:id`. */
async function readinessIn(
  file: string,
  org: OrgSnapshot,
  diff: OrgDiff,
  concurrency: number,
): Promise<Map<string, ReadinessStatus>> {
  const exists = principalKeys(org);
  const keys = diff.principals.map((p) => `${p.type}:${p.id}`).filter((k) => exists.has(k));
  if (keys.length === 0) return new Map();
  const env: NodeJS.ProcessEnv = { EMBEDDED_ORG_FILE: file, LOG_LEVEL: 'silent' };
  if (process.env.ROLE_PERMISSION_TABLE_FILE)
    env.ROLE_PERMISSION_TABLE_FILE = process.env.ROLE_PERMISSION_TABLE_FILE;
  const connection = await openInProcessGateway(env, { batch: true });
  try {
    const principals = keys.map((k) => ({ principal: k.slice(k.indexOf(':') + 1) }));
    const results = await checkPrincipals(connection.execute, principals, { access: 'FULL', concurrency });
    return new Map(keys.map((k, i) => [k, results[i]!.status]));
  } finally {
    await connection.close();
  }
}

async function runDiff(olderFile: string, newerFile: string, options: DiffOptions): Promise<number> {
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new CheckFailedError(`--concurrency must be a positive integer, got "${options.concurrency}"`);
  }
  const older = await load(olderFile);
  const newer = await load(newerFile);
  const diff = diffOrgSnapshots(older, newer);
  let readiness: Map<string, ReadinessChange> | undefined;
  if (options.readiness && diff.principals.length > 0) {
    const before = await readinessIn(olderFile, older, diff, concurrency);
    const after = await readinessIn(newerFile, newer, diff, concurrency);
    readiness = new Map(
      diff.principals.map((p) => {
        const key = `${p.type}:${p.id}`;
        return [key, { before: before.get(key) ?? null, after: after.get(key) ?? null }];
      }),
    );
  }
  const document = buildDiffDocument({
    older: { file: olderFile, orgId: older.org.id },
    newer: { file: newerFile, orgId: newer.org.id },
    diff,
    ...(readiness ? { readiness } : {}),
  });
  const code = document.changed ? DIFF_EXIT.changed : DIFF_EXIT.unchanged;
  process.exitCode = code;
  process.stdout.write(options.json ? `${JSON.stringify(document, null, 2)}\n` : formatDiffTable(document));
  return code;
}

export function diffCommand(): Command {
  const command = new Command('diff')
    .description(
      'admin-access difference between two org snapshots (exit 0 unchanged, 1 changed, 3 a file unreadable)',
    )
    .argument('<old>', 'the older snapshot (from `okta-iam-graphql snapshot`)')
    .argument('<new>', 'the newer snapshot')
    .option('--json', 'print the diff document (docs/diff-json.md) instead of a table')
    .option('--no-readiness', "skip each changed principal's readiness before and after")
    .option('--concurrency <n>', 'readiness checks in flight at once', '4')
    .action(async (olderFile: string, newerFile: string, options: DiffOptions) => {
      endQuietlyOnBrokenPipe();
      try {
        await exitWith(await runDiff(olderFile, newerFile, options));
      } catch (err) {
        await failCheck(err);
      }
    });
  return oneLineCommandErrors(command);
}
