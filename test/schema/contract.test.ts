import { existsSync, readFileSync } from 'node:fs';
import {
  astFromValue,
  buildSchema,
  findBreakingChanges,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  Kind,
  lexicographicSortSchema,
  parse,
  print,
  printSchema,
} from 'graphql/index.js';
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

/** Whether the comparison looks at a type (`member` absent) or at one of its fields or enum values. */
type Checked = (type: string, member?: string) => boolean;

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object type';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'enum';
  if (isInputObjectType(type)) return 'input type';
  return 'scalar';
}

/** A default value as the GraphQL literal SDL would show (`50`, `FULL`), or `none`. */
function defaultOf(input: GraphQLArgument | GraphQLInputField): string {
  const ast = input.defaultValue === undefined ? null : astFromValue(input.defaultValue, input.type);
  return ast ? print(ast) : 'none';
}

/** Pinned arguments (or input fields) with their type and default; an added one must be optional. */
function inputDepartures(
  at: (name: string) => string,
  pinned: readonly (GraphQLArgument | GraphQLInputField)[],
  served: readonly (GraphQLArgument | GraphQLInputField)[],
): string[] {
  const out: string[] = [];
  for (const input of pinned) {
    const mine = served.find((s) => s.name === input.name);
    if (!mine) out.push(`${at(input.name)}: missing`);
    else if (String(mine.type) !== String(input.type)) {
      out.push(`${at(input.name)}: ${mine.type}, pinned ${input.type}`);
    } else if (defaultOf(mine) !== defaultOf(input)) {
      out.push(`${at(input.name)}: default ${defaultOf(mine)}, pinned ${defaultOf(input)}`);
    }
  }
  for (const mine of served) {
    const added = !pinned.some((p) => p.name === mine.name);
    if (added && isNonNullType(mine.type) && mine.defaultValue === undefined) {
      out.push(`${at(mine.name)}: required, and not in the contract`);
    }
  }
  return out;
}

/**
 * Every way `served` departs from what `pinned` declares, one line each: a type missing or of
 * another kind, an interface not implemented, a union member missing, a field, argument or input
 * field missing or of another type, a default changed, a required argument added, an enum value
 * missing. Types are compared exactly (`String` is not `String!`), not only names.
 */
function departures(pinned: GraphQLSchema, served: GraphQLSchema, checked: Checked = () => true): string[] {
  const out: string[] = [];
  for (const type of Object.values(pinned.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    const name = type.name;
    const mine = served.getType(name);
    if (!mine || kindOf(mine) !== kindOf(type)) {
      if (checked(name))
        out.push(mine ? `${name}: ${kindOf(mine)}, pinned as ${kindOf(type)}` : `${name}: missing`);
      continue;
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(mine) || isInterfaceType(mine))) {
      const interfaces = mine.getInterfaces().map((i) => i.name);
      for (const pinnedInterface of type.getInterfaces()) {
        if (checked(name) && !interfaces.includes(pinnedInterface.name)) {
          out.push(`${name}: does not implement ${pinnedInterface.name}`);
        }
      }
      const fields = mine.getFields();
      for (const field of Object.values(type.getFields())) {
        if (!checked(name, field.name)) continue;
        const at = `${name}.${field.name}`;
        const servedField = fields[field.name];
        if (!servedField) {
          out.push(`${at}: missing`);
          continue;
        }
        if (String(servedField.type) !== String(field.type)) {
          out.push(`${at}: ${servedField.type}, pinned ${field.type}`);
        }
        out.push(...inputDepartures((arg) => `${at}(${arg}:)`, field.args, servedField.args));
      }
    } else if (isInputObjectType(type) && isInputObjectType(mine)) {
      const pinnedFields = Object.values(type.getFields()).filter((f) => checked(name, f.name));
      const servedFields = Object.values(mine.getFields());
      out.push(...inputDepartures((field) => `${name}.${field}`, pinnedFields, servedFields));
    } else if (isEnumType(type) && isEnumType(mine)) {
      for (const value of type.getValues()) {
        if (checked(name, value.name) && !mine.getValue(value.name))
          out.push(`${name}.${value.name}: missing`);
      }
    } else if (isUnionType(type) && isUnionType(mine) && checked(name)) {
      const members = mine.getTypes().map((t) => t.name);
      for (const member of type.getTypes()) {
        if (!members.includes(member.name)) out.push(`${name}: lacks the member ${member.name}`);
      }
    }
  }
  return out;
}

