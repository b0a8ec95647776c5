import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { type RunningGateway, startGatewayServer } from '../../src/http/start.ts';
import { DEMO_USERS } from '../../src/sim/demo-principals.ts';

// One test through a real socket: the server main.ts starts, in embedded mode (demo org in process).
describe('the gateway over a real socket (embedded demo org)', () => {
  let running: RunningGateway;
  let base: string;
  beforeAll(async () => {
    running = await startGatewayServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }));
    base = running.url.replace(/\/graphql$/, '');
  });
  afterAll(() => running.close());

  it('answers a readiness query, honours x-request-id, and serves health, readiness and metrics', async () => {
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' },
      body: JSON.stringify({
        query: 'query ($p: String!) { lumosReadiness(principal: $p) { status } }',
        variables: { p: DEMO_USERS.superDirect.login },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect(await response.json()).toEqual({ data: { lumosReadiness: { status: 'READY' } } });

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/gateway_http_requests_total\{path="\/graphql",method="POST",status="200"\} 1/);
    expect(metrics).toMatch(
      /okta_upstream_requests_total\{bucket="\/api\/v1\/users\/\{id\}\/roles",status="200"\}/,
    );
    expect(metrics).toMatch(/okta_rate_limit_remaining\{bucket=/);
  });

  it('opens GraphiQL with the saved example operations', async () => {
    const html = await (await fetch(running.url, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('AdminReport');
    expect(html).toContain('ReadinessOverview');
    expect(html).toContain(DEMO_USERS.lumosTargeted.login);
  });
});

describe('listening without API keys', () => {
  it('refuses any address but loopback, naming the setting', async () => {
    const config = loadConfig({ HOST: '0.0.0.0', PORT: '0', LOG_LEVEL: 'silent' });
    await expect(startGatewayServer(config)).rejects.toThrow(ConfigError);
    await expect(startGatewayServer(config)).rejects.toThrow(
      /HOST: refusing to listen on 0\.0\.0\.0 without GATEWAY_API_KEYS/,
    );
  });
});
