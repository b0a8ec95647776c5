/**
 * `okta-iam-graphql snapshot --out FILE`: copies an org's IAM data, read-only, into an org
 * snapshot (v1) that `okta-iam-graphql sim --org FILE` serves offline. Never writes a secret.
 */
import { Command } from 'commander';
import { createOktaClient } from '../okta/client.ts';
import { createOktaDirectory } from '../okta/directory.ts';
import { UpstreamError } from '../okta/errors.ts';
import { createUpstreamCounters, watchRateLimitWaits } from '../okta/metrics.ts';
import { createSnapshotReads } from '../okta/snapshot-reads.ts';
import { readOrgSnapshot } from '../org-snapshot/read-org.ts';
import { exitWith, failCheck, oneLineCommandErrors } from '../readiness-report/cli-exit.ts';
import { EXIT } from '../readiness-report/exit-codes.ts';
import { resolveOktaSettings } from '../readiness-report/okta-settings.ts';
import { rateLimitNote, startProgress } from '../readiness-report/progress.ts';
import { CheckFailedError } from '../readiness-report/transport.ts';
import { teeUpstreamMetrics } from '../server/metrics.ts';
import { writeSnapshotFile } from '../sim/snapshot.ts';

function describeUpstreamFailure(err: UpstreamError): CheckFailedError {
  const prefix: Record<string, string> = {
    UPSTREAM_UNAVAILABLE: 'Okta unreachable',
    UPSTREAM_FORBIDDEN: 'Okta refused the credential',
    UPSTREAM_RATE_LIMITED: 'Okta rate limit reached',
    NOT_FOUND: 'Okta answered 404',
  };
  return new CheckFailedError(`${prefix[err.code] ?? 'Okta failed'}: ${err.message}`, err.code);
}

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
  const settings = await resolveOktaSettings(process.env, { batch: true });
  try {
    const counters = createUpstreamCounters();
    const progress = startProgress(process.stderr, 'reading org', 1);
    const waits = watchRateLimitWaits((status) => progress.note(rateLimitNote(status), status.waitMs));
    const client = createOktaClient({
      orgUrl: settings.orgUrl,
      credentials: settings.credentials,
      maxConcurrency: settings.config.oktaMaxConcurrency,
      ...settings.config.oktaClient,
      metrics: teeUpstreamMetrics(counters, waits),
    });
    let snapshot: Awaited<ReturnType<typeof readOrgSnapshot>>;
    try {
      snapshot = await readOrgSnapshot(createOktaDirectory(client), createSnapshotReads(client.getJson), {
        concurrency,
        onProgress: (phase, done, total) => progress.phase(phase, total, done),
      });
    } catch (err) {
      throw err instanceof UpstreamError ? describeUpstreamFailure(err) : err;
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
    await settings.close();
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
