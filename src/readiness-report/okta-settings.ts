/**
 * The Okta the CLI reads, from the same settings as the server (src/config.ts): a real org, or,
 * with no Okta settings, the embedded demo simulator started in process for the command's run.
 */
import { ConfigError, type GatewayConfig, loadConfig } from '../config.ts';
import type { OktaCredentials } from '../okta/client.ts';
import { openOktaConnection } from '../server/okta-connection.ts';
import { CheckFailedError } from './transport.ts';

export interface OktaSettings {
  config: GatewayConfig;
  orgUrl: string;
  credentials: OktaCredentials;
  /** Stops the embedded simulator, when one was started. */
  close(): Promise<void>;
}

export function readConfig(env: NodeJS.ProcessEnv): GatewayConfig {
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

export interface SettingsOptions {
  /** A batch command: wait out rate-limit windows unless the environment sets a cap. */
  batch?: boolean;
}

export async function resolveOktaSettings(
  env: NodeJS.ProcessEnv,
  options: SettingsOptions = {},
): Promise<OktaSettings> {
  const config = readConfig(env);
  if (options.batch && env.OKTA_MAX_RATE_LIMIT_WAIT_MS === undefined) {
    config.oktaClient = { ...config.oktaClient, maxRateLimitWaitMs: BATCH_MAX_RATE_LIMIT_WAIT_MS };
  }
  try {
    const { orgUrl, credentials, close } = await openOktaConnection(config.okta);
    return { config, orgUrl, credentials, close };
  } catch (err) {
    if (config.okta.mode !== 'embedded' || !config.okta.orgFile) throw err;
    // A snapshot file that cannot be read or is invalid: the message names the file and field.
    throw new CheckFailedError(`bad settings: EMBEDDED_ORG_FILE: ${(err as Error).message}`);
  }
}
