import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { codesOf, type Harness, startHarness } from '../reliability/harness.ts';

interface HostileRequest {
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  /** A raw body; default the JSON of { query, variables }. */
  body?: string | (() => ReadableStream<Uint8Array>);
  query?: string;
  variables?: Record<string, unknown>;
  /** GET: the query string after /graphql. */
  search?: string;
}

interface Expected {
  status: number;
  /** extensions.code of the first error; null: no error at all. */
  code: string | null;
  message?: RegExp;
  data?: unknown;
}

interface HostileCase {
  case: string;
  request: HostileRequest;
  expected: Expected;
}

const INJECTED = '" or id pr "';
const many = (n: number, item: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => item(i)).join(' ');
let nested = 'key';
for (let i = 0; i < 7; i++) nested = `roleAssignments { inheritedFrom { ${nested} } }`;

function chunkedBody(bytes: number): () => ReadableStream<Uint8Array> {
  return () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(`{"query":"{ lumosRuleSet { id } }","x":"${'a'.repeat(65_536)}`);
    return new ReadableStream({
      pull(controller) {
        if (sent >= bytes) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
  };
}

const CORPUS: HostileCase[] = [
  // ORNs
  {
    case: 'malformed ORN',
    request: { query: '{ parseOrn(orn: "orn:okta:") { service } }' },
    expected: { status: 200, code: 'BAD_USER_INPUT', message: /Invalid ORN/ },
  },
  {
    case: 'oversize ORN inline (200 KB)',
    request: {
      query: `{ parseOrn(orn: "orn:okta:directory:00o1:users:${'x'.repeat(200_000)}") { service } }`,
    },
    expected: { status: 200, code: 'BAD_USER_INPUT', message: /limit is 1024/ },
  },
  {
    case: 'oversize ORN in a variable (200 KB)',
    request: {
      query: 'query ($o: String!) { parseOrn(orn: $o) { service } }',
      variables: { o: `orn:${'a:'.repeat(100_000)}` },
    },
    expected: { status: 200, code: 'BAD_USER_INPUT', message: /limit is 1024/ },
  },
  // Page sizes
  ...[1000, 0, -5].map((first) => ({
    case: `first: ${first}`,
    request: { query: `{ users(first: ${first}) { edges { cursor } } }` },
    expected: { status: 200, code: 'BAD_USER_INPUT', message: /first must be between 1 and 200/ },
  })),
  {
    case: 'first beyond a 32-bit Int (literal)',
    request: { query: '{ users(first: 99999999999) { edges { cursor } } }' },
    expected: { status: 200, code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    case: 'first beyond a 32-bit Int (variable)',
    request: { query: 'query ($n: Int) { users(first: $n) { edges { cursor } } }', variables: { n: 1e12 } },
    expected: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /Int cannot represent/ },
  },
  // Search pass-through
  {
    case: 'users(search:) with bad syntax (Okta 400 E0000031)',
    request: { query: '{ users(search: "profile.login eq \\"x\\" or") { edges { cursor } } }' },
    expected: { status: 200, code: 'BAD_USER_INPUT', message: /E0000031/ },
  },
  {
    case: 'users(search:) with injected quotes and operators',
    request: {
      query: 'query ($s: String) { users(search: $s) { edges { cursor } } }',
      variables: { s: `id pr${INJECTED}` },
    },
    expected: { status: 200, code: 'BAD_USER_INPUT', message: /search expression/ },
  },
  {
    case: 'groups(search:) with bad syntax',
    request: { query: '{ groups(search: "profile.name sw") { edges { cursor } } }' },
    expected: { status: 200, code: 'BAD_USER_INPUT', message: /E0000031/ },
  },
  // Ids that try to widen an Okta search expression
  {
    case: 'user(idOrLogin:) with a quote and operator',
    request: { query: '{ user(idOrLogin: "x\\" or id pr") { login } }' },
    expected: { status: 200, code: null, data: { user: null } },
  },
  {
    case: 'user(idOrLogin:) shaped like an id plus an expression',
    request: {
      query: 'query ($id: String!) { user(idOrLogin: $id) { login } }',
      variables: { id: `00u1${INJECTED}` },
    },
    expected: { status: 200, code: null, data: { user: null } },
  },
  {
    case: 'user(idOrLogin:) with a query string and fragment in a login',
    request: { query: '{ user(idOrLogin: "x?limit=1&search=id%20pr#@demo.example") { login } }' },
    expected: { status: 200, code: null, data: { user: null } },
  },
  {
    case: 'group(id:) with a quote and operator',
    request: { query: 'query ($id: ID!) { group(id: $id) { name } }', variables: { id: `00g1${INJECTED}` } },
    expected: { status: 200, code: null, data: { group: null } },
  },
  {
    case: 'lumosReadiness(principal:) with a quote and operator',
    request: {
      query: 'query ($p: String!) { lumosReadiness(principal: $p) { status } }',
      variables: { p: `x${INJECTED}` },
    },
    expected: { status: 200, code: 'NOT_FOUND' },
  },
  {
    case: 'node(id:) forged',
    request: { query: 'query ($id: ID!) { node(id: $id) { id } }', variables: { id: `x${INJECTED}` } },
    expected: { status: 200, code: 'BAD_USER_INPUT', message: /Not a global id/ },
  },
  {
    case: 'node(id:) base64 of a type with an empty key',
    request: { query: '{ node(id: "VXNlcjo=") { id } }' },
    expected: { status: 200, code: null, data: { node: null } },
  },
  {
    case: 'node(id:) base64 binary junk',
    request: { query: `{ node(id: "${Buffer.from([0, 255, 34, 92, 10]).toString('base64')}") { id } }` },
    expected: { status: 200, code: 'BAD_USER_INPUT' },
  },
  {
    case: 'user(idOrLogin:) with NUL bytes',
    request: {
      query: 'query ($id: String!) { user(idOrLogin: $id) { login } }',
      variables: { id: '\u0000a\u0000' },
    },
    expected: { status: 200, code: null, data: { user: null } },
  },
  // Query shape
  {
    case: 'deep query (15 levels)',
    request: { query: `{ user(idOrLogin: "x") { ${nested} } }` },
    expected: { status: 200, code: 'GRAPHQL_VALIDATION_FAILED', message: /depth/i },
  },
  {
    case: 'wide query (5000 fields)',
    request: { query: `{ lumosRuleSet { ${many(5000, () => 'id')} } }` },
    expected: { status: 200, code: 'GRAPHQL_PARSE_FAILED', message: /Token limit/ },
  },
  {
    case: 'alias bomb (500 aliases)',
    request: { query: `{ ${many(500, (i) => `a${i}: admins { key }`)} }` },
    expected: { status: 200, code: 'GRAPHQL_VALIDATION_FAILED', message: /Aliases limit/ },
  },
  {
    case: 'directive bomb (100 directives)',
    request: { query: `{ lumosRuleSet ${'@include(if: true) '.repeat(100)} { id } }` },
    expected: { status: 200, code: 'GRAPHQL_VALIDATION_FAILED', message: /Directives limit/ },
  },
  {
    case: 'fragment cycle',
    request: {
      query:
        '{ lumosRuleSet { ...A } } fragment A on LumosRuleSet { id ...B } fragment B on LumosRuleSet { ...A }',
    },
    expected: { status: 200, code: 'GRAPHQL_VALIDATION_FAILED', message: /within itself/ },
  },
  {
    case: 'costly fan-out (200 users x effective permissions x groups)',
    request: {
      query:
        '{ users(first: 200) { edges { node { effectivePermissions { permission { name } } groups { roleAssignments { role { permissions { name } } } } } } } }',
    },
    expected: { status: 200, code: 'GRAPHQL_VALIDATION_FAILED', message: /Cost limit/i },
  },
  // HTTP
  {
    case: 'oversize body (2 MB, with Content-Length)',
    request: {
      body: JSON.stringify({ query: '{ lumosRuleSet { id } }', variables: { x: 'y'.repeat(2_000_000) } }),
    },
    expected: { status: 413, code: 'BAD_REQUEST', message: /larger than/ },
  },
  {
    case: 'oversize chunked body (4 MB, no Content-Length)',
    request: { body: chunkedBody(4_000_000) },
    expected: { status: 413, code: 'BAD_REQUEST', message: /larger than/ },
  },
  {
    case: 'batched request (JSON array)',
    request: {
      body: JSON.stringify([{ query: '{ lumosRuleSet { id } }' }, { query: '{ lumosRuleSet { id } }' }]),
    },
    expected: { status: 400, code: 'BAD_REQUEST', message: /Batching is not supported/ },
  },
  ...[
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/graphql',
  ].map((type) => ({
    case: `POST with Content-Type ${type.split(';')[0]}`,
    request: { headers: { 'content-type': type }, body: '{"query":"{ lumosRuleSet { id } }"}' },
    expected: { status: 415, code: 'BAD_REQUEST', message: /Content-Type: application\/json/ },
  })),
  {
    case: 'bad JSON',
    request: { body: '{"query": "{ lumosRuleSet { id } }", "secret-looking": "abc' },
    expected: { status: 400, code: 'BAD_REQUEST', message: /invalid JSON/ },
  },
  {
    case: 'JSON that is not an object',
    request: { body: '"{ lumosRuleSet { id } }"' },
    expected: { status: 400, code: 'BAD_REQUEST' },
  },
  {
    case: 'query that is not a string',
    request: { body: '{"query": {"$gt": ""}}' },
    expected: { status: 400, code: 'BAD_REQUEST' },
  },
  {
    case: 'GET with a mutation-looking query',
    request: { method: 'GET', search: `?query=${encodeURIComponent('mutation { lumosRuleSet { id } }')}` },
    expected: { status: 405, code: 'BAD_REQUEST', message: /mutation operation from a POST/ },
  },
  {
    case: 'POST of a mutation (the schema has none)',
    request: { query: 'mutation { deleteUser(id: "00u1") }' },
    expected: { status: 200, code: 'GRAPHQL_VALIDATION_FAILED', message: /mutation/i },
  },
  {
    case: 'PUT',
    request: { method: 'PUT', body: '{"query":"{ lumosRuleSet { id } }"}' },
    expected: { status: 405, code: 'BAD_REQUEST' },
  },
];

const STACK = /\bat .+\((?:file:|\/)|\.ts:\d+:\d+|"stack"/;

describe('hostile input: a clear error with a stable code, never a stack', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness();
  });
  afterAll(() => gw.close());

  async function send(request: HostileRequest): Promise<Response> {
    const method = request.method ?? 'POST';
    const body =
      typeof request.body === 'function'
        ? request.body()
        : (request.body ?? JSON.stringify({ query: request.query, variables: request.variables }));
    return gw.raw({
      method,
      path: `/graphql${request.search ?? ''}`,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...request.headers },
      ...(method === 'GET' ? {} : { body, duplex: 'half' }),
    } as RequestInit & { path: string });
  }

  it.each(CORPUS)('$case -> $expected.status $expected.code', async ({ request, expected }) => {
    const response = await send(request);
    const text = await response.text();
    expect(response.status).toBe(expected.status);
    expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect(text).not.toMatch(STACK);
    expect(text.length).toBeLessThan(4_000);
    const body = JSON.parse(text) as { data?: unknown; errors?: { message: string }[] };
    if (expected.code === null) expect(body.errors).toBeUndefined();
    else expect(codesOf(body as never)[0]).toBe(expected.code);
    if (expected.message) expect(body.errors?.[0]?.message).toMatch(expected.message);
    if (expected.data !== undefined) expect(body.data).toEqual(expected.data);
  });

  it('never lets an id widen an Okta search expression (the simulator request log)', async () => {
    gw.sim.resetLog();
    for (const c of CORPUS.filter((x) => /idOrLogin|group\(id|principal|node/.test(x.case)))
      await send(c.request);
    // A real user id with an expression appended, and many ids in one batch.
    const real = await gw.query(`{ user(idOrLogin: "${DEMO_USERS.noRole.login}") { key } }`);
    const id = (real.data as { user: { key: string } }).user.key;
    await gw.query(
      `{ a: user(idOrLogin: ${JSON.stringify(`${id}${INJECTED}`)}) { key } b: user(idOrLogin: "${id}") { key } }`,
    );
    const searches = gw.sim.requestLog
      .map((e) => new URL(e.path, 'http://sim').searchParams)
      .filter((p) => p.has('search'))
      .map((p) => p.get('search') as string);
    expect(searches.length).toBeGreaterThan(0);
    for (const search of searches)
      expect(search).toMatch(/^id eq "[A-Za-z0-9]+"( or id eq "[A-Za-z0-9]+")*$/);
    for (const entry of gw.sim.requestLog) {
      const url = new URL(entry.path, 'http://sim');
      expect(url.pathname).not.toMatch(/["\s]/);
      for (const key of url.searchParams.keys())
        expect(['search', 'limit', 'after', 'expand']).toContain(key);
    }
  });

  it('refuses a cursor it did not issue (forged, junk, or issued for another list) without asking Okta', async () => {
    const forged = 'Zm9v!!@@%%&limit=200&search=id pr#x';
    const groups = await gw.query('{ groups(first: 2) { pageInfo { endCursor } } }');
    const groupCursor = (groups.data as { groups: { pageInfo: { endCursor: string } } }).groups.pageInfo
      .endCursor;
    const users = await gw.query('{ users(first: 2) { pageInfo { endCursor } } }');
    const userCursor = (users.data as { users: { pageInfo: { endCursor: string } } }).users.pageInfo
      .endCursor;
    const [payload, mac] = userCursor.split('.');
    // The same payload with Okta's cursor swapped: the signature no longer matches.
    const swapped = `${Buffer.from(JSON.stringify({ v: 1, l: 'users?search=', a: 'x' })).toString('base64url')}.${mac}`;
    const junk = Buffer.from('junk\u0000\u00ff').toString('base64');
    for (const after of [forged, junk, groupCursor, swapped, `${payload}.`, `${userCursor}.x`]) {
      gw.sim.resetLog();
      const result = await gw.query(
        'query ($a: String) { users(first: 2, after: $a) { edges { cursor } pageInfo { hasNextPage } } }',
        { a: after },
      );
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.['code'], after).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toBe(
        'after is not a cursor this gateway issued for this list; start again without it',
      );
      expect(gw.sim.requestLog).toEqual([]);
    }
  });

  it('passes a cursor it issued to Okta as the only after parameter', async () => {
    const users = await gw.query('{ users(first: 2) { pageInfo { endCursor } } }');
    const cursor = (users.data as { users: { pageInfo: { endCursor: string } } }).users.pageInfo.endCursor;
    gw.sim.resetLog();
    const next = await gw.query('query ($a: String) { users(first: 2, after: $a) { edges { cursor } } }', {
      a: cursor,
    });
    expect(next.errors).toBeUndefined();
    const [entry] = gw.sim.requestLog;
    const params = new URL(entry?.path ?? '', 'http://sim').searchParams;
    expect([...params.keys()].sort()).toEqual(['after', 'limit']);
    expect(params.get('after')).toMatch(/^00u\w+$/);
    expect(params.get('limit')).toBe('2');
  });
});
