import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhoCanDocument } from '../../src/cli/who-can.ts';
import { type DemoPrincipalIds, demoPrincipalIds } from '../../src/sim/generate.ts';
import { createGateway } from '../../src/yoga.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { type CliRun, linesOf, runCli } from './run-cli.ts';

let env: TestGateway;
let ids: DemoPrincipalIds;
let oktaEnv: Record<string, string>;
/** The demo org's gateway on a loopback port. */
let gatewayUrl: string;
/** A stand-in gateway that answers every whoCan with nobody. */
let nobodyUrl: string;
const servers: Server[] = [];

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A failure: exit 3, nothing on stdout, exactly one `error: ...` line on stderr. */
function expectFailure(run: CliRun, reason: RegExp): void {
  expect(run.code).toBe(3);
  expect(run.stdout).toBe('');
  expect(linesOf(run.stderr)).toHaveLength(1);
  expect(run.stderr).toMatch(reason);
}

beforeAll(async () => {
  env = await startTestGateway();
  ids = demoPrincipalIds(env.sim.org);
  oktaEnv = { OKTA_ORG_URL: env.sim.url, OKTA_API_TOKEN: env.sim.apiToken };
  gatewayUrl = await listen(createServer(createGateway({ ...env.okta.gatewayDeps, apiKeys: null }).yoga));
  nobodyUrl = await listen(
    createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { whoCan: [] } }));
    }),
  );
});

afterAll(async () => {
  for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  await env?.close();
});

describe('who-can', { timeout: 90_000 }, () => {
  it('prints one row per principal and exits 0 when someone can', async () => {
    const run = await runCli(
      ['who-can', 'okta.users.credentials.resetPassword', `group:${ids.groups.supportStaff}`],
      oktaEnv,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = linesOf(run.stdout);
    expect(lines[0]).toMatch(/^KIND\s+PRINCIPAL\s+KEY\s+MATCHED SCOPE\s+THROUGH$/);
    const orgId = env.sim.org.org.id;
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^USER\\s+Hal Helpdesk\\s+${ids.users.helpDesk}\\s+orn:okta:directory:${orgId}:groups:${ids.groups.supportStaff}:contained_resources\\s+HELP_DESK_ADMIN \\(1 target\\)$`,
        ),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^GROUP\\s+Help Desk Team\\s+${ids.groups.helpDeskTeam}\\s+\\S+:users\\s+HELP_DESK_ADMIN$`,
        ),
      ),
    );
    expect(lines.at(-1)).toBe(
      `${lines.length - 2} principals can okta.users.credentials.resetPassword over group:${ids.groups.supportStaff}.`,
    );
  });

  it('prints the answer as JSON with --json, the same in process and from a running gateway', async () => {
    const args = ['who-can', 'okta.apps.manage', `app:${ids.extras.slackApp}`, '--json'];
    const [inProcess, remote] = await Promise.all([
      runCli(args, oktaEnv),
      runCli([...args, '--gateway', gatewayUrl]),
    ]);
    expect(inProcess.code).toBe(0);
    const document = JSON.parse(inProcess.stdout) as WhoCanDocument;
    expect(document.permission).toBe('okta.apps.manage');
    expect(document.resource).toBe(`app:${ids.extras.slackApp}`);
    const targeted = document.grants.find((g) => g.principal.key === ids.users.lumosTargeted);
    expect(targeted).toMatchObject({
      principal: { kind: 'USER', displayName: 'Tara Targeted' },
      matchedScope: `orn:okta:idp:${env.sim.org.org.id}:apps:slack:${ids.extras.slackApp}`,
      grantedBy: [{ role: { key: 'APP_ADMIN' }, assignmentType: 'USER', resourceSet: null }],
    });
    expect(remote.code).toBe(0);
    expect(JSON.parse(remote.stdout)).toEqual(document);
  });

  it('exits 1 and says so when nobody can', async () => {
    const [table, json] = await Promise.all([
      runCli(['who-can', 'okta.users.read', 'user:x@example.com', '--gateway', nobodyUrl]),
      runCli(['who-can', 'okta.users.read', 'user:x@example.com', '--gateway', nobodyUrl, '--json']),
    ]);
    expect(table.code).toBe(1);
    expect(table.stdout).toBe('Nobody can okta.users.read over user:x@example.com.\n');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      permission: 'okta.users.read',
      resource: 'user:x@example.com',
      grants: [],
    });
  });

  it('exits 3 with one line for an unknown permission, a malformed resource, an unknown object and a missing argument', async () => {
    const [permission, resource, object, missing] = await Promise.all([
      runCli(['who-can', 'okta.users.raed', 'user:no.role@demo.example'], oktaEnv),
      runCli(['who-can', 'okta.users.read', 'orn:okta:nothing'], oktaEnv),
      runCli(['who-can', 'okta.users.read', 'user:nobody.at.all@demo.example'], oktaEnv),
      runCli(['who-can', 'okta.users.read'], oktaEnv),
    ]);
    expectFailure(permission, /^error: bad argument: Unknown permission "okta\.users\.raed"/);
    expectFailure(resource, /^error: bad argument: Invalid ORN/);
    expectFailure(
      object,
      /^error: unknown object: No user has the id or login "nobody\.at\.all@demo\.example"/,
    );
    expectFailure(missing, /^error: missing required argument 'resource'/);
  });
});
