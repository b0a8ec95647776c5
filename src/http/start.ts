import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { ConfigError, type GatewayConfig } from '../config.ts';
import type { GatewayAccessReport } from '../okta/probes.ts';
import { openOkta } from '../open-okta.ts';
import { createGateway, type Gateway, GRAPHQL_PATH } from '../yoga.ts';
import { startAccessMonitor } from './access-check.ts';
import { isLoopback, parseApiKeys } from './auth.ts';
import { createServerLogFollower, logFollowerReadiness } from './log-following.ts';
import { createLogger } from './logging.ts';
import { createGatewayMetrics } from './metrics.ts';
import {
  followLogWhenLeader,
  openReplicaSharing,
  registerSharedMetrics,
  sharedReadiness,
} from './replicas.ts';

export interface RunningGateway {
  /** http://HOST:PORT/graphql */
  url: string;
  gateway: Gateway;
  /** Where the gateway reads Okta: the org URL, or the embedded simulator's URL. */
  oktaUrl: string;
  /** What it reads, in words: `the embedded demo org`, `Okta org https://acme.okta.com`. */
  oktaDescription: string;
  /** The first check of what the credential can read, logged when it lands (the server does not wait for it). */
  firstAccessCheck: Promise<GatewayAccessReport>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Default: pino on stdout at the configured LOG_LEVEL. */
  logger?: Logger;
}

/**
 * Builds the real dependencies from a validated config (or starts the embedded demo simulator)
 * and listens. Without API keys it refuses any address but loopback. Once listening, it checks
 * what its Okta credential can read and logs one line per read it cannot make; an unreachable org
 * or a rejected credential is one error line, and the check repeats in the background.
 */
export async function startGatewayServer(
  config: GatewayConfig,
  options: StartOptions = {},
): Promise<RunningGateway> {
  const apiKeys = config.apiKeys.length > 0 ? parseApiKeys(config.apiKeys) : null;
  if (!apiKeys && !isLoopback(config.host)) {
    throw new ConfigError(
      `HOST: refusing to listen on ${config.host} without GATEWAY_API_KEYS; set keys or use HOST=127.0.0.1`,
    );
  }
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = createGatewayMetrics();
  const okta = await openOkta(config, {
    metrics: metrics.upstream,
    share: (where) => openReplicaSharing(config, where, logger),
  });
  const { shared } = okta;
  if (shared) registerSharedMetrics(metrics.registry, shared);
  if (config.okta.mode === 'embedded') logger.info({ simulator: okta.orgUrl }, `reading ${okta.description}`);

  const follower = config.logFollower.enabled
    ? followLogWhenLeader(
        () => createServerLogFollower(okta, config.logFollower, logger, metrics),
        shared ?? null,
      )
    : null;
  const gateway = createGateway({
    ...okta.gatewayDeps,
    logger,
    metrics,
    apiKeys,
    graphiql: config.graphiql,
    graphiqlExamplesFor: config.okta.mode === 'embedded' && !config.okta.orgFile ? 'demo' : 'any',
    introspection: config.introspection,
    development: config.nodeEnv === 'development',
    logFollower: () => logFollowerReadiness(okta, follower?.current() ?? null),
    ...(shared && { sharedState: () => sharedReadiness(shared) }),
  });

  const server: Server = createServer(gateway.yoga);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await okta.close();
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`PORT: cannot listen on ${config.host}:${config.port} (${code})`);
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const monitor = startAccessMonitor(okta.gatewayDeps.accessCheck, logger);
  follower?.start();
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    gateway,
    oktaUrl: okta.orgUrl,
    oktaDescription: okta.description,
    firstAccessCheck: monitor.first,
    close: async () => {
      monitor.stop();
      follower?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await okta.close();
    },
  };
}
