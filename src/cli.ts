/** The `okta-iam-graphql` command line; each subcommand lives in src/commands/<name>.ts. */
import { Command } from 'commander';
import { diffCommand } from './commands/diff.ts';
import { printSchemaCommand } from './commands/print-schema.ts';
import { readinessCommand } from './commands/readiness.ts';
import { serveCommand } from './commands/serve.ts';
import { simCommand } from './commands/sim.ts';
import { snapshotCommand } from './commands/snapshot.ts';
import { whoCanCommand } from './commands/who-can.ts';

const program = new Command('okta-iam-graphql')
  .description('A read-only GraphQL gateway over Okta IAM data')
  .addCommand(simCommand())
  .addCommand(readinessCommand())
  .addCommand(snapshotCommand())
  .addCommand(diffCommand())
  .addCommand(whoCanCommand())
  .addCommand(serveCommand())
  .addCommand(printSchemaCommand());

await program.parseAsync(process.argv);
