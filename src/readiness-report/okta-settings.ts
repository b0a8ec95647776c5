/**
 * The Okta the CLI reads, from the same settings as the server (src/config.ts): a real org, or,
 * with no Okta settings, the embedded demo simulator started in process for the command's run.
 */
import { ConfigError, type GatewayConfig, loadConfig } from '../config.ts';
import type { OktaCredentials } from '../okta/client.ts';
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

export async function resolveOktaSettings(env: NodeJS.ProcessEnv): Promise<OktaSettings> {
  const config = readConfig(env);
  const okta = config.okta;
  if (okta.mode === 'embedded') {
    const { startSimulator } = await import('../sim/index.ts');
    const sim = await startSimulator();
    return {
      config,
      orgUrl: sim.url,
      credentials: { mode: 'apiToken', token: sim.apiToken },
      close: () => sim.close(),
    };
  }
  const credentials: OktaCredentials =
    okta.mode === 'apiToken'
      ? { mode: 'apiToken', token: okta.token }
      : {
          mode: 'privateKey',
          clientId: okta.clientId,
          scopes: okta.scopes,
          privateKey: okta.privateKey,
          ...(okta.keyId !== undefined ? { keyId: okta.keyId } : {}),
        };
  return { config, orgUrl: okta.orgUrl, credentials, close: async () => {} };
}
