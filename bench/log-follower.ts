/**
 * `npx tsx bench/log-follower.ts [--minutes 10] [--every-ms 1000] [--interval-ms 15000]`:
 * upstream requests of steady readiness queries on the demo org, without and with the System Log
 * follower, over a simulated stretch of time.
 *
 * Method. The gateway is built as the server builds it (createOktaDeps -> createGateway) over the
 * demo-org simulator. Time is simulated: the catalog cache measures entry ages on a virtual clock
 * that advances `every-ms` per query, so 10 minutes take seconds. Every query is one
 * `lumosReadiness` of a named demo principal (users and service apps in turn). Without the
 * follower the cache has its default short TTLs (role assignments and principals 30 s, catalog
 * 5 min, grants 60 s). With the follower it has the long TTLs (1 h; grants keep 60 s) and the
 * follower polls the log once per `interval-ms` of virtual time (createLogFollower().poll(), as its
 * timer would). Requests are counted at the simulator (its request log), so the follower's own
 * log reads are included. Two scenarios: "quiet" (nothing changes) and "one change a minute" (a
 * role granted, then revoked the next minute, through the simulator's control API: each change
 * writes a System Log event the follower reads and acts on).
 */
import { parseArgs } from 'node:util';
import { createLogFollower } from '../src/okta/log-follower.ts';
import { readLogPage } from '../src/okta/system-log.ts';
import { createOktaDeps } from '../src/open-okta.ts';
import { demoPrincipalIds } from '../src/sim/generate.ts';
import { type Simulator, startSimulator } from '../src/sim/index.ts';
import { createGateway, GRAPHQL_PATH } from '../src/yoga.ts';
import { UNLIMITED } from './orgs.ts';

interface Run {
  requests: number;
  logReads: number;
  queries: number;
}

const READINESS = 'query ($p: String!) { lumosReadiness(principal: $p) { status } }';

async function control(sim: Simulator, path: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim.url}/__sim/${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

async function simulate(
  sim: Simulator,
  options: { follow: boolean; changes: boolean; minutes: number; everyMs: number; intervalMs: number },
): Promise<Run> {
  const ids = demoPrincipalIds(sim.org);
  const principals = [...Object.values(ids.users), ...Object.values(ids.serviceApps)];
  let now = Date.now();
  const okta = createOktaDeps({
    orgUrl: sim.url,
    credentials: { mode: 'apiToken', token: sim.apiToken },
    cache: { now: () => now },
  });
  const gateway = createGateway(okta.gatewayDeps);
  const follower = options.follow
    ? createLogFollower({
        readPage: (url) => readLogPage(okta.client.getJson, url),
        cache: okta.cache,
        groupHoldsRoles: async (g) => (await okta.gatewayDeps.directory.listGroupRoles(g)).length > 0,
        intervalMs: options.intervalMs,
        now: () => now,
      })
    : null;
  sim.resetLog();
  const end = now + options.minutes * 60_000;
  let nextPoll = now;
  let nextChange = now + 60_000;
  let granted = false;
  let queries = 0;
  while (now < end) {
    if (follower && now >= nextPoll) {
      await follower.poll();
      nextPoll += options.intervalMs;
    }
    if (options.changes && now >= nextChange) {
      const role = { principalType: 'USER', principalId: ids.users.noRole, type: 'REPORT_ADMIN' };
      await control(sim, granted ? 'roles/revoke' : 'roles/grant', role);
      granted = !granted;
      nextChange += 60_000;
    }
    const principal = principals[queries % principals.length]!;
    const res = await gateway.yoga.fetch(`http://bench${GRAPHQL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: READINESS, variables: { p: principal } }),
    });
    const body = (await res.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(`readiness of ${principal}: ${JSON.stringify(body.errors[0])}`);
    queries += 1;
    now += options.everyMs;
  }
  const log = sim.requestLog.filter((e) => !e.path.startsWith('/oauth2/v1/token'));
  if (granted)
    await control(sim, 'roles/revoke', {
      principalType: 'USER',
      principalId: ids.users.noRole,
      type: 'REPORT_ADMIN',
    });
  return {
    requests: log.length,
    logReads: log.filter((e) => e.path.startsWith('/api/v1/logs')).length,
    queries,
  };
}

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    'every-ms': { type: 'string', default: '1000' },
    'interval-ms': { type: 'string', default: '15000' },
  },
});
const minutes = Number(values.minutes);
const everyMs = Number(values['every-ms']);
const intervalMs = Number(values['interval-ms']);

const sim = await startSimulator({ rateLimits: UNLIMITED });
try {
  console.log(
    `demo org, ${minutes} simulated minutes, one lumosReadiness every ${everyMs} ms, follower every ${intervalMs} ms`,
  );
  console.log('scenario               follower  queries  upstream requests  of which log reads');
  for (const changes of [false, true]) {
    const without = await simulate(sim, { follow: false, changes, minutes, everyMs, intervalMs });
    const withFollower = await simulate(sim, { follow: true, changes, minutes, everyMs, intervalMs });
    const name = changes ? 'one change a minute' : 'quiet';
    for (const [label, run] of [
      ['off', without],
      ['on', withFollower],
    ] as const) {
      console.log(
        `${name.padEnd(23)}${label.padEnd(10)}${String(run.queries).padStart(7)}${String(run.requests).padStart(19)}${String(run.logReads).padStart(20)}`,
      );
    }
    const saved = without.requests - withFollower.requests;
    console.log(
      `${''.padEnd(23)}saved: ${saved} requests (${Math.round((100 * saved) / without.requests)}% of ${without.requests})`,
    );
  }
} finally {
  await sim.close();
}
