/**
 * A simulator in its own process, so the gateway's memory can be measured alone. Prints one JSON
 * line `{ url, apiToken, whoCanResource }` when listening; exits on SIGTERM. Run (bench/sim-process.ts
 * does): node dist/bench/sim-child.js demo|large
 */
import { startSimulator } from '../src/sim/index.ts';
import { whoCanResource } from './operations.ts';
import { buildOrg, type OrgName, UNLIMITED } from './orgs.ts';

const name = (process.argv[2] ?? 'demo') as OrgName;
const org = buildOrg(name);
const sim = await startSimulator({ org, rateLimits: UNLIMITED });
process.stdout.write(
  `${JSON.stringify({ url: sim.url, apiToken: sim.apiToken, whoCanResource: whoCanResource(org) })}\n`,
);
process.once('SIGTERM', () => {
  void sim.close().then(() => process.exit(0));
});
