import { existsSync, readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, lexicographicSortSchema, printSchema } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.ts';

const CONTRACT = new URL('../../../shared/design/schema-contract.graphql', import.meta.url);
const ADDITIONS = new URL('../../../shared/design/schema-contract-2026-11-30.graphql', import.meta.url);
const COMMITTED = new URL('../../schema.graphql', import.meta.url);

/**
 * The parts of the 2026-11-30 additions the gateway has built (`Type`, `Type.field`, or
 * `Enum.VALUE`). Once a part is here it must stay exactly as pinned; an open issue adds its parts
 * when it builds them.
 */
const BUILT_ADDITIONS = [
  'LumosReadinessStatus.UNKNOWN',
  'LumosReadiness.undetermined',
  'UndeterminedInput',
  'Query.gatewayAccess',
  'GatewayAccess',
  'GatewayRead',
  ...[
    'LumosReadiness.remediationPlans',
    'RemediationPlan',
    'RemediationStep',
    'EffectivePermission.allowedByScopes',
  ],
  ...['Query.adminChanges', 'AdminChange'],
  'Query.whoCan',
  'AccessGrant',
  'Role.holders',
];

/** Whether a breaking change (graphql-js's description of it) is about a built part. */
function concernsBuiltPart(description: string): boolean {
  return BUILT_ADDITIONS.some((part) => {
    const [type, member] = part.split('.');
    if (member) {
      return (
        description.includes(`${type}.${member}`) ||
        description.startsWith(`${member} was removed from enum type ${type}.`)
      );
    }
    return description.startsWith(`${type} `) || description.includes(`${type}.`);
  });
}

describe.skipIf(!existsSync(CONTRACT))(
  'the served schema against the pinned contract (needs ../shared)',
  () => {
    it('has no breaking change against the contract', () => {
      const contract = buildSchema(readFileSync(CONTRACT, 'utf8'));
      expect(findBreakingChanges(contract, schema)).toEqual([]);
    });
  },
);

describe.skipIf(!existsSync(ADDITIONS))(
  'the served schema against the 2026-11-30 additions, for the parts built (needs ../shared)',
  () => {
    const combined = () =>
      buildSchema(`${readFileSync(CONTRACT, 'utf8')}\n${readFileSync(ADDITIONS, 'utf8')}`);

    it('has every built part, with no breaking change against the combined contract', () => {
      const changes = findBreakingChanges(combined(), schema).map((c) => c.description);
      expect(changes.filter(concernsBuiltPart)).toEqual([]);
    });

    it('serves the built parts with the pinned types', () => {
      const contract = combined();
      const fieldType = (s: typeof schema, type: string, field: string) => {
        const t = s.getType(type);
        return t && 'getFields' in t ? String(t.getFields()[field]?.type) : undefined;
      };
      for (const [type, field] of [
        ['LumosReadiness', 'undetermined'],
        ['UndeterminedInput', 'input'],
        ['UndeterminedInput', 'reason'],
        ['UndeterminedInput', 'needs'],
        ['Query', 'gatewayAccess'],
        ['GatewayAccess', 'connection'],
        ['GatewayAccess', 'principal'],
        ['GatewayAccess', 'scopes'],
        ['GatewayAccess', 'reads'],
        ['GatewayRead', 'name'],
        ['GatewayRead', 'allowed'],
        ['GatewayRead', 'reason'],
        ['GatewayRead', 'needs'],
        ['LumosReadiness', 'remediationPlans'],
        ['RemediationPlan', 'reaches'],
        ['RemediationPlan', 'steps'],
        ['RemediationPlan', 'leavesMissing'],
        ['RemediationStep', 'action'],
        ['RemediationStep', 'subject'],
        ['RemediationStep', 'apiCall'],
        ['RemediationStep', 'consolePath'],
        ['RemediationStep', 'text'],
        ['EffectivePermission', 'allowedByScopes'],
        ['Query', 'whoCan'],
        ['AccessGrant', 'principal'],
        ['AccessGrant', 'grantedBy'],
        ['AccessGrant', 'matchedScope'],
        ['Role', 'holders'],
      ] as const) {
        expect(fieldType(schema, type, field), `${type}.${field}`).toBe(fieldType(contract, type, field));
      }
      const whoCanArgs = (schema.getQueryType()?.getFields()['whoCan']?.args ?? []).map(
        (a) => `${a.name}: ${a.type}`,
      );
      expect(whoCanArgs).toEqual(expect.arrayContaining(['permission: String!', 'resource: String!']));
      const status = schema.getType('LumosReadinessStatus');
      expect(status && 'getValue' in status && status.getValue('UNKNOWN')?.name).toBe('UNKNOWN');
    });
  },
);

describe('the 2026-11-30 additions pinned in words', () => {
  it('gives admins the arguments roles: [String!] and kinds: [PrincipalKind!]', () => {
    const args = schema.getQueryType()?.getFields()['admins']?.args ?? [];
    expect(args.map((a) => `${a.name}: ${a.type}`).sort()).toEqual([
      'kinds: [PrincipalKind!]',
      'roles: [String!]',
    ]);
  });
});

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
