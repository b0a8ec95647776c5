/**
 * OpenAPI 3.0 schema objects -> JSON Schema (draft-07, as ajv compiles it).
 *
 * - `nullable: true` becomes a type union with `null` (and `null` joins an `enum`).
 * - `oneOf`/`anyOf` with a `discriminator` becomes a dispatch on the discriminator property: the
 *   value must be a key of the mapping and the body must validate against that key's schema. A
 *   plain `oneOf` would reject Okta's role bodies, which match both StandardRole and CustomRole.
 * - A discriminator on a parent schema (`Application`, subtypes `allOf` the parent) becomes
 *   `allOf: [parent base, dispatch]`; the subtypes' `allOf` refer to the base, so the dispatch
 *   does not recurse into itself.
 * - Keywords JSON Schema does not know (`example`, `x-*`, `xml`, `externalDocs`, ...) are dropped,
 *   so ajv can run with `strictSchema` and still catch a typo of ours.
 */

export type Schema = Record<string, unknown>;

/** Where translated component schemas live: `#/components/schemas/X` -> `${prefix}X`. */
export interface RefStyle {
  /** e.g. `#/definitions/` inside the component document, `management#/definitions/` outside. */
  prefix: string;
}

const BASE_SUFFIX = '.base';
const COMPONENT_REF = '#/components/schemas/';

/** Keywords kept as they are; everything else not handled below is dropped. */
const PASS_THROUGH = new Set([
  'type',
  'enum',
  'const',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
  'title',
  'default',
  'readOnly',
  'writeOnly',
  'deprecated',
]);

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function componentName(ref: string): string | undefined {
  return ref.startsWith(COMPONENT_REF) ? ref.slice(COMPONENT_REF.length) : undefined;
}

function refTo(style: RefStyle, name: string): Schema {
  return { $ref: `${style.prefix}${name}` };
}

interface Discriminator {
  propertyName: string;
  mapping?: Record<string, string>;
}

/** `if <prop> is one of keys then <target>`, one branch per target schema. */
function dispatch(d: Discriminator, style: RefStyle, strict: boolean): Schema {
  const byTarget = new Map<string, string[]>();
  for (const [value, ref] of Object.entries(d.mapping ?? {})) {
    const name = componentName(ref);
    if (!name) throw new Error(`discriminator mapping to a non-component ref ${ref}`);
    byTarget.set(name, [...(byTarget.get(name) ?? []), value]);
  }
  const prop = d.propertyName;
  const branches: Schema[] = [...byTarget].map(([name, values]) => ({
    if: { properties: { [prop]: { enum: values } }, required: [prop] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword
    then: refTo(style, name),
  }));
  const keys = [...byTarget.values()].flat();
  const guard: Schema = strict ? { required: [prop], properties: { [prop]: { enum: keys } } } : {};
  return { ...guard, allOf: branches };
}

function nullable(out: Schema): Schema {
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (out.type !== undefined || out.enum !== undefined) return out;
  return { anyOf: [{ type: 'null' }, out] };
}

/**
 * Translates one schema object. `parents` names the component schemas whose discriminator is of
 * the parent kind; `inside` is the component being translated, if any (its `allOf` refs to a
 * parent it is a mapping target of are pointed at the parent's base).
 */
export function translateSchema(
  node: unknown,
  style: RefStyle,
  parents: ReadonlyMap<string, Discriminator>,
  inside?: string,
): Schema | boolean {
  if (typeof node === 'boolean') return node;
  if (!isSchema(node)) throw new Error(`not a schema: ${JSON.stringify(node)?.slice(0, 80)}`);
  const t = (child: unknown) => translateSchema(child, style, parents, inside);
  if (typeof node.$ref === 'string') {
    const name = componentName(node.$ref);
    if (!name) throw new Error(`unsupported $ref ${node.$ref}`);
    // OpenAPI 3.0 ignores a $ref's siblings (the spec writes `type: object` next to some).
    return refTo(style, name);
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (PASS_THROUGH.has(key)) out[key] = value;
    else if (key === 'properties' && isSchema(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, t(v)]));
    } else if (key === 'items' || key === 'not') out[key] = t(value);
    else if (key === 'additionalProperties') out[key] = typeof value === 'boolean' ? value : t(value);
    else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out[key] = value.map((member) => {
        const parent = isSchema(member) && typeof member.$ref === 'string' && componentName(member.$ref);
        const targetsOf = parent ? parents.get(parent)?.mapping : undefined;
        const isSubtype =
          key === 'allOf' && inside && targetsOf && Object.values(targetsOf).includes(COMPONENT_REF + inside);
        return isSubtype ? refTo(style, `${parent}${BASE_SUFFIX}`) : t(member);
      });
    }
  }
  // Spec quirk tolerated: a few enums list a value twice (EnrollmentPolicyAuthenticatorGracePeriod
  // .type, SamlAssertionEncryption.encryptionAlgorithm), which JSON Schema forbids; deduplicated.
  if (Array.isArray(out.enum)) out.enum = [...new Set(out.enum)];
  // Spec quirk tolerated: Client.post_logout_redirect_uris is typed `string` with `items`
  // (an array of URIs in Okta's answers and examples); accept either.
  if (out.type === 'string' && out.items !== undefined) out.type = ['string', 'array'];
  const d = isSchema(node.discriminator) ? (node.discriminator as unknown as Discriminator) : undefined;
  if (d) {
    const alternatives = out.oneOf ?? out.anyOf;
    if (alternatives) {
      delete out.oneOf;
      delete out.anyOf;
      Object.assign(out, { allOf: [...((out.allOf as Schema[]) ?? []), dispatch(d, style, true)] });
    }
  }
  return node.nullable === true ? nullable(out) : out;
}

/**
 * Translates every component schema of a document into `definitions`. A parent with a
 * discriminator `P` becomes `P.base` (the plain schema) and `P` (base + dispatch on the mapping).
 */
export function translateComponents(
  schemas: Record<string, unknown>,
  style: RefStyle,
): Record<string, Schema | boolean> {
  const parents = new Map<string, Discriminator>();
  for (const [name, s] of Object.entries(schemas)) {
    if (isSchema(s) && isSchema(s.discriminator) && !s.oneOf && !s.anyOf) {
      parents.set(name, s.discriminator as unknown as Discriminator);
    }
  }
  const out: Record<string, Schema | boolean> = {};
  for (const [name, s] of Object.entries(schemas)) {
    const translated = translateSchema(s, style, parents, name);
    const d = parents.get(name);
    if (!d) {
      out[name] = translated;
      continue;
    }
    out[`${name}${BASE_SUFFIX}`] = translated;
    // A value outside the mapping validates against the base alone (OpenAPI's implicit mapping
    // would name a schema that does not exist; the base is the documented shape).
    out[name] = { allOf: [refTo(style, `${name}${BASE_SUFFIX}`), dispatch(d, style, false)] };
  }
  return out;
}
