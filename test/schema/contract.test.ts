import { existsSync, readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, lexicographicSortSchema, printSchema } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.ts';

const CONTRACT = new URL('../../../shared/design/schema-contract.graphql', import.meta.url);
const COMMITTED = new URL('../../schema.graphql', import.meta.url);

describe.skipIf(!existsSync(CONTRACT))(
  'the served schema against the pinned contract (needs ../shared)',
  () => {
    it('has no breaking change against the contract', () => {
      const contract = buildSchema(readFileSync(CONTRACT, 'utf8'));
      expect(findBreakingChanges(contract, schema)).toEqual([]);
    });
  },
);

describe('the served schema', () => {
  it('describes every type and field it defines', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Boolean', 'Int', 'Float', 'ID'].includes(type.name))
        continue;
      if (!type.description) undocumented.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('matches the committed schema.graphql (run npm run codegen after changing it)', () => {
    const committed = readFileSync(COMMITTED, 'utf8');
    expect(committed.trim()).toBe(printSchema(lexicographicSortSchema(schema)).trim());
  });

  it('keys role assignments by principal and assignment, since Okta reuses assignment ids', () => {
    const assignment = schema.getType('RoleAssignment');
    expect(assignment && 'getFields' in assignment && assignment.getFields()['id']?.type.toString()).toBe(
      'ID!',
    );
  });
});
