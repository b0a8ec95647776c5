/**
 * `okta-iam-graphql sim`: runs the Okta org simulator in the foreground until SIGINT/SIGTERM.
 * Prints `listening on http://HOST:PORT` once ready, then the API token and how to use it.
 * A bad --variant or --faults value is one line on stderr and exit 2.
 */
import { Command, InvalidArgumentError } from 'commander';
import { OKTA_VARIANTS, parseFaultSpec, parseVariants, STRICT, startSimulator } from '../sim/index.ts';
import type { OrgSnapshot } from '../sim/snapshot-format.ts';

interface SimOptions {
  port: number;
  host: string;
  org?: string;
  users?: number;
  groups?: number;
  apps?: number;
  seed?: string;
  latency: number;
  faults?: string;
  token?: string;
  rateLimits: boolean;
  variant?: string;
}

const EXIT_BAD_OPTION = 2;

/** Checks the option values commander cannot: one line and exit 2 instead of a stack trace. */
function checkOptions(options: SimOptions): void {
  try {
    parseVariants(options.variant);
    if (options.faults) parseFaultSpec(options.faults);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    process.exit(EXIT_BAD_OPTION);
  }
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`expected a non-negative integer, got "${value}"`);
  return n;
}

async function loadOrg(options: SimOptions): Promise<OrgSnapshot | undefined> {
  if (options.org) {
    const { loadSnapshotFile } = await import('../sim/snapshot.ts');
    return loadSnapshotFile(options.org);
  }
  if (options.users !== undefined || options.groups !== undefined || options.apps !== undefined) {
    const { generateDemoOrg } = await import('../sim/generate.ts');
    return generateDemoOrg({
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.users !== undefined ? { users: options.users } : {}),
      ...(options.groups !== undefined ? { groups: options.groups } : {}),
      ...(options.apps !== undefined ? { apps: options.apps } : {}),
    });
  }
  return undefined;
}

async function runSim(options: SimOptions): Promise<void> {
  checkOptions(options);
  const org = await loadOrg(options);
  const sim = await startSimulator({
    port: options.port,
    host: options.host,
    ...(org ? { org } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    latencyMs: options.latency,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.token ? { apiToken: options.token } : {}),
    ...(options.rateLimits ? {} : { rateLimits: false as const }),
    ...(options.variant ? { variants: options.variant } : {}),
  });
  process.stdout.write(`listening on ${sim.url}\n`);
  process.stdout.write(
    `API token: ${sim.apiToken}  (send "Authorization: SSWS ${sim.apiToken}"; e.g. curl -H "Authorization: SSWS ${sim.apiToken}" ${sim.url}/api/v1/users/me)\n`,
  );
  if (sim.variants.length) process.stdout.write(`Okta variants: ${sim.variants.join(', ')}\n`);
  const stop = async () => {
    await sim.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function simCommand(): Command {
  return new Command('sim')
    .description('run the Okta org simulator (Okta Management API wire format over a demo or snapshot org)')
    .option('--port <n>', 'port to listen on (0 = any free port)', nonNegativeInt, 0)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--org <file>', 'serve an org snapshot file instead of the generated demo org')
    .option('--users <n>', 'generate a demo org with this many users', nonNegativeInt)
    .option('--groups <n>', 'generated demo org: number of groups', nonNegativeInt)
    .option('--apps <n>', 'generated demo org: number of apps', nonNegativeInt)
    .option('--seed <seed>', 'seed of the demo org and of fault injection', undefined)
    .option('--latency <ms>', 'latency added to every response', nonNegativeInt, 0)
    .option('--faults <spec>', 'faults, e.g. "429:0.2@/api/v1/users*,5xx:0.1,reset:0.05,latency:1;ms=200"')
    .option('--token <token>', 'SSWS API token of the gateway principal (default: random)')
    .option('--no-rate-limits', "turn off Okta's per-minute and concurrency limits")
    .option(
      '--variant <names>',
      `Okta variants, comma-separated (docs/okta-assumptions.md): ${OKTA_VARIANTS.join(', ')}, or ${STRICT} for all`,
    )
    .action(runSim);
}
