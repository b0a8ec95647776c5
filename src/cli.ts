/** The `okta-iam-graphql` command line; each subcommand lives in src/commands/<name>.ts. */
import { Command } from 'commander';
import { readinessCommand } from './commands/readiness.ts';
import { simCommand } from './commands/sim.ts';

const program = new Command('okta-iam-graphql')
  .description('A read-only GraphQL gateway over Okta IAM data')
  .addCommand(simCommand())
  .addCommand(readinessCommand());

await program.parseAsync(process.argv);
