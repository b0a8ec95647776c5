/**
 * Where the gateway reads Okta, from the validated config: a real org with an API token or a
 * service app's key, or, with no Okta settings, an embedded simulator started in process (the
 * demo org, or the snapshot named by EMBEDDED_ORG_FILE). The server and the CLI both open it here.
 */
import type { OktaConnection } from '../config.ts';
import type { OktaCredentials } from '../okta/client.ts';

export interface OpenOktaConnection {
  orgUrl: string;
  credentials: OktaCredentials;
  /** What the gateway reads, for the start-up line: `the embedded demo org`, `Okta org https://...`. */
  description: string;
  /** Stops the embedded simulator, when one was started. */
  close(): Promise<void>;
}

export async function openOktaConnection(okta: OktaConnection): Promise<OpenOktaConnection> {
  if (okta.mode === 'embedded') {
    const { startSimulator } = await import('../sim/index.ts');
    const { loadSnapshotFile } = await import('../sim/snapshot.ts');
    const org = okta.orgFile ? await loadSnapshotFile(okta.orgFile) : undefined;
    const sim = await startSimulator(org ? { org } : {});
    return {
      orgUrl: sim.url,
      credentials: { mode: 'apiToken', token: sim.apiToken },
      description: okta.orgFile ? `the embedded org from ${okta.orgFile}` : 'the embedded demo org',
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
  return {
    orgUrl: okta.orgUrl,
    credentials,
    description: `Okta org ${okta.orgUrl}`,
    close: async () => {},
  };
}
