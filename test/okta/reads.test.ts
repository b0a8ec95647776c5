/**
 * The gateway's reads (src/okta/reads.ts) against Okta's OpenAPI description: each GET it makes is
 * an operation of the spec whose `security` needs only the read's scope, and the default OAuth
 * scopes are exactly those scopes. Then, against the simulator: every path the gateway asks for
 * is one the list names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_OKTA_SCOPES } from '../../src/config.ts';
import { OKTA_READS, UNAUTHENTICATED_PATHS } from '../../src/okta/reads.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

const SPEC_DIR = fileURLToPath(new URL('../../../shared/okta-openapi/', import.meta.url));

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
}
interface OpenApiDoc {
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
}

/** Every read's scope, once. */
const readScopes = () => [...new Set(OKTA_READS.map((r) => r.scope))];

describe('the default OAuth scopes', () => {
  it('are exactly the scopes of the reads the gateway makes', () => {
    expect([...DEFAULT_OKTA_SCOPES].sort()).toEqual(readScopes().sort());
  });
});

describe.skipIf(!existsSync(SPEC_DIR))("the gateway's reads in Okta's OpenAPI (needs ../shared)", () => {
  let docs: OpenApiDoc[];
  beforeAll(() => {
    docs = ['management-minimal.yaml', 'oauth-minimal.yaml'].map(
      (file) => parse(readFileSync(`${SPEC_DIR}${file}`, 'utf8')) as OpenApiDoc,
    );
  }, 60_000);

  const rows = OKTA_READS.flatMap((read) =>
    read.paths.map((path) => ({ read: read.name, path, scope: read.scope })),
  );

  it.each(rows)('GET $path ($read) needs only $scope', ({ path, scope }) => {
    const found = docs.flatMap((doc) => {
      const get = doc.paths[path]?.get;
      return get ? [{ get, security: get.security ?? doc.security ?? [] }] : [];
    });
    expect(found, `GET ${path} is not an operation of the spec`).toHaveLength(1);
    const oauth = found[0]!.security.flatMap((requirement) => requirement['oauth2'] ?? []);
    expect(oauth).toEqual([scope]);
    for (const s of oauth) expect(DEFAULT_OKTA_SCOPES).toContain(s);
  });

  it.each(UNAUTHENTICATED_PATHS)('GET %s needs no credential', (path) => {
    const gets = docs.flatMap((doc) => (doc.paths[path]?.get ? [doc.paths[path].get] : []));
    expect(gets).toHaveLength(1);
    expect(gets[0]?.security).toEqual([]);
  });
});

describe('the paths the gateway asks the simulator for', { timeout: 90_000 }, () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('are all named by a read', async () => {
    const templates = OKTA_READS.flatMap((read) =>
      read.paths.map((path) => ({
        read: read.name,
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      })),
    );
    gw.sim.resetLog();
    const queries = [
      '{ gatewayAccess { reads { name allowed } } }',
      `{ admins { key roleAssignments { role { label } targets resourceSet { resources { orn } bindings { members { key } } } }
         effectivePermissions { permission { name } } lumosReadiness { status } } }`,
      '{ serviceApps { key grantedScopes lumosReadiness { status } } }',
      '{ roles { key permissions { name } } resourceSets { key resources { orn } bindings { role { key } members { key } } } }',
      '{ users(first: 3) { edges { node { key groups { key } } } } groups(first: 3) { edges { node { key members(first: 2) { edges { node { key } } } } } } }',
      '{ me: lumosReadiness(principal: "me") { status } t: lumosReadiness(principal: "lumos.targeted@demo.example") { status } }',
    ];
    for (const query of queries) {
      const result = await gw.fetchGraphQL(query);
      expect(result.errors, query).toBeUndefined();
    }
    const paths = [...new Set(gw.sim.requestLog.map((e) => new URL(e.path, 'http://sim').pathname))];
    expect(paths.length).toBeGreaterThan(10);
    const unnamed = paths.filter(
      (p) =>
        !templates.some((t) => t.pattern.test(p)) &&
        !UNAUTHENTICATED_PATHS.includes(p) &&
        p !== '/oauth2/v1/token',
    );
    expect(unnamed).toEqual([]);
  });
});
