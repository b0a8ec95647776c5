import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { tinyOrg } from '../sim/fixtures/tiny-org.ts';
import { runCli } from './run-cli.ts';

// 10 requests an 11 s window for roles, IAM and the org: the sweep needs more than one window, and
// each reset is further away than the server's default wait cap (10 s).
const LIMITS = { buckets: { other: 10 }, windowMs: 11_000 };

describe('readiness --all-admins under Okta rate limits', () => {
  let sim: Simulator;
  let env: Record<string, string>;

  beforeAll(async () => {
    sim = await startSimulator({ org: tinyOrg(), rateLimits: LIMITS });
    env = { OKTA_ORG_URL: sim.url, OKTA_API_TOKEN: sim.apiToken };
  });
  beforeEach(() => sim.resetLog());
  afterAll(() => sim.close());

  it('rides through the windows by default, saying how long it waits and what is left', async () => {
    const run = await runCli(['readiness', '--all-admins', '--json'], env);
    expect(run.stderr).toMatch(/waiting \d+ s for Okta's rate limit on \S+, \d+ of 10 requests left/);
    expect(run.code).not.toBe(3);
    const document = JSON.parse(run.stdout) as { results: { principal: string }[] };
    // The tiny org's admins: users admin (SUPER_ADMIN), grouped (APP_ADMIN) and custom (a binding),
    // the group admins (HELP_DESK_ADMIN and a binding), the service app svcFull (SUPER_ADMIN).
    expect(document.results).toHaveLength(5);
    expect(sim.requestLog.filter((e) => e.status === 429).length).toBeLessThanOrEqual(1);
  }, 90_000);

  it('fails in one line when OKTA_MAX_RATE_LIMIT_WAIT_MS caps the wait below the reset', async () => {
    const run = await runCli(['readiness', '--all-admins', '--json'], {
      ...env,
      OKTA_MAX_RATE_LIMIT_WAIT_MS: '1000',
    });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/rate limit/i);
  }, 60_000);
});
