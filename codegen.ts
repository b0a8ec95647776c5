import type { CodegenConfig } from '@graphql-codegen/cli';
import { lexicographicSortSchema, printSchema } from 'graphql/index.js';
import { schema } from './src/schema/index.ts';

/**
 * `npm run codegen`: writes schema.graphql from the Pothos schema (importing it needs no
 * credentials) and typed documents for the operations the tests send.
 */
const config: CodegenConfig = {
  schema: printSchema(lexicographicSortSchema(schema)),
  documents: ['test/operations/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    'schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: false, sort: true } },
    'test/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { ID: 'string' }, importExtension: '.ts' },
    },
  },
};

export default config;
