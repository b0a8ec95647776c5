/**
 * `okta-iam-graphql who-can PERMISSION RESOURCE`: which principals hold a permission over a
 * resource, through which assignments. Asks the gateway's `whoCan` (in process, or a running
 * gateway with --gateway), prints a table or JSON, and exits 0 (someone can), 1 (nobody can) or 3
 * (the question could not be answered). See docs/cli.md.
 */
import { Command } from 'commander';
import { endQuietlyOnBrokenPipe, exitWith, failCheck, oneLineCommandErrors } from './exit.ts';
import { openGatewayConnection } from './gateway-connection.ts';
import { CheckFailedError } from './transport.ts';

/** The exit codes of `who-can`; 3 is every command's failure (exit.ts). */
export const WHO_CAN_EXIT = { someone: 0, nobody: 1 } as const;

export const WHO_CAN_QUERY = `
query WhoCan($permission: String!, $resource: String!) {
  whoCan(permission: $permission, resource: $resource) {
    principal { kind key displayName }
    matchedScope
    grantedBy {
      role { key label kind }
      assignmentType
      resourceSet { key label }
      targets
    }
  }
}`;

export interface WhoCanGrantJson {
  principal: { kind: 'USER' | 'GROUP' | 'SERVICE_APP'; key: string; displayName: string };
  matchedScope: string;
  grantedBy: {
    role: { key: string; label: string; kind: string };
    assignmentType: string;
    resourceSet: { key: string; label: string } | null;
    targets: string[] | null;
  }[];
}

/** What `--json` prints. */
export interface WhoCanDocument {
  permission: string;
  resource: string;
  grants: WhoCanGrantJson[];
}

interface WhoCanOptions {
  json?: boolean;
  gateway?: string;
  apiKey?: string;
}

/** How an assignment grants, in a few words: the role, and the resource set or targets that scope it. */
function through(assignment: WhoCanGrantJson['grantedBy'][number]): string {
  const role = assignment.role.kind === 'CUSTOM' ? assignment.role.label : assignment.role.key;
  if (assignment.resourceSet) return `${role} on ${assignment.resourceSet.label}`;
  const targets = assignment.targets?.length ?? 0;
  return targets > 0 ? `${role} (${targets} target${targets === 1 ? '' : 's'})` : role;
}

/** One row per principal: kind, name, key, the scope that covers the resource, the assignments. */
export function formatWhoCanTable(document: WhoCanDocument): string {
  const { grants, permission, resource } = document;
  if (grants.length === 0) return `Nobody can ${permission} over ${resource}.\n`;
  const header = ['KIND', 'PRINCIPAL', 'KEY', 'MATCHED SCOPE', 'THROUGH'];
  const rows = grants.map((g) => [
    g.principal.kind,
    g.principal.displayName,
    g.principal.key,
    g.matchedScope,
    g.grantedBy.map(through).join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  // The last column is not padded, so lines carry no trailing blanks.
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
  const count = `${grants.length} principal${grants.length === 1 ? '' : 's'}`;
  return `${[line(header), ...rows.map(line)].join('\n')}\n${count} can ${permission} over ${resource}.\n`;
}

/** The gateway's error codes, in words for this command (the transport names them for `readiness`). */
function describeFailure(err: unknown): unknown {
  if (!(err instanceof CheckFailedError)) return err;
  if (err.code === 'NOT_FOUND') {
    return new CheckFailedError(
      `unknown object: ${err.message.replace(/^unknown principal: /, '')}`,
      err.code,
    );
  }
  if (err.code === 'BAD_USER_INPUT') {
    return new CheckFailedError(
      `bad argument: ${err.message.replace(/^gateway error BAD_USER_INPUT: /, '')}`,
      err.code,
    );
  }
  return err;
}

async function runWhoCan(permission: string, resource: string, options: WhoCanOptions): Promise<number> {
  if (options.apiKey && !options.gateway) {
    throw new CheckFailedError('--api-key only applies with --gateway URL');
  }
  // The answer needs the whole admin sweep: ride through rate-limit windows like the batch commands.
  const connection = await openGatewayConnection({
    gatewayUrl: options.gateway,
    apiKey: options.apiKey ?? process.env['GATEWAY_API_KEY'],
    inProcess: { batch: true },
  });
  try {
    const data = await connection.execute<{ whoCan: WhoCanGrantJson[] }>(WHO_CAN_QUERY, {
      permission,
      resource,
    });
    const document: WhoCanDocument = { permission, resource, grants: data.whoCan };
    const code = document.grants.length > 0 ? WHO_CAN_EXIT.someone : WHO_CAN_EXIT.nobody;
    // Set before writing: a reader that closes the pipe early still sees the answer.
    process.exitCode = code;
    process.stdout.write(
      options.json ? `${JSON.stringify(document, null, 2)}\n` : formatWhoCanTable(document),
    );
    return code;
  } finally {
    await connection.close();
  }
}

export function whoCanCommand(): Command {
  const command = new Command('who-can')
    .description(
      'Which principals hold a permission over a resource, and through what (exit 0 someone can, 1 nobody can, 3 failure)',
    )
    .argument('<permission>', 'an okta.* permission, e.g. okta.groups.members.manage')
    .argument(
      '<resource>',
      'an ORN, a REST URL on the org, user:{id or login}, group:{id or name} or app:{id}',
    )
    .option('--json', 'print the answer as JSON instead of a table')
    .option(
      '--gateway <url>',
      'ask a running gateway (http://host:port or its /graphql URL) instead of Okta directly',
    )
    .option('--api-key <key>', 'API key for --gateway (default: env GATEWAY_API_KEY)')
    .action(async (permission: string, resource: string, options: WhoCanOptions) => {
      endQuietlyOnBrokenPipe();
      try {
        await exitWith(await runWhoCan(permission, resource, options));
      } catch (err) {
        await failCheck(describeFailure(err));
      }
    });
  return oneLineCommandErrors(command);
}
