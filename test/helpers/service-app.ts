/** Signing the gateway in as a demo service app, for tests of OAuth mode. */
import type { OktaCredentials } from '../../src/okta/client.ts';
import type { Simulator } from '../../src/sim/index.ts';
import type { OrgSnapshot } from '../../src/sim/snapshot-format.ts';

/** Grants `scopes` to the app in the org data (before the simulator starts); a scope it has stays once. */
export function grantScopes(org: OrgSnapshot, appId: string, scopes: readonly string[]): void {
  for (const scopeId of scopes) {
    if (org.grants.some((g) => g.appId === appId && g.scopeId === scopeId)) continue;
    org.grants.push({
      id: `oag${scopeId.replace(/\W/g, '')}`,
      appId,
      scopeId,
      status: 'ACTIVE',
      created: '2026-01-01T00:00:00.000Z',
    });
  }
}

/** private_key_jwt credentials for the client, with a key registered on it for this test. */
export async function serviceAppCredentials(
  sim: Simulator,
  clientId: string,
  scopes: readonly string[],
): Promise<OktaCredentials> {
  const key = await sim.createServiceAppKey(clientId);
  return {
    mode: 'privateKey',
    clientId,
    scopes: [...scopes],
    privateKey: key.privateKeyPem,
    keyId: key.keyId,
  };
}
