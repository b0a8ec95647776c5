/** `okta-iam-graphql print-schema`: prints the gateway's schema as SDL (no Okta needed). */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { lexicographicSortSchema, printSchema } from 'graphql/index.js';

export function printSchemaCommand(): Command {
  return new Command('print-schema')
    .description('print the GraphQL schema (SDL), sorted; no Okta connection needed')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (options: { out?: string }) => {
      const { schema } = await import('../schema/index.ts');
      const sdl = `${printSchema(lexicographicSortSchema(schema))}\n`;
      if (options.out) writeFileSync(options.out, sdl);
      else process.stdout.write(sdl);
    });
}
