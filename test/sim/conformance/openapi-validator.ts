/**
 * Validates HTTP response bodies against the response schemas of Okta's OpenAPI descriptions
 * (management-minimal.yaml and oauth-minimal.yaml), by path template + method + status.
 * Component schemas are translated once (see openapi-translate.ts); validators are compiled
 * lazily per operation and status and cached.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { parse } from 'yaml';
import { type Schema, translateComponents, translateSchema } from './openapi-translate.ts';
import { applySpecQuirks } from './spec-quirks.ts';

// ajv-formats is CommonJS with a default export: NodeNext types see the module object.
const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;

/** The two descriptions, by the id their translated components are registered under. */
const DOCUMENTS = { management: 'management-minimal.yaml', oauth: 'oauth-minimal.yaml' } as const;
type DocId = keyof typeof DOCUMENTS;

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  $ref?: string;
  content?: Record<string, MediaType>;
}
interface Operation {
  responses?: Record<string, ResponseObject>;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; responses?: Record<string, ResponseObject> };
}

export interface Violation {
  /** `GET /api/v1/users/{id}` style operation, or the concrete path when none matched. */
  operation: string;
  status: number;
  /** The concrete URL path + query the body came from. */
  url: string;
  /** JSON pointer into the body, e.g. `/3/profile/login`. */
  field: string;
  message: string;
}

export interface MatchedOperation {
  doc: DocId;
  template: string;
  method: string;
}

/**
 * Spec quirk tolerated: an operation's `responses` list only some of the error statuses every
 * Management API operation answers (e.g. GET /api/v1/users lists no 400 or 401). An undocumented
 * error status is validated against the document's shared response for that status.
 */
const SHARED_ERROR_RESPONSES: Record<number, string> = {
  400: 'ErrorApiValidationFailed400',
  401: 'ErrorInvalidToken401',
  403: 'ErrorAccessDenied403',
  404: 'ErrorResourceNotFound404',
  429: 'ErrorTooManyRequests429',
};

interface Template {
  doc: DocId;
  path: string;
  parts: string[];
  literals: number;
}

export class OpenApiValidator {
  private readonly docs: Record<DocId, OpenApiDoc>;
  private readonly ajv: Ajv;
  private readonly templates: Template[] = [];
  private readonly cache = new Map<string, ValidateFunction>();
  /** How many bodies were validated, by operation + status. */
  readonly validated = new Map<string, number>();

  constructor(directory: string) {
    const load = (file: string) => parse(readFileSync(join(directory, file), 'utf8')) as OpenApiDoc;
    this.docs = { management: load(DOCUMENTS.management), oauth: load(DOCUMENTS.oauth) };
    applySpecQuirks(this.docs.management as unknown as Record<string, unknown>);
    this.ajv = new Ajv({
      allErrors: true,
      strictSchema: true,
      strictNumbers: true,
      // Spec quirk tolerated: many schemas give `properties` or `items` without `type`, and some
      // list `required` names they do not define; those are about the schema, not the body.
      strictTypes: false,
      strictRequired: false,
      strictTuples: false,
      validateFormats: true,
    });
    addFormats(this.ajv);
    // Spec quirk tolerated: `base64`, `utf-8` and `boolean` are not JSON Schema or OpenAPI formats
    // (ajv rejects unknown formats); they are registered as annotations that accept any string.
    for (const format of ['base64', 'utf-8', 'boolean']) this.ajv.addFormat(format, true);
    for (const doc of Object.keys(DOCUMENTS) as DocId[]) {
      const definitions = translateComponents(this.docs[doc].components.schemas, {
        prefix: '#/definitions/',
      });
      this.ajv.addSchema({ $id: doc, definitions });
      for (const path of Object.keys(this.docs[doc].paths)) {
        const parts = path.split('/').slice(1);
        this.templates.push({ doc, path, parts, literals: parts.filter((p) => !p.startsWith('{')).length });
      }
    }
  }

  /** The documented operation for a concrete path: the template with the most literal segments. */
  match(method: string, pathname: string): MatchedOperation | undefined {
    const parts = pathname.split('/').slice(1);
    let best: Template | undefined;
    for (const t of this.templates) {
      if (t.parts.length !== parts.length) continue;
      if (!this.docs[t.doc].paths[t.path]?.[method.toLowerCase()]) continue;
      const fits = t.parts.every((p, i) => p.startsWith('{') || p === parts[i]);
      if (fits && (!best || t.literals > best.literals)) best = t;
    }
    return best && { doc: best.doc, template: best.path, method: method.toUpperCase() };
  }

  private responseSchema(op: MatchedOperation, status: number): unknown {
    const doc = this.docs[op.doc];
    const responses = doc.paths[op.template]?.[op.method.toLowerCase()]?.responses ?? {};
    let response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    const shared = SHARED_ERROR_RESPONSES[status];
    if (!response && shared) response = { $ref: `#/components/responses/${shared}` };
    if (response?.$ref) {
      const name = response.$ref.replace('#/components/responses/', '');
      response = doc.components.responses?.[name] ?? this.docs.management.components.responses?.[name];
    }
    if (!response) throw new Error(`${op.method} ${op.template} documents no ${status} response`);
    const schema = response.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${op.method} ${op.template} ${status} has no application/json schema`);
    return schema;
  }

  private validatorFor(op: MatchedOperation, status: number): ValidateFunction {
    const key = `${op.doc} ${op.method} ${op.template} ${status}`;
    let validate = this.cache.get(key);
    if (!validate) {
      const schema = translateSchema(
        this.responseSchema(op, status),
        { prefix: `${op.doc}#/definitions/` },
        new Map(),
      );
      validate = this.ajv.compile(typeof schema === 'boolean' ? schema : (schema as Schema));
      this.cache.set(key, validate);
    }
    return validate;
  }

  /** Validates one body; returns its violations (empty when it conforms). */
  validate(method: string, url: string, status: number, body: unknown): Violation[] {
    const pathname = new URL(url, 'http://x.invalid').pathname;
    const op = this.match(method, pathname);
    if (!op) {
      return [
        {
          operation: `${method} ${pathname}`,
          status,
          url,
          field: '',
          message: 'no such operation in the spec',
        },
      ];
    }
    const operation = `${op.method} ${op.template}`;
    this.validated.set(`${operation} ${status}`, (this.validated.get(`${operation} ${status}`) ?? 0) + 1);
    const validate = this.validatorFor(op, status);
    if (validate(body)) return [];
    // An `if` error only says a discriminator branch failed; the branch's own errors say where.
    const errors = validate.errors ?? [];
    const specific = errors.filter((e) => e.keyword !== 'if');
    return (specific.length ? specific : errors).map((e: ErrorObject) => ({
      operation,
      status,
      url,
      field: e.instancePath || '/',
      message: `${e.message ?? e.keyword}${describeParams(e)} (schema ${e.schemaPath})`,
    }));
  }
}

function describeParams(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'enum') return `: ${JSON.stringify(p.allowedValues)}`;
  if (e.keyword === 'additionalProperties') return `: ${String(p.additionalProperty)}`;
  return '';
}

/** `Violation`s as one line each, for an assertion message. */
export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.operation} ${v.status} ${v.url} ${v.field}: ${v.message}`).join('\n');
}
