import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, type GatewayConfig } from '../config.ts';
import { parseRolePermissionTable, type RolePermissionTable } from '../iam/index.ts';
import type { OktaCredentials } from '../okta/client.ts';
import { createGateway, type Gateway, GRAPHQL_PATH } from '../yoga.ts';
import { isLoopback, parseApiKeys } from './auth.ts';
import { createLogger } from './logging.ts';
import { createGatewayMetrics } from './metrics.ts';
import { createOktaDeps } from './okta-deps.ts';

export interface RunningGateway {
  /** http://HOST:PORT/graphql */
  url: string;
  gateway: Gateway;
  /** Where the gateway reads Okta: the org URL, or the embedded simulator's URL. */
  oktaUrl: string;
  close(): Promise<void>;
}

function roleTableFrom(config: GatewayConfig): RolePermissionTable | undefined {
  if (config.rolePermissionTableJson === null) return undefined;
  try {
    return parseRolePermissionTable(config.rolePermissionTableJson);
  } catch (error) {
    throw new ConfigError(`ROLE_PERMISSION_TABLE_FILE: ${(error as Error).message}`);
  }
}

function credentialsFrom(okta: Exclude<GatewayConfig['okta'], { mode: 'embedded' }>): OktaCredentials {
  if (okta.mode === 'apiToken') return { mode: 'apiToken', token: okta.token };
  return {
    mode: 'privateKey',
    clientId: okta.clientId,
    scopes: okta.scopes,
    privateKey: okta.privateKey,
    ...(okta.keyId ? { keyId: okta.keyId } : {}),
  };
}

/**
 * Builds the real dependencies from a validated config (or starts the embedded demo simulator)
 * and listens. Without API keys it refuses any address but loopback.
 */
export async function startGatewayServer(config: GatewayConfig): Promise<RunningGateway> {
  const apiKeys = config.apiKeys.length > 0 ? parseApiKeys(config.apiKeys) : null;
  if (!apiKeys && !isLoopback(config.host)) {
    throw new ConfigError(
      `HOST: refusing to listen on ${config.host} without GATEWAY_API_KEYS; set keys or use HOST=127.0.0.1`,
    );
  }
  const roleTable = roleTableFrom(config);
  const logger = createLogger(config.logLevel);
  const metrics = createGatewayMetrics();

  let closeSim = async () => {};
  let orgUrl: string;
  let credentials: OktaCredentials;
  if (config.okta.mode === 'embedded') {
    const { startSimulator } = await import('../sim/index.ts');
    const sim = await startSimulator();
    closeSim = () => sim.close();
    orgUrl = sim.url;
    credentials = { mode: 'apiToken', token: sim.apiToken };
    logger.info({ simulator: sim.url }, 'embedded mode: reading the demo org simulator');
  } else {
    orgUrl = config.okta.orgUrl;
    credentials = credentialsFrom(config.okta);
  }

  const okta = createOktaDeps({
    orgUrl,
    credentials,
    metrics: metrics.upstream,
    maxConcurrency: config.oktaMaxConcurrency,
    client: config.oktaClient,
    cache: config.cache,
    ...(roleTable ? { roleTable } : {}),
  });
  const gateway = createGateway({
    ...okta.gatewayDeps,
    logger,
    metrics,
    apiKeys,
    graphiql: config.graphiql,
    introspection: config.introspection,
    development: config.nodeEnv === 'development',
  });

  const server: Server = createServer(gateway.yoga);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await closeSim();
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`PORT: cannot listen on ${config.host}:${config.port} (${code})`);
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    gateway,
    oktaUrl: orgUrl,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closeSim();
    },
  };
}