/**
 * The parts the additions file pins: each type it defines (`AccessGrant`, the whole type) and each
 * field or enum value it adds to a type of the first contract (`Query.whoCan`, `LumosReadinessStatus.UNKNOWN`).
 */
function additionParts(sdl: string): { types: Set<string>; members: Set<string> } {
  const types = new Set<string>();
  const members = new Set<string>();
  for (const definition of parse(sdl).definitions) {
    if (
      definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      definition.kind === Kind.ENUM_TYPE_DEFINITION ||
      definition.kind === Kind.UNION_TYPE_DEFINITION ||
      definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.SCALAR_TYPE_DEFINITION
    ) {
      types.add(definition.name.value);
    } else if (
      definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
      definition.kind === Kind.INTERFACE_TYPE_EXTENSION ||
      definition.kind === Kind.INPUT_OBJECT_TYPE_EXTENSION
    ) {
      for (const field of definition.fields ?? [])
        members.add(`${definition.name.value}.${field.name.value}`);
    } else if (definition.kind === Kind.ENUM_TYPE_EXTENSION) {
      for (const value of definition.values ?? [])
        members.add(`${definition.name.value}.${value.name.value}`);
    }
  }
  return { types, members };
}

describe('the comparison of the served schema with a pinned one', () => {
  it('reports each kind of departure, and nothing where the served schema matches', () => {
    const pinned = buildSchema(`
      interface Node { id: ID! }
      type Query {
        user(idOrLogin: String!, extra: Int = 3): User
        users(search: String, first: Int = 20, after: String): UserConnection!
        nothingHere: Int
      }
      type User implements Node { id: ID! login: String! email: String! }
      type UserConnection { pageInfo: PageInfo! }
      type PageInfo { hasNextPage: Boolean! endCursor: String }
      type Permission implements Node { id: ID! name: String! }
      type Role { key: Int label: String! }
      input Orn { service: String }
      enum LumosAccess { FULL READ_ONLY WRITE }
      type Widget { size: Int }
    `);
    expect(departures(pinned, schema).sort()).toEqual(
      [
        'Query.user(extra:): missing',
        'Query.users(first:): default 50, pinned 20',
        'Query.nothingHere: missing',
        'User.email: String, pinned String!',
        'Permission: does not implement Node',
        'Permission.id: missing',
        'Role.key: String!, pinned Int',
        'Orn: object type, pinned as input type',
        'LumosAccess.WRITE: missing',
        'Widget: missing',
      ].sort(),
    );
  });
});

describe.skipIf(!existsSync(CONTRACT))(
  'the served schema against the pinned contract (needs ../shared)',
  () => {
    it('serves every type, interface, field, argument, default and enum value of the contract as pinned', () => {
      const contract = buildSchema(readFileSync(CONTRACT, 'utf8'));
      expect(departures(contract, schema)).toEqual([]);
    });

    it('has no breaking change against the contract', () => {
      const contract = buildSchema(readFileSync(CONTRACT, 'utf8'));
      expect(findBreakingChanges(contract, schema)).toEqual([]);
    });
  },
);

describe.skipIf(!existsSync(ADDITIONS))(
  'the served schema against the 2026-11-30 additions, for the parts built (needs ../shared)',
  () => {
    const additions = () => readFileSync(ADDITIONS, 'utf8');
    const combined = () => buildSchema(`${readFileSync(CONTRACT, 'utf8')}\n${additions()}`);

    it('lists as built only parts the additions pin', () => {
      const { types, members } = additionParts(additions());
      expect(BUILT_ADDITIONS.filter((part) => !types.has(part) && !members.has(part))).toEqual([]);
    });

    it('serves every built part exactly as pinned: types, fields, arguments, defaults and enum values', () => {
      const { types, members } = additionParts(additions());
      const built = new Set(BUILT_ADDITIONS);
      const compared = new Set<string>();
      const checked: Checked = (type, member) => {
        const part = types.has(type) ? type : members.has(`${type}.${member}`) ? `${type}.${member}` : null;
        if (part === null || !built.has(part)) return false;
        compared.add(part);
        return true;
      };
      expect(departures(combined(), schema, checked)).toEqual([]);
      // Every built part was looked at, so none passes by being skipped.
      expect([...compared].sort()).toEqual([...BUILT_ADDITIONS].sort());
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
});
