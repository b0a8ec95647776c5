import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadinessDocument } from '../../src/cli/readiness/document.ts';
import { parseApiKeys } from '../../src/http/auth.ts';
import { type DemoPrincipalIds, demoPrincipalIds, generateDemoOrg } from '../../src/sim/generate.ts';
import { startSimulator } from '../../src/sim/index.ts';
import { createGateway } from '../../src/yoga.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { type CliRun, linesOf, runCli } from './run-cli.ts';

// ajv-formats is CommonJS with a default export: NodeNext types see the module object.
const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;
const schema = JSON.parse(
  readFileSync(new URL('../../docs/readiness-report.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validateDocument = ajv.compile(schema);

const API_KEY = 'cli-test-key-0123456789';

let env: TestGateway;
let ids: DemoPrincipalIds;
let oktaEnv: Record<string, string>;
let server: Server;
let gatewayUrl: string;
/** A loopback port nothing listens on. */
let closedPort: number;

function parseDocument(run: CliRun): ReadinessDocument {
  const doc = JSON.parse(run.stdout) as ReadinessDocument;
  expect(validateDocument(doc), JSON.stringify(validateDocument.errors)).toBe(true);
  return doc;
}

/** A failed check: exit 3, nothing on stdout, exactly one `error: ...` line on stderr. */
function expectCheckFailure(run: CliRun, reason: RegExp): void {
  expect(run.code).toBe(3);
  expect(run.stdout).toBe('');
  expect(linesOf(run.stderr)).toHaveLength(1);
  expect(run.stderr).toMatch(/^error: /);
  expect(run.stderr).toMatch(reason);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  env = await startTestGateway();
  ids = demoPrincipalIds(env.sim.org);
  oktaEnv = { OKTA_ORG_URL: env.sim.url, OKTA_API_TOKEN: env.sim.apiToken };
  // A second gateway over the same simulator, behind an API key, on a loopback port.
  const keyed = createGateway({ ...env.okta.gatewayDeps, apiKeys: parseApiKeys([API_KEY]) });
  server = createServer(keyed.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await env?.close();
});

describe('readiness against Okta (the simulator), one exit code per status', { timeout: 90_000 }, () => {
  it('exits 0 for a READY principal and shows it in the table', async () => {
    const run = await runCli(['readiness', 'super.direct@demo.example'], oktaEnv);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [header, row, ...rest] = linesOf(run.stdout);
    expect(header).toMatch(/^PRINCIPAL\s+KIND\s+STATUS\s+MISSING\s+PLANS$/);
    expect(row).toMatch(/^Sara Direct \(super\.direct@demo\.example\)\s+USER\s+READY\s+-\s+-$/);
    expect(rest).toEqual([]);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('exits 1 for a PARTIAL principal, and 0 with --fail-on not-ready', async () => {
    const [strict, lenient] = await Promise.all([
      runCli(['readiness', 'lumos.targeted@demo.example'], oktaEnv),
      runCli(['readiness', 'lumos.targeted@demo.example', '--fail-on', 'not-ready'], oktaEnv),
    ]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/Tara Targeted .*USER\s+PARTIAL\s+\S/);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toBe(strict.stdout);
  });

  it('exits 2 for NOT_READY and for UNSUPPORTED, naming what is missing', async () => {
    const [notReady, unsupported] = await Promise.all([
      runCli(['readiness', ids.users.noRole], oktaEnv),
      runCli(['readiness', 'read.only@demo.example', '--fail-on', 'not-ready'], oktaEnv),
    ]);
    expect(notReady.code).toBe(2);
    expect(notReady.stdout).toMatch(
      new RegExp(`Nora Nobody \\(${ids.users.noRole}\\)\\s+USER\\s+NOT_READY\\s+SUPER_ADMIN`),
    );
    expect(unsupported.code).toBe(2);
    expect(unsupported.stdout).toMatch(/Rita Reader .*USER\s+UNSUPPORTED\s+\S/);
  });

  it('shows each plan in the table and step by step under it, and in the JSON document', async () => {
    const [table, json] = await Promise.all([
      runCli(['readiness', 'no.role@demo.example'], oktaEnv),
      runCli(['readiness', 'no.role@demo.example', '--json'], oktaEnv),
    ]);
    const lines = linesOf(table.stdout);
    expect(lines[1]).toMatch(
      /NOT_READY\s+SUPER_ADMIN\s+PARTIAL by assign REPORT_ADMIN \+ GROUP_MEMBERSHIP_ADMIN \+ APP_ADMIN \| READY by assign SUPER_ADMIN$/,
    );
    expect(lines.slice(2).map((l) => l.replace(/\/users\/00u\w+\//, '/users/{id}/'))).toEqual([
      '',
      'Nora Nobody (no.role@demo.example): NOT_READY',
      '  Plan 1: reaches PARTIAL, still without READ_ADMIN_ROLES and MANAGE_SUPER_ADMIN_MEMBERSHIP',
      '    1. Assign REPORT_ADMIN to user Nora Nobody org-wide, for READ_SYSTEM_LOG: POST /api/v1/users/{id}/roles {"type":"REPORT_ADMIN"} (Security > Administrators > Admins > Add Administrator).',
      '    2. Assign GROUP_MEMBERSHIP_ADMIN to user Nora Nobody org-wide, for MANAGE_USER_LIFECYCLE and MANAGE_GROUP_MEMBERSHIP: POST /api/v1/users/{id}/roles {"type":"GROUP_MEMBERSHIP_ADMIN"} (Security > Administrators > Admins > Add Administrator).',
      '    3. Assign APP_ADMIN to user Nora Nobody org-wide, for READ_APPS, MANAGE_APP_ASSIGNMENTS and READ_CUSTOM_ATTRIBUTES: POST /api/v1/users/{id}/roles {"type":"APP_ADMIN"} (Security > Administrators > Admins > Add Administrator).',
      '  Plan 2: reaches READY',
      '    1. Assign SUPER_ADMIN to user Nora Nobody org-wide, for every required capability: POST /api/v1/users/{id}/roles {"type":"SUPER_ADMIN"} (Security > Administrators > Admins > Add Administrator).',
    ]);
    const doc = parseDocument(json);
    expect(doc.results[0]?.remediationPlans.map((p) => [p.reaches, p.steps.map((s) => s.subject)])).toEqual([
      ['PARTIAL', ['REPORT_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'APP_ADMIN']],
      ['READY', ['SUPER_ADMIN']],
    ]);
  });

  it('prints the documented JSON document for users, groups and service apps', async () => {
    const principals = [
      'me',
      'lumos.standard@demo.example',
      ids.groups.superAdmins,
      ids.serviceApps.full,
      ids.serviceApps.missingScope,
      ids.serviceApps.reporting,
    ];
    const run = await runCli(['readiness', ...principals, '--json', '--access', 'read-only'], oktaEnv);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    const doc = parseDocument(run);
    expect(doc.access).toBe('READ_ONLY');
    expect(doc.ruleSet).toBe('lumos-okta-2026-03-10');
    expect(doc.results.map((r) => [r.principal, r.kind, r.status])).toEqual([
      ['me', 'USER', 'READY'],
      ['lumos.standard@demo.example', 'USER', 'PARTIAL'],
      [ids.groups.superAdmins, 'GROUP', 'READY'],
      [ids.serviceApps.full, 'SERVICE_APP', 'READY'],
      [ids.serviceApps.missingScope, 'SERVICE_APP', 'NOT_READY'],
      [ids.serviceApps.reporting, 'SERVICE_APP', 'UNSUPPORTED'],
    ]);
    expect(doc.results[0]).toMatchObject({ key: ids.users.gateway, displayName: 'IAM Gateway' });
    expect(doc.results[1]).toMatchObject({ key: ids.users.lumosStandard, displayName: 'Lou Standard' });
    expect(doc.results[2]?.displayName).toBe('Okta Super Admins');
    expect(doc.results[4]).toMatchObject({
      connection: 'OAUTH_SERVICE_APP',
      missingScopes: ['okta.logs.read'],
    });
    expect(doc.summary).toEqual({ READY: 3, PARTIAL: 1, NOT_READY: 1, UNSUPPORTED: 1, UNKNOWN: 0 });
    expect(doc.results.every((r) => r.undetermined.length === 0)).toBe(true);
  });
});

describe('readiness through a running gateway', { timeout: 90_000 }, () => {
  it('gives the same answer over HTTP with the API key as in process', async () => {
    const principal = 'lumos.custom.missing@demo.example';
    const [direct, viaGateway] = await Promise.all([
      runCli(['readiness', principal, '--json'], oktaEnv),
      // No Okta settings at all: everything must come from the gateway; the key from the environment.
      runCli(['readiness', principal, '--json', '--gateway', gatewayUrl], { GATEWAY_API_KEY: API_KEY }),
    ]);
    expect(viaGateway.stderr).toBe('');
    expect(viaGateway.code).toBe(direct.code);
    const strip = (doc: ReadinessDocument) => ({ ...doc, generatedAt: null });
    expect(strip(parseDocument(viaGateway))).toEqual(strip(parseDocument(direct)));
  });

  it('fails with exit 3 when the gateway refuses the key or is not there', async () => {
    const [badKey, noGateway] = await Promise.all([
      runCli(['readiness', 'me', '--gateway', gatewayUrl, '--api-key', 'wrong-key']),
      runCli(['readiness', 'me', '--gateway', `http://127.0.0.1:${closedPort}`]),
    ]);
    expectCheckFailure(badKey, /API key|UNAUTHENTICATED|401/i);
    expect(badKey.stderr).not.toContain('wrong-key');
    expectCheckFailure(
      noGateway,
      new RegExp(`cannot reach the gateway at http://127\\.0\\.0\\.1:${closedPort}: ECONNREFUSED`),
    );
  });
});

describe('readiness --all-admins', { timeout: 90_000 }, () => {
  it('checks every admin of the demo org and summarizes them', async () => {
    const admins = await env.fetchGraphQL<{ admins: { key: string }[] }>('{ admins { key } }');
    const expected = admins.data!.admins.map((a) => a.key);
    env.sim.resetLog();
    const [json, table] = await Promise.all([
      runCli(['readiness', '--all-admins', '--json'], oktaEnv),
      runCli(['readiness', '--all-admins'], { ...oktaEnv, NO_COLOR: '1' }),
    ]);
    const upstream = env.sim.counters().total;
    expect(json.stderr).toBe('');
    const doc = parseDocument(json);
    expect(doc.results.map((r) => r.key)).toEqual(expected);
    expect(Object.values(doc.summary).reduce((a, b) => a + b, 0)).toBe(expected.length);
    expect(doc.summary.READY).toBeGreaterThan(0);
    expect(json.code).toBe(
      doc.summary.NOT_READY + doc.summary.UNSUPPORTED > 0 ? 2 : doc.summary.PARTIAL > 0 ? 1 : 0,
    );
    const lines = linesOf(table.stdout);
    expect(lines).toHaveLength(expected.length + 2);
    const s = doc.summary;
    expect(lines.at(-1)).toBe(
      `${expected.length} principals: READY ${s.READY}, PARTIAL ${s.PARTIAL}, NOT_READY ${s.NOT_READY}, UNSUPPORTED ${s.UNSUPPORTED}, UNKNOWN 0`,
    );
    // Not a TTY: no progress bar, no colour.
    expect(table.stderr).toBe('');
    expect(table.stdout).not.toContain('\u001b[');
    console.info(
      `--all-admins: ${expected.length} admins, ${json.ms.toFixed(0)} ms and ${table.ms.toFixed(0)} ms wall (incl. start-up), ${upstream} upstream requests for both runs`,
    );
  });
});

describe('readiness with a credential that cannot read everything', { timeout: 90_000 }, () => {
  it('exits 3 for an UNKNOWN verdict and still writes the JSON document', async () => {
    // GROUP_MEMBERSHIP_ADMIN + APP_ADMIN + REPORT_ADMIN: Okta refuses it the role reads.
    const token = env.sim.tokenFor('lumos.standard@demo.example');
    const run = await runCli(['readiness', 'super.direct@demo.example', '--json'], {
      OKTA_ORG_URL: env.sim.url,
      OKTA_API_TOKEN: token,
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('');
    const doc = parseDocument(run);
    expect(doc.results.map((r) => [r.principal, r.status])).toEqual([
      ['super.direct@demo.example', 'UNKNOWN'],
    ]);
    expect(doc.results[0]?.undetermined).toEqual([
      {
        input: `role assignments of user ${ids.users.superDirect}`,
        reason: '403 E0000006',
        needs: ['SUPER_ADMIN', 'okta.iam.read'],
      },
    ]);
    expect(doc.summary).toEqual({ READY: 0, PARTIAL: 0, NOT_READY: 0, UNSUPPORTED: 0, UNKNOWN: 1 });
    expect(run.stdout).not.toContain(token);
  });

  it('counts UNKNOWN in the --all-admins summary: service apps whose grants it cannot read', async () => {
    const org = generateDemoOrg();
    const appIds = demoPrincipalIds(org).serviceApps;
    // The full connector signs in; the org and client reads need these two grants besides Lumos's six.
    for (const scopeId of ['okta.orgs.read', 'okta.clients.read']) {
      org.grants.push({
        id: `oag${scopeId.replace(/\W/g, '')}`,
        appId: appIds.full,
        scopeId,
        status: 'ACTIVE',
        created: '2026-01-01T00:00:00.000Z',
      });
    }
    const sim = await startSimulator({ org, rateLimits: false });
    try {
      const key = await sim.createServiceAppKey(appIds.full);
      const oauthEnv = {
        OKTA_ORG_URL: sim.url,
        OKTA_CLIENT_ID: appIds.full,
        OKTA_PRIVATE_KEY: key.privateKeyPem,
        OKTA_KEY_ID: key.keyId,
        // Everything but okta.appGrants.read.
        OKTA_SCOPES:
          'okta.users.manage okta.apps.manage okta.groups.manage okta.roles.read okta.logs.read okta.schemas.read okta.orgs.read okta.clients.read',
      };
      const [oauth, table, superAdmin] = await Promise.all([
        runCli(['readiness', '--all-admins', '--json'], oauthEnv),
        runCli(['readiness', '--all-admins'], { ...oauthEnv, NO_COLOR: '1' }),
        runCli(['readiness', '--all-admins', '--json'], {
          OKTA_ORG_URL: sim.url,
          OKTA_API_TOKEN: sim.apiToken,
        }),
      ]);
      expect(oauth.stderr).toBe('');
      expect(oauth.code).toBe(3);
      const doc = parseDocument(oauth);
      const reference = parseDocument(superAdmin);
      // The four SUPER_ADMIN connectors and the ORG_ADMIN one depend on their grants; READ_ONLY_ADMIN
      // only is UNSUPPORTED anyway.
      expect(
        doc.results
          .filter((r) => r.status === 'UNKNOWN')
          .map((r) => r.key)
          .sort(),
      ).toEqual(
        [appIds.full, appIds.missingScope, appIds.revoked, appIds.readOnly, appIds.partialScopes].sort(),
      );
      expect(doc.results.find((r) => r.key === appIds.reporting)?.status).toBe('UNSUPPORTED');
      expect(doc.summary.UNKNOWN).toBe(5);
      // Users and groups: the same verdicts as a Super Administrator's token gives.
      const notApps = (d: ReadinessDocument) =>
        d.results.filter((r) => r.kind !== 'SERVICE_APP').map((r) => [r.key, r.status]);
      expect(notApps(doc)).toEqual(notApps(reference));
      const s = doc.summary;
      expect(linesOf(table.stdout).at(-1)).toBe(
        `${doc.results.length} principals: READY ${s.READY}, PARTIAL ${s.PARTIAL}, NOT_READY ${s.NOT_READY}, UNSUPPORTED ${s.UNSUPPORTED}, UNKNOWN 5`,
      );
      expect(table.code).toBe(3);
    } finally {
      await sim.close();
    }
  });
});

describe('readiness fails cleanly', { timeout: 90_000 }, () => {
  it('exits 3 with one line for an unknown principal, a bad flag and bad settings', async () => {
    const [unknown, badFlag, badSettings, unreachable] = await Promise.all([
      runCli(['readiness', 'nobody@demo.example'], oktaEnv),
      runCli(['readiness', 'me', '--jsn'], oktaEnv),
      runCli(['readiness', 'me'], { OKTA_API_TOKEN: env.sim.apiToken }),
      runCli(['readiness', 'me'], { OKTA_ORG_URL: `http://127.0.0.1:${closedPort}`, OKTA_API_TOKEN: 'x' }),
    ]);
    expectCheckFailure(unknown, /unknown principal: .*nobody@demo\.example/);
    expectCheckFailure(badFlag, /unknown option '--jsn'.*Did you mean --json/);
    expectCheckFailure(badSettings, /bad settings: OKTA_ORG_URL/);
    expect(badSettings.stderr).not.toContain(env.sim.apiToken);
    expectCheckFailure(unreachable, /Okta unreachable/);
  });

  it('exits 3 with one line naming E0000011 when Okta rejects the token', async () => {
    const token = '00NotATokenThisOrgIssued0123456789abcdef';
    const run = await runCli(['readiness', 'me'], { OKTA_ORG_URL: env.sim.url, OKTA_API_TOKEN: token });
    expectCheckFailure(
      run,
      /^error: Okta rejected the gateway's credential: E0000011 Invalid token provided$/m,
    );
    expect(run.stderr).not.toContain(token);
  });
});
