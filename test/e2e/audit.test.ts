import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningGateway, startGatewayServer } from '../../src/http/start.ts';

describe('GraphQL over HTTP conformance (graphql-http audits)', () => {
  let running: RunningGateway;
  beforeAll(async () => {
    running = await startGatewayServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }));
  });
  afterAll(() => running.close());

  it('passes every audit, MUST and SHOULD alike', async () => {
    const results = await auditServer({ url: running.url });
    const failures = results.filter((r) => r.status !== 'ok').map((r) => `${r.id} ${r.name}: ${r.status}`);
    expect(failures).toEqual([]);
    expect(results.length).toBeGreaterThan(20);
  });
});
