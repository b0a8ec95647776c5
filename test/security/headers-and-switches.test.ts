import { getIntrospectionQuery } from 'graphql/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { codesOf, type Harness, startHarness } from '../reliability/harness.ts';

const KEY = 'header-test-key-0123456789';
// Fresh objects each time: yoga's Request ponyfill writes content-length into a headers object it is given.
const json = () => ({ 'content-type': 'application/json' });
const auth = () => ({ authorization: `Bearer ${KEY}` });

function expectBaseHeaders(response: Response): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

/** The CSP directive's sources, e.g. sources(csp, 'script-src'). */
function sources(csp: string, directive: string): string[] {
  const found = csp
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([name]) => name === directive);
  return found?.slice(1) ?? [];
}

describe('security headers', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness({ apiKeys: [KEY] });
  });
  afterAll(() => gw.close());

  it('are on GraphQL answers, with Cache-Control: no-store and a CSP that allows nothing', async () => {
    const ok = await gw.raw({
      method: 'POST',
      headers: { ...json(), ...auth() },
      body: '{"query":"{ lumosRuleSet { id } }"}',
    });
    expect(ok.status).toBe(200);
    expectBaseHeaders(ok);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(ok.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    const get = await gw.raw({
      method: 'GET',
      path: '/graphql?query=%7B+lumosRuleSet+%7B+id+%7D+%7D',
      headers: auth(),
    });
    expect(get.status).toBe(200);
    expect(get.headers.get('cache-control')).toBe('no-store');
  });

  it('are on refusals too: 401, 415, 413, 405 and /metrics', async () => {
    const refusals = [
      await gw.raw({ method: 'POST', headers: json(), body: '{"query":"{ lumosRuleSet { id } }"}' }),
      await gw.raw({ method: 'POST', headers: { 'content-type': 'text/plain', ...auth() }, body: '{}' }),
      await gw.raw({ method: 'POST', headers: { ...json(), ...auth() }, body: 'x'.repeat(1_100_000) }),
      await gw.raw({ method: 'PUT', headers: { ...json(), ...auth() }, body: '{}' }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([401, 415, 413, 405]);
    for (const response of refusals) {
      expectBaseHeaders(response);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const metrics = await gw.raw({ method: 'GET', path: '/metrics', headers: auth() });
    expect(metrics.status).toBe(200);
    expectBaseHeaders(metrics);
    expect(metrics.headers.get('cache-control')).toBe('no-store');
  });

  it('serve GraphiQL self-contained, under a CSP that allows no other origin', async () => {
    const page = await gw.raw({ method: 'GET', headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expectBaseHeaders(page);
    const csp = page.headers.get('content-security-policy') ?? '';
    const html = await page.text();
    // Nothing is loaded from elsewhere: no external script, stylesheet or icon.
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=["']?https?:/i);
    expect(csp).not.toMatch(/https?:/);
    // Inline bootstrap and bundle; Monaco's workers started from blob: URLs.
    expect(html).toMatch(/<script>/);
    expect(sources(csp, 'script-src')).toContain("'unsafe-inline'");
    expect(html).toMatch(/createObjectURL/);
    expect(sources(csp, 'worker-src')).toContain('blob:');
    expect(sources(csp, 'connect-src')).toEqual(["'self'"]);
    expect(sources(csp, 'frame-ancestors')).toEqual(["'none'"]);
  });

  it('leave /healthz cacheable but still nosniff', async () => {
    const health = await gw.raw({ method: 'GET', path: '/healthz' });
    expect(health.status).toBe(200);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('cache-control')).toBeNull();
  });
});

describe('GraphiQL and introspection switched off by configuration', () => {
  let gw: Harness;
  beforeAll(async () => {
    const config = loadConfig({ GRAPHIQL: 'false', INTROSPECTION: 'false', LOG_LEVEL: 'silent' });
    expect(config.graphiql).toBe(false);
    expect(config.introspection).toBe(false);
    gw = await startHarness({ gateway: { graphiql: config.graphiql, introspection: config.introspection } });
  });
  afterAll(() => gw.close());

  it('refuses the introspection query and __type with GRAPHQL_VALIDATION_FAILED, and still answers queries', async () => {
    for (const query of [getIntrospectionQuery(), '{ __type(name: "User") { fields { name } } }']) {
      const result = await gw.query(query);
      expect(result.data).toBeUndefined();
      expect(codesOf(result)[0]).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.errors?.[0]?.message).toMatch(/introspection/i);
    }
    expect((await gw.query('{ lumosRuleSet { id } }')).data).toEqual({
      lumosRuleSet: { id: 'lumos-okta-2026-03-10' },
    });
  });

  it('serves no GraphiQL page to a browser', async () => {
    const page = await gw.raw({ method: 'GET', headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    const text = await page.text();
    expect(text).not.toMatch(/graphiql/i);
    expect(page.status).toBeGreaterThanOrEqual(400);
  });
});
