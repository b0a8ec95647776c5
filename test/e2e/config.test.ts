import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { linesOf, runCli } from '../cli/run-cli.ts';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIfake\n-----END PRIVATE KEY-----';

const failure = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration from the environment', () => {
  it('defaults to the embedded demo org on loopback:4000 with GraphiQL and introspection on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      okta: { mode: 'embedded', orgFile: null },
      host: '127.0.0.1',
      port: 4000,
      apiKeys: [],
      graphiql: true,
      introspection: true,
      oktaMaxConcurrency: 20,
    });
  });

  it('reads API-token and OAuth service-app settings', () => {
    expect(loadConfig({ OKTA_ORG_URL: 'https://acme.okta.com/', OKTA_API_TOKEN: 'tok' }).okta).toEqual({
      mode: 'apiToken',
      orgUrl: 'https://acme.okta.com',
      token: 'tok',
    });
    const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, PEM);
    const oauth = loadConfig({
      OKTA_ORG_URL: 'https://acme.okta.com',
      OKTA_CLIENT_ID: '0oa1',
      OKTA_PRIVATE_KEY_FILE: keyFile,
      OKTA_KEY_ID: 'kid1',
    }).okta;
    // Exactly the scopes Okta's OpenAPI lists for the gateway's reads (test/okta/reads.test.ts).
    expect(oauth).toMatchObject({
      mode: 'privateKey',
      clientId: '0oa1',
      keyId: 'kid1',
      scopes: [
        'okta.users.read',
        'okta.groups.read',
        'okta.apps.read',
        'okta.roles.read',
        'okta.logs.read',
        'okta.schemas.read',
        'okta.orgs.read',
        'okta.clients.read',
        'okta.appGrants.read',
      ],
    });
    expect(oauth.mode === 'privateKey' && oauth.privateKey).toBe(PEM);
  });

  it('reads keys, switches and limits', () => {
    const config = loadConfig({
      GATEWAY_API_KEYS: ` a-key-of-sixteen-chars , sha256:${'ab'.repeat(32)}`,
      GRAPHIQL: 'false',
      INTROSPECTION: 'off',
      OKTA_MAX_CONCURRENCY: '10',
      CACHE_CATALOG_TTL_MS: '1000',
      OKTA_MAX_RATE_LIMIT_WAIT_MS: '65000',
      OKTA_RATE_LIMIT_RESERVE_PERCENT: '25',
    });
    expect(config.oktaClient).toEqual({
      requestTimeoutMs: 15_000,
      maxRateLimitWaitMs: 65_000,
      rateLimitReserve: 0.25,
    });
    expect(config.apiKeys).toEqual(['a-key-of-sixteen-chars', `sha256:${'ab'.repeat(32)}`]);
    expect(config).toMatchObject({ graphiql: false, introspection: false, oktaMaxConcurrency: 10 });
    expect(config.cache.catalogTtlMs).toBe(1000);
  });

  it('names the bad setting in one line without echoing a secret', () => {
    expect(failure({ PORT: 'eighty' })).toMatch(/^PORT: /);
    expect(failure({ OKTA_API_TOKEN: 'sekrit-token' })).toBe(
      'OKTA_ORG_URL: required when OKTA_API_TOKEN is set',
    );
    expect(failure({ OKTA_ORG_URL: 'not a url', OKTA_API_TOKEN: 'sekrit-token' })).toMatch(/^OKTA_ORG_URL: /);
    expect(failure({ OKTA_ORG_URL: 'https://acme.okta.com' })).toMatch(/^OKTA_API_TOKEN: required/);
    const badKey = failure({
      OKTA_ORG_URL: 'https://a.okta.com',
      OKTA_CLIENT_ID: '0oa1',
      OKTA_PRIVATE_KEY: 'sekrit',
    });
    expect(badKey).toMatch(/^OKTA_PRIVATE_KEY: /);
    expect(badKey).not.toContain('sekrit');
    expect(failure({ OKTA_MAX_CONCURRENCY: '500' })).toMatch(/^OKTA_MAX_CONCURRENCY: /);
    expect(failure({ LOG_LEVEL: 'loud' })).toMatch(/^LOG_LEVEL: /);
    expect(failure({ OKTA_RATE_LIMIT_RESERVE_PERCENT: '80' })).toBe(
      'OKTA_RATE_LIMIT_RESERVE_PERCENT: expected 0..50',
    );
    expect(failure({ ROLE_PERMISSION_TABLE_FILE: '/nonexistent/table.json' })).toMatch(
      /^ROLE_PERMISSION_TABLE_FILE: cannot read/,
    );
    expect(failure({ GATEWAY_API_KEYS: 'a-key-of-sixteen-chars,0123456789' })).toBe(
      'GATEWAY_API_KEYS: entry 2: a key needs at least 16 characters',
    );
    expect(failure({ GATEWAY_API_KEYS: 'sha256:abc' })).toBe(
      'GATEWAY_API_KEYS: entry 1: sha256: needs 64 hex digits',
    );
    expect(
      failure({
        OKTA_ORG_URL: 'https://a.okta.com',
        OKTA_CLIENT_ID: '0oa1',
        OKTA_PRIVATE_KEY: PEM,
        OKTA_SCOPES: 'okta.users.read users:read',
      }),
    ).toBe('OKTA_SCOPES: "users:read" is not an Okta API scope such as okta.users.read');
  });
});

describe('a bad setting stops the process', { timeout: 60_000 }, () => {
  it('refuses a 10-character API key in one line, exit 2, no stack trace, without echoing it', async () => {
    const key = 'short-key1';
    const run = await runCli(['serve', '--port', '0'], { GATEWAY_API_KEYS: key });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([
      'okta-iam-graphql: configuration error: GATEWAY_API_KEYS: entry 1: a key needs at least 16 characters',
    ]);
    expect(run.stderr).not.toContain(key);
  });
});
