/**
 * At start the server checks what its Okta credential can read and says so, one line each; an
 * unreachable org or a rejected credential is one line, /readyz answers 503, and the server keeps
 * running and checking again.
 */
import { createServer } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningGateway, startGatewayServer } from '../../src/http/start.ts';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';

/** A logger that keeps the message of every line at warn or above. */
function captureLogger() {
  const warnings: string[] = [];
  const infos: string[] = [];
  const logger = pino(
    { level: 'info' },
    {
      write(line: string) {
        const entry = JSON.parse(line) as { level: number; msg: string };
        (entry.level >= 40 ? warnings : infos).push(entry.msg);
      },
    },
  );
  return { logger, warnings, infos };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

const readyzOf = (running: RunningGateway) => `${running.url.replace(/\/graphql$/, '')}/readyz`;

describe('the server at start', { timeout: 30_000 }, () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) await close();
  });

  async function start(env: Record<string, string>, logger: pino.Logger): Promise<RunningGateway> {
    const running = await startGatewayServer(loadConfig({ PORT: '0', ...env }), { logger });
    cleanup.push(() => running.close());
    return running;
  }

  async function simulator(options: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
    const sim = await startSimulator({ rateLimits: false, ...options });
    cleanup.push(() => sim.close());
    return sim;
  }

  it('logs one line per read its credential cannot make', async () => {
    const sim = await simulator();
    const { logger, warnings } = captureLogger();
    const running = await start(
      { OKTA_ORG_URL: sim.url, OKTA_API_TOKEN: sim.tokenFor('lumos.standard@demo.example') },
      logger,
    );
    await running.firstAccessCheck;
    const roleReaders = 'needs SUPER_ADMIN or okta.iam.read';
    expect(warnings).toEqual([
      `cannot read role assignments (403 E0000006; ${roleReaders}): user and group verdicts will be UNKNOWN`,
      `cannot read role assignees (403 E0000006; ${roleReaders}): admins cannot be listed`,
      `cannot read custom roles (403 E0000006; ${roleReaders}): verdicts that rest on a custom role will be UNKNOWN`,
      `cannot read resource sets (403 E0000006; ${roleReaders}): verdicts that rest on a resource set will be UNKNOWN`,
      `cannot read role assignments of service apps (403 E0000006; ${roleReaders}): service-app verdicts will be UNKNOWN`,
      'cannot read app grants (403 E0000006; needs SUPER_ADMIN): service-app verdicts will be UNKNOWN',
    ]);
    expect((await fetch(readyzOf(running))).status).toBe(200);
  });

  it('says nothing when the credential can read everything', async () => {
    const sim = await simulator();
    const { logger, warnings } = captureLogger();
    const running = await start({ OKTA_ORG_URL: sim.url, OKTA_API_TOKEN: sim.apiToken }, logger);
    await running.firstAccessCheck;
    expect(warnings).toEqual([]);
  });

  it('names E0000011 in one line for a rejected token, and keeps serving with /readyz 503', async () => {
    const sim = await simulator();
    const { logger, warnings } = captureLogger();
    const token = '00ThisTokenOktaDoesNotKnow0123456789ab';
    const running = await start({ OKTA_ORG_URL: sim.url, OKTA_API_TOKEN: token }, logger);
    await running.firstAccessCheck;
    expect(warnings).toEqual([
      "Okta rejected the gateway's credential: E0000011 Invalid token provided; /readyz answers 503 and the gateway retries in the background",
    ]);
    const base = running.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(readyzOf(running));
    expect(ready.status).toBe(503);
    expect(await ready.text()).not.toContain(token);
  });

  it('starts while the org is unreachable, says so once, and is ready once Okta answers', async () => {
    const port = await freePort();
    const token = '00TokenOfTheOrgThatIsNotUpYet0123456789';
    const { logger, warnings, infos } = captureLogger();
    const running = await start({ OKTA_ORG_URL: `http://127.0.0.1:${port}`, OKTA_API_TOKEN: token }, logger);
    await running.firstAccessCheck;
    expect(warnings).toEqual([
      `Okta at http://127.0.0.1:${port} is unreachable (ECONNREFUSED); /readyz answers 503 and the gateway retries in the background`,
    ]);
    expect((await fetch(readyzOf(running))).status).toBe(503);

    await simulator({ port, apiToken: token });
    // The background check (after 1 s, then 2 s, ...) finds it, without a request asking.
    expect(await until(async () => infos.some((m) => m.includes('accepts the gateway')), 8_000)).toBe(true);
    expect(infos).toContain("Okta answers and accepts the gateway's credential again");
    expect((await fetch(readyzOf(running))).status).toBe(200);
    expect(warnings).toHaveLength(1);
  });
});
