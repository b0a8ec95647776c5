/**
 * `okta-iam-graphql snapshot --out FILE`: copies an org's IAM data, read-only, into an org
 * snapshot (v1) that `okta-iam-graphql sim --org FILE` serves offline. Never writes a secret.
 */
import { Command } from 'commander';
import { teeUpstreamMetrics } from '../../http/metrics.ts';
import { UPSTREAM_WORDS, UpstreamError } from '../../okta/errors.ts';
import { createUpstreamCounters, watchRateLimitWaits } from '../../okta/metrics.ts';
import { createOktaDirectory } from '../../okta/okta-directory.ts';
import { createSnapshotReads } from '../../okta/snapshot-reads.ts';
import { writeSnapshotFile } from '../../sim/snapshot.ts';
import { EXIT, exitWith, failCheck, oneLineCommandErrors } from '../exit.ts';
import { openCommandOkta } from '../okta-settings.ts';
import { rateLimitNote, startProgress } from '../progress.ts';
import { CheckFailedError } from '../transport.ts';
import { readOrgSnapshot } from './read-org.ts';

interface SnapshotOptions {
  out: string;
  concurrency: string;
}

async function runSnapshot(options: SnapshotOptions): Promise<number> {
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new CheckFailedError(`--concurrency must be a positive integer, got "${options.concurrency}"`);
  }
  const started = performance.now();
  const counters = createUpstreamCounters();
  const progress = startProgress(process.stderr, 'reading org', 1);
  const waits = watchRateLimitWaits((status) => progress.note(rateLimitNote(status), status.waitMs));
  const okta = await openCommandOkta(process.env, {
    batch: true,
    metrics: teeUpstreamMetrics(counters, waits),
  }).catch((err: unknown) => {
    progress.stop();
    throw err;
  });
  try {
    const { client } = okta;
    let snapshot: Awaited<ReturnType<typeof readOrgSnapshot>>;
    try {
      snapshot = await readOrgSnapshot(createOktaDirectory(client), createSnapshotReads(client.getJson), {
        concurrency,
        onProgress: (phase, done, total) => progress.phase(phase, total, done),
      });
    } catch (err) {
      throw err instanceof UpstreamError
        ? new CheckFailedError(`${UPSTREAM_WORDS[err.code].headline}: ${err.message}`, err.code)
        : err;
    } finally {
      progress.stop();
    }
    try {
      await writeSnapshotFile(options.out, snapshot);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (!code) throw err;
      throw new CheckFailedError(`cannot write ${options.out}: ${code}`);
    }
    const requests = counters.snapshot().requestsTotal;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      `wrote ${options.out}: ${snapshot.users.length} users, ${snapshot.groups.length} groups, ` +
        `${snapshot.apps.length} apps, ${snapshot.roleAssignments.length} role assignments, ` +
        `${snapshot.customRoles.length} custom roles, ${snapshot.resourceSets.length} resource sets ` +
        `(${requests} requests, ${seconds} s)\n`,
    );
    return EXIT.ready;
  } finally {
    await okta.close();
  }
}

export function snapshotCommand(): Command {
  const command = new Command('snapshot')
    .description("copy the org's IAM data (read-only) into an org snapshot file that `sim --org FILE` serves")
    .requiredOption(
      '--out <file>',
      'where to write the snapshot (JSON, format okta-iam-graphql/org-snapshot v1)',
    )
    .option(
      '--concurrency <n>',
      'per-principal reads in flight (the Okta client caps requests at OKTA_MAX_CONCURRENCY)',
      '8',
    )
    .action(async (options: SnapshotOptions) => {
      try {
        await exitWith(await runSnapshot(options));
      } catch (err) {
        await failCheck(err);
      }
    });
  return oneLineCommandErrors(command);
}
