import { getIntrospectionQuery } from 'graphql/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

const KEY = 'test-key-0123456789abcdef';

describe('API keys', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    const hashed = `sha256:${Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(KEY))).toString('hex')}`;
    gw = await startTestGateway({ apiKeys: ['another-key-0123456789', hashed] });
  });
  afterAll(() => gw.close());

  it('answers 401 UNAUTHENTICATED without a key or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-key-0123456789' },
      { authorization: KEY },
    ];
    for (const headers of attempts) {
      const result = await gw.fetchGraphQL('{ lumosRuleSet { id } }', undefined, headers);
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(result)).not.toContain(KEY);
    }
  });

  it('accepts a key configured as its sha256 digest, and leaves /healthz open', async () => {
    const ok = await gw.fetchGraphQL('{ lumosRuleSet { id } }', undefined, {
      authorization: `Bearer ${KEY}`,
    });
    expect(ok.status).toBe(200);
    expect(ok.data).toEqual({ lumosRuleSet: { id: 'lumos-okta-2026-03-10' } });
    expect((await gw.yoga.fetch('http://gateway.test/healthz')).status).toBe(200);
    expect((await gw.yoga.fetch('http://gateway.test/metrics')).status).toBe(401);
    expect((await gw.yoga.fetch('http://gateway.test/readyz')).status).toBe(401);
  });
});

describe('limits, masking and input errors', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('rejects an operation deeper than 12 levels', async () => {
    let selection = 'id';
    for (let i = 0; i < 7; i += 1) selection = `roleAssignments { inheritedFrom { ${selection} } }`;
    const result = await gw.fetchGraphQL(`{ user(idOrLogin: "x") { ${selection} } }`);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('rejects too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: lumosRuleSet { id }`).join(' ');
    const result = await gw.fetchGraphQL(`{ ${aliases} }`);
    expect(result.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('lets the standard introspection query through the depth and cost limits', async () => {
    const result = await gw.fetchGraphQL(getIntrospectionQuery({ descriptions: true }));
    expect(result.errors).toBeUndefined();
    expect((result.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(20);
  });

  it('answers BAD_USER_INPUT for bad arguments', async () => {
    const orn = await gw.fetchGraphQL('{ parseOrn(orn: "not-an-orn") { service } }');
    expect(orn.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const page = await gw.fetchGraphQL('{ users(first: 1000) { edges { cursor } } }');
    expect(page.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(page.errors?.[0]?.message).toContain('200');
  });

  it('refuses a POST that is not JSON (CSRF prevention)', async () => {
    const response = await gw.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ lumosRuleSet { id } }' }),
    });
    expect(response.status).toBe(415);
  });

  it('maps an Okta rate limit to UPSTREAM_RATE_LIMITED and keeps the other fields', async () => {
    gw.sim.setFaults('429:1@/api/v1/users*;resetSeconds=600');
    try {
      const result = await gw.fetchGraphQL(
        `{ user(idOrLogin: "${DEMO_USERS.noRole.login}") { login } lumosRuleSet { id } }`,
      );
      expect(result.data).toEqual({ user: null, lumosRuleSet: { id: 'lumos-okta-2026-03-10' } });
      expect(result.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_RATE_LIMITED');
      expect(result.errors?.[0]?.path).toEqual(['user']);
    } finally {
      gw.sim.setFaults([]);
    }
  });

  it('masks an unexpected failure: no message detail, no stack', async () => {
    const broken = await startTestGateway();
    const directory = broken.okta.gatewayDeps.directory;
    const failing = await startTestGateway({
      gateway: {
        directory: {
          ...directory,
          ownClientId: directory.ownClientId,
          listCustomRoles: () => Promise.reject(new Error('secret internal detail')),
        },
      },
    });
    try {
      const result = await failing.fetchGraphQL(
        '{ role(idOrLabel: "Lumos Integration") { key } lumosRuleSet { id } }',
      );
      expect(result.data).toEqual({ role: null, lumosRuleSet: { id: 'lumos-okta-2026-03-10' } });
      const text = JSON.stringify(result.errors);
      expect(text).not.toContain('secret internal detail');
      expect(text).not.toMatch(/stack|at .*\.ts/);
      expect(result.errors?.[0]?.message).toBe('Unexpected error.');
    } finally {
      await failing.close();
      await broken.close();
    }
  });
});

describe('introspection switched off', () => {
  it('refuses introspection but still answers queries', async () => {
    const gw = await startTestGateway({ gateway: { introspection: false } });
    try {
      const introspection = await gw.fetchGraphQL('{ __schema { types { name } } }');
      expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
      const ok = await gw.fetchGraphQL('{ lumosRuleSet { id } }');
      expect(ok.data).toEqual({ lumosRuleSet: { id: 'lumos-okta-2026-03-10' } });
    } finally {
      await gw.close();
    }
  });
});
