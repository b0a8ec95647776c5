/**
 * `okta-iam-graphql readiness <principal...>`: is this principal ready for the Lumos Okta
 * integration? Asks the gateway's `lumosReadiness` (in process, or a running gateway with
 * --gateway), prints a table or the v1 JSON document, and exits 0/1/2/3 (see docs/cli.md).
 */
import { Command, Option } from 'commander';
import { watchRateLimitWaits } from '../../okta/metrics.ts';
import {
  endQuietlyOnBrokenPipe,
  exitCodeFor,
  exitWith,
  type FailOn,
  failCheck,
  oneLineCommandErrors,
} from '../exit.ts';
import { openGatewayConnection } from '../gateway-connection.ts';
import { type Progress, rateLimitNote, startProgress } from '../progress.ts';
import { CheckFailedError } from '../transport.ts';
import { buildReadinessDocument, type LumosAccess } from './document.ts';
import { checkPrincipals, fetchRuleSetId, listAdmins } from './operation.ts';
import { formatPlans, formatReadinessTable, formatSummary, shouldUseColor } from './table.ts';

interface ReadinessOptions {
  access: 'full' | 'read-only';
  json?: boolean;
  allAdmins?: boolean;
  failOn: FailOn;
  gateway?: string;
  apiKey?: string;
  concurrency: string;
}

async function runReadiness(principals: string[], options: ReadinessOptions): Promise<number> {
  if (principals.length === 0 && !options.allAdmins) {
    throw new CheckFailedError(
      'name at least one principal (user id or login, group id, client id, me) or pass --all-admins',
    );
  }
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new CheckFailedError(`--concurrency must be a positive integer, got "${options.concurrency}"`);
  }
  if (options.apiKey && !options.gateway) {
    throw new CheckFailedError('--api-key only applies with --gateway URL');
  }
  const access: LumosAccess = options.access === 'read-only' ? 'READ_ONLY' : 'FULL';
  // Notes go to whichever bar is up; a wait before the sweep starts is shown as a line.
  let progress: Progress | null = options.allAdmins ? startProgress(process.stderr, 'admins', 1) : null;
  const connection = await openGatewayConnection({
    gatewayUrl: options.gateway,
    apiKey: options.apiKey ?? process.env['GATEWAY_API_KEY'],
    inProcess: {
      batch: options.allAdmins === true,
      metrics: watchRateLimitWaits((status) => progress?.note(rateLimitNote(status), status.waitMs)),
    },
  });
  try {
    const ruleSet = await fetchRuleSetId(connection.execute);
    const targets: { principal: string; kind?: 'USER' | 'GROUP' | 'SERVICE_APP' }[] = principals.map((p) => ({
      principal: p,
    }));
    if (options.allAdmins) {
      const named = new Set(principals);
      for (const admin of await listAdmins(connection.execute)) {
        if (!named.has(admin.key)) targets.push({ principal: admin.key, kind: admin.kind });
      }
    }
    progress?.phase('readiness', targets.length);
    let results: Awaited<ReturnType<typeof checkPrincipals>>;
    try {
      results = await checkPrincipals(connection.execute, targets, {
        access,
        concurrency,
        onResult: () => progress?.tick(),
      });
    } finally {
      progress?.stop();
      progress = null;
    }
    const document = buildReadinessDocument({ ruleSet, access, results });
    const code = exitCodeFor(
      results.map((r) => r.status),
      options.failOn,
    );
    // Set before writing: a reader that closes the pipe early still sees the verdict.
    process.exitCode = code;
    if (options.json) {
      process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    } else {
      const color = shouldUseColor(process.stdout);
      process.stdout.write(formatReadinessTable(results, { color }));
      // A sweep stays one line per principal; named principals get their plans step by step.
      if (!options.allAdmins) process.stdout.write(formatPlans(results));
      if (options.allAdmins || results.length > 1)
        process.stdout.write(formatSummary(document.summary, { color }));
    }
    return code;
  } finally {
    await connection.close();
  }
}

export function readinessCommand(): Command {
  const command = new Command('readiness')
    .description(
      'Check whether principals are ready for the Lumos Okta integration (exit 0 READY, 1 PARTIAL, 2 NOT_READY/UNSUPPORTED, 3 failure)',
    )
    .argument('[principal...]', 'user id or login, group id, service app client id, or me')
    .addOption(
      new Option('--access <level>', 'access level Lumos will use')
        .choices(['full', 'read-only'])
        .default('full'),
    )
    .option('--json', 'print the readiness document (docs/readiness-json.md) instead of a table')
    .option('--all-admins', 'also check every principal holding an admin role')
    .addOption(
      new Option(
        '--fail-on <status>',
        'lowest status that fails the run: partial exits 1, not-ready lets PARTIAL exit 0',
      )
        .choices(['partial', 'not-ready'])
        .default('partial'),
    )
    .option(
      '--gateway <url>',
      'ask a running gateway (http://host:port or its /graphql URL) instead of Okta directly',
    )
    .option('--api-key <key>', 'API key for --gateway (default: env GATEWAY_API_KEY)')
    .option('--concurrency <n>', 'checks in flight at once', '4')
    .action(async (principals: string[], options: ReadinessOptions) => {
      endQuietlyOnBrokenPipe();
      try {
        await exitWith(await runReadiness(principals, options));
      } catch (err) {
        await failCheck(err);
      }
    });
  return oneLineCommandErrors(command);
}
