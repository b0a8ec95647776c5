import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/http/logging.ts';
import { DEMO_USERS } from '../../src/sim/demo-principals.ts';
import { LUMOS_SCOPES } from '../../src/sim/demo-setup.ts';
import { demoPrincipalIds } from '../../src/sim/generate.ts';
import { runCli } from '../cli/run-cli.ts';
import { type Harness, startHarness } from '../reliability/harness.ts';

const API_TOKEN = 'ssws-known-api-token-7f3a9c2e51d84b06';
const REVOKED_TOKEN = 'ssws-revoked-api-token-0b1c2d3e4f5a6b7c';
const CALLER_KEY = 'caller-known-key-5e8d1f0a9b7c3e2d';
const GATEWAY_LOGIN = DEMO_USERS.gateway.login;

/** Every form of a secret that must never appear: itself and its base64 (plain and url-safe). */
function forms(secret: string): string[] {
  const b64 = Buffer.from(secret).toString('base64');
  return [secret, b64.replace(/=+$/, ''), Buffer.from(secret).toString('base64url')];
}

describe('secrets stay secret: logs, responses, /metrics and snapshot files', () => {
  const logLines: string[] = [];
  const outputs: { where: string; text: string }[] = [];
  const secrets: string[] = [];
  const gateways: Harness[] = [];
  let dir: string;

  const logger = () => createLogger('debug', { write: (line: string) => void logLines.push(line) });
  async function record(where: string, response: Response): Promise<string> {
    const text = await response.text();
    outputs.push({ where, text: `${JSON.stringify([...response.headers])}\n${text}` });
    return text;
  }
  const post = (gw: Harness, query: string, headers: Record<string, string> = {}) =>
    gw.raw({
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CALLER_KEY}`, ...headers },
      body: JSON.stringify({ query }),
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'secrets-'));
    // API-token mode, debug logs.
    const tokenGw = await startHarness({
      sim: { apiToken: API_TOKEN },
      apiKeys: [CALLER_KEY],
      logger: logger(),
    });
    gateways.push(tokenGw);
    const ids = demoPrincipalIds(tokenGw.sim.org);
    // OAuth service-app mode against the same kind of org, with a key the simulator registered.
    let key: Awaited<ReturnType<Harness['sim']['createServiceAppKey']>> | undefined;
    const oauthGw = await startHarness({
      apiKeys: [CALLER_KEY],
      logger: logger(),
      credentials: async (sim) => {
        key = await sim.createServiceAppKey(ids.serviceApps.full);
        return {
          mode: 'privateKey',
          clientId: ids.serviceApps.full,
          scopes: [...LUMOS_SCOPES],
          privateKey: key.privateKeyPem,
          keyId: key.keyId,
        };
      },
    });
    gateways.push(oauthGw);
    // A token the org does not know: every read is an upstream 401.
    const revokedGw = await startHarness({
      credentials: () => ({ mode: 'apiToken', token: REVOKED_TOKEN }),
      apiKeys: [CALLER_KEY],
      logger: logger(),
    });
    gateways.push(revokedGw);
    if (!key) throw new Error('no service-app key');
    const pemBody = key.privateKeyPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    const jwk = key.privateJwk as Record<string, string>;
    secrets.push(
      ...forms(API_TOKEN),
      ...forms(REVOKED_TOKEN),
      ...forms(CALLER_KEY),
      ...forms(`SSWS ${API_TOKEN}`),
      ...forms(key.privateKeyPem),
      // Any 40-character stretch of the PEM body, and the JWK's private members.
      ...Array.from({ length: Math.floor(pemBody.length / 40) }, (_, i) =>
        pemBody.slice(i * 40, i * 40 + 40),
      ),
      ...['d', 'p', 'q', 'dp', 'dq', 'qi'].map((m) => jwk[m] as string),
    );

    const readiness = `{ lumosReadiness(principal: "${DEMO_USERS.superDirect.login}") { status } me: lumosReadiness(principal: "me") { status } }`;
    for (const [name, gw] of [
      ['token', tokenGw],
      ['oauth', oauthGw],
      ['revoked', revokedGw],
    ] as const) {
      await record(`${name}: good request`, await post(gw, readiness));
      await record(
        `${name}: wrong caller key`,
        await post(gw, '{ lumosRuleSet { id } }', { authorization: 'Bearer wrong-key-0123456789abcdef' }),
      );
      await record(
        `${name}: caller key as a raw header`,
        await post(gw, '{ lumosRuleSet { id } }', { authorization: CALLER_KEY }),
      );
      await record(`${name}: bad ORN`, await post(gw, '{ parseOrn(orn: "orn:bad") { service } }'));
      await record(
        `${name}: bad search`,
        await post(gw, '{ users(search: "profile.login eq") { edges { cursor } } }'),
      );
      await record(
        `${name}: bad JSON`,
        await gw.raw({
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${CALLER_KEY}` },
          body: `{"query": "${CALLER_KEY}`,
        }),
      );
      gw.sim.setFaults('5xx:1@/api/v1/users*;status=500');
      gw.okta.cache.clear();
      await record(
        `${name}: upstream 5xx`,
        await post(gw, `{ user(idOrLogin: "${GATEWAY_LOGIN}") { login } }`),
      );
      gw.sim.setFaults([]);
      await record(
        `${name}: /readyz`,
        await gw.raw({ method: 'GET', path: '/readyz', headers: { authorization: `Bearer ${CALLER_KEY}` } }),
      );
      await record(
        `${name}: /metrics`,
        await gw.raw({ method: 'GET', path: '/metrics', headers: { authorization: `Bearer ${CALLER_KEY}` } }),
      );
    }

    // The snapshot command with the API token: its file and its output. The demo service app
    // lacks the org scope a snapshot needs, so the private-key run exercises the CLI's refusal.
    const out = join(dir, 'snapshot.json');
    const tokenRun = await runCli(['snapshot', '--out', out], {
      OKTA_ORG_URL: tokenGw.sim.url,
      OKTA_API_TOKEN: API_TOKEN,
      LOG_LEVEL: 'debug',
    });
    outputs.push({ where: 'snapshot (api token): output', text: `${tokenRun.stdout}\n${tokenRun.stderr}` });
    expect(tokenRun.code, tokenRun.stderr).toBe(0);
    outputs.push({ where: 'snapshot (api token): file', text: await readFile(out, 'utf8') });
    const keyRun = await runCli(['snapshot', '--out', join(dir, 'refused.json')], {
      OKTA_ORG_URL: oauthGw.sim.url,
      OKTA_CLIENT_ID: ids.serviceApps.full,
      OKTA_PRIVATE_KEY: key.privateKeyPem,
      OKTA_KEY_ID: key.keyId,
      OKTA_SCOPES: LUMOS_SCOPES.join(' '),
      LOG_LEVEL: 'debug',
    });
    outputs.push({ where: 'snapshot (private key): output', text: `${keyRun.stdout}\n${keyRun.stderr}` });
    expect(keyRun.stderr).toMatch(/Okta refused the credential/);
    outputs.push({ where: 'logs', text: logLines.join('') });
  }, 60_000);

  afterAll(async () => {
    for (const gw of gateways) await gw.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exercised what it meant to: answers, refusals, upstream failures and debug logs', () => {
    const all = outputs.map((o) => o.text).join('\n');
    expect(all).toContain('"status":"READY"');
    expect(all).toContain('UNAUTHENTICATED');
    expect(all).toContain('UPSTREAM_UNAUTHENTICATED'); // the revoked token: upstream 401
    expect(all).toContain('"upstreamStatus":401');
    expect(all).toContain('UPSTREAM_UNAVAILABLE'); // upstream 5xx
    expect(all).toContain('BAD_USER_INPUT');
    expect(all).toContain('okta_upstream_requests_total');
    expect(logLines.length).toBeGreaterThan(50);
    expect(logLines.some((l) => l.includes('"level":20'))).toBe(true); // debug lines were written
    expect(outputs.filter((o) => o.where.endsWith(': file')).every((o) => o.text.includes('"users"'))).toBe(
      true,
    );
    expect(secrets.length).toBeGreaterThan(20);
  });

  it('finds no secret, nor its base64, anywhere', () => {
    const leaks: string[] = [];
    for (const { where, text } of outputs) {
      for (const secret of secrets)
        if (text.includes(secret)) leaks.push(`${where}: ${secret.slice(0, 12)}...`);
      // A signed JWT (the client assertion, an access token) is a credential too.
      if (/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{20,}/.test(text)) leaks.push(`${where}: a JWT`);
      if (/PRIVATE KEY-----/.test(text)) leaks.push(`${where}: a PEM header`);
    }
    expect(leaks).toEqual([]);
  });
});
