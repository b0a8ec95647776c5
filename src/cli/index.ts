/** The `okta-iam-graphql` command line; each subcommand lives in src/cli/<name>.ts or src/cli/<name>/command.ts. */
import { Command } from 'commander';
import { diffCommand } from './diff/command.ts';
import { printSchemaCommand } from './print-schema.ts';
import { readinessCommand } from './readiness/command.ts';
import { serveCommand } from './serve.ts';
import { simCommand } from './sim.ts';
import { snapshotCommand } from './snapshot/command.ts';
import { whoCanCommand } from './who-can.ts';

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
