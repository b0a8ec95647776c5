/** Shared setup for the access-layer tests that run against the simulator over real HTTP. */
import { createOktaClient, type OktaClientOptions, type OktaCredentials } from '../../src/okta/client.ts';
import { createUpstreamCounters, type UpstreamCounters } from '../../src/okta/metrics.ts';
import { createOktaDirectory } from '../../src/okta/okta-directory.ts';
import type { RequestLogEntry, Simulator } from '../../src/sim/index.ts';

/** A client, its counters and a directory over the simulator, signed in with `credentials`. */
export function oktaAccess(
  sim: Simulator,
  credentials: OktaCredentials,
  options: Partial<OktaClientOptions> = {},
) {
  const counters: UpstreamCounters = createUpstreamCounters();
  const client = createOktaClient({ orgUrl: sim.url, credentials, metrics: counters, ...options });
  return { client, counters, directory: createOktaDirectory(client) };
}

export const apiTokenAccess = (sim: Simulator, options: Partial<OktaClientOptions> = {}) =>
  oktaAccess(sim, { mode: 'apiToken', token: sim.apiToken }, options);

/** Runs `work` on a fresh simulator log and returns its result with the requests it made. */
export async function measured<T>(
  sim: Simulator,
  work: () => Promise<T>,
): Promise<{ result: T; log: RequestLogEntry[] }> {
  sim.resetLog();
  const result = await work();
  return { result, log: [...sim.requestLog] };
}

export const pathsOf = (log: readonly RequestLogEntry[]) => log.map((e) => e.path);
