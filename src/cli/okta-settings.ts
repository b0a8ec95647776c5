/**
 * The Okta a command reads, from the same settings as the server (src/config.ts, src/open-okta.ts):
 * a real org, or, with no Okta settings, the embedded demo simulator started for the command's run.
 * Bad settings are one `bad settings: ...` line and exit 3.
 */
import { ConfigError, type GatewayConfig, loadConfig } from '../config.ts';
import type { UpstreamMetrics } from '../okta/metrics.ts';
import { type OpenOkta, openOkta } from '../open-okta.ts';
import { CheckFailedError } from './transport.ts';

function readConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) throw new CheckFailedError(`bad settings: ${err.message}`);
    throw err;
  }
}

/**
 * The rate-limit wait cap of batch commands (`readiness --all-admins`, `snapshot`) when
 * OKTA_MAX_RATE_LIMIT_WAIT_MS is not set: past one of Okta's one-minute windows, so a sweep of a
 * large org rides through its limits instead of failing (the server keeps failing fast), ms.
 */
export const BATCH_MAX_RATE_LIMIT_WAIT_MS = 120_000;

export interface CommandOktaOptions {
  /** A batch command: wait out rate-limit windows unless the environment sets a cap. */
  batch?: boolean;
  /** Sees every upstream event (e.g. to show rate-limit waits on a progress bar). */
  metrics?: UpstreamMetrics;
}

export async function openCommandOkta(
  env: NodeJS.ProcessEnv,
  options: CommandOktaOptions = {},
): Promise<OpenOkta & { config: GatewayConfig }> {
  const config = readConfig(env);
  if (options.batch && env.OKTA_MAX_RATE_LIMIT_WAIT_MS === undefined) {
    config.oktaClient = { ...config.oktaClient, maxRateLimitWaitMs: BATCH_MAX_RATE_LIMIT_WAIT_MS };
  }
  try {
    const okta = await openOkta(config, options.metrics ? { metrics: options.metrics } : {});
    return { ...okta, config };
  } catch (err) {
    if (err instanceof ConfigError) throw new CheckFailedError(`bad settings: ${err.message}`);
    throw err;
  }
}
