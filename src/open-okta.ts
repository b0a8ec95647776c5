/**
 * Opens Okta from the validated config, in one place for the server, the CLI, the tests and the
 * benchmarks: where to read (a real org with an API token or a service app's key, or, with no Okta
 * settings, an embedded simulator started in process), the Okta client, and the gateway's
 * dependencies over it (directory, shared cache, loaders, role table, access check).
 */
import { ConfigError, type GatewayConfig, type OktaConnection } from './config.ts';
import type { ContextDeps } from './context.ts';
import { DEFAULT_ROLE_PERMISSION_TABLE } from './iam/default-role-permissions.ts';
import { DEFAULT_LUMOS_RULE_SET } from './iam/readiness/rule-set.ts';
import { parseRolePermissionTable, type RolePermissionTable } from './iam/role-permission-table.ts';
import { createAccessCheck } from './okta/access-check.ts';
import {
  type CatalogCache,
  type CatalogCacheOptions,
  createCachedDirectory,
  createCatalogCache,
} from './okta/cache.ts';
import {
  createOktaClient,
  type OktaClient,
  type OktaClientOptions,
  type OktaCredentials,
} from './okta/client.ts';
import { createLoaders } from './okta/loaders.ts';
import type { UpstreamMetrics } from './okta/metrics.ts';
import { createOktaDirectory } from './okta/okta-directory.ts';
import { probeGatewayAccess } from './okta/probes.ts';
import type { SharedState } from './okta/shared/shared-state.ts';

export interface OktaDepsOptions {
  orgUrl: string;
  credentials: OktaCredentials;
  metrics?: UpstreamMetrics;
  /** Most Okta requests in flight. Default 20. */
  maxConcurrency?: number;
  cache?: CatalogCacheOptions;
  /** Replicas' shared state (REDIS_URL): the Okta budget, and a Redis tier behind the cache. */
  shared?: SharedState;
  roleTable?: RolePermissionTable;
  /** Per-attempt timeout, rate-limit wait cap and retries of the Okta client (defaults: see OktaClientOptions). */
  client?: Pick<
    OktaClientOptions,
    'requestTimeoutMs' | 'maxRateLimitWaitMs' | 'retries' | 'rateLimitReserve'
  >;
}

export interface OktaDeps {
  client: OktaClient;
  cache: CatalogCache;
  /** Everything createGateway needs to read Okta, minus logger, metrics and HTTP settings. */
  gatewayDeps: ContextDeps;
}

/**
 * Okta client -> directory -> shared catalog cache; the access check (gatewayAccess, /readyz)
 * probes through the client, uncached, and only when asked.
 */
export function createOktaDeps(options: OktaDepsOptions): OktaDeps {
  const client = createOktaClient({
    orgUrl: options.orgUrl,
    credentials: options.credentials,
    maxConcurrency: options.maxConcurrency,
    metrics: options.metrics,
    ...options.client,
    ...(options.shared && { budget: options.shared.budget }),
  });
  const raw = createOktaDirectory(client);
  const local = createCatalogCache({ ...options.cache, metrics: options.metrics });
  const cache = options.shared ? options.shared.shareCache(local, options.metrics) : local;
  return {
    client,
    cache,
    gatewayDeps: {
      directory: createCachedDirectory(raw, cache),
      createLoaders,
      roleTable: options.roleTable ?? DEFAULT_ROLE_PERMISSION_TABLE,
      ruleSet: DEFAULT_LUMOS_RULE_SET,
      accessCheck: createAccessCheck(() =>
        probeGatewayAccess(client, {
          scopes: options.credentials.mode === 'privateKey' ? options.credentials.scopes : [],
        }),
      ),
    },
  };
}

interface OpenOktaConnection {
  orgUrl: string;
  credentials: OktaCredentials;
  /** What the gateway reads, for the start-up line: `the embedded demo org`, `Okta org https://...`. */
  description: string;
  /** Stops the embedded simulator, when one was started. */
  close(): Promise<void>;
}

async function openOktaConnection(okta: OktaConnection): Promise<OpenOktaConnection> {
  if (okta.mode === 'embedded') {
    const { startSimulator } = await import('./sim/index.ts');
    const { loadSnapshotFile } = await import('./sim/snapshot.ts');
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

/** ROLE_PERMISSION_TABLE_FILE, parsed; a bad table is a ConfigError naming the setting. */
function roleTableFrom(config: GatewayConfig): RolePermissionTable | undefined {
  if (config.rolePermissionTableJson === null) return undefined;
  try {
    return parseRolePermissionTable(config.rolePermissionTableJson);
  } catch (error) {
    throw new ConfigError(`ROLE_PERMISSION_TABLE_FILE: ${(error as Error).message}`);
  }
}

export interface OpenOkta extends OktaDeps {
  orgUrl: string;
  /** The replicas' shared state, when `share` opened one. */
  shared?: SharedState;
  credentials: OktaCredentials;
  /** What the gateway reads, in words: `the embedded demo org`, `Okta org https://acme.okta.com`. */
  description: string;
  /** Stops the embedded simulator, when one was started. */
  close(): Promise<void>;
}

export interface OpenOktaOptions extends Pick<OktaDepsOptions, 'metrics'> {
  /** Replicas' shared state for this org (the server opens it when REDIS_URL is set). */
  share?: (where: { orgUrl: string; credentials: OktaCredentials }) => Promise<SharedState | null>;
}

/**
 * config -> where Okta is, the client and the gateway's dependencies. Bad settings found here (the
 * role table, an EMBEDDED_ORG_FILE that cannot be read) are ConfigErrors naming the setting.
 */
export async function openOkta(config: GatewayConfig, options: OpenOktaOptions = {}): Promise<OpenOkta> {
  const roleTable = roleTableFrom(config);
  let where: OpenOktaConnection;
  try {
    where = await openOktaConnection(config.okta);
  } catch (error) {
    if (config.okta.mode !== 'embedded' || !config.okta.orgFile) throw error;
    throw new ConfigError(`EMBEDDED_ORG_FILE: ${(error as Error).message}`);
  }
  const shared = (await options.share?.(where)) ?? undefined;
  const deps = createOktaDeps({
    orgUrl: where.orgUrl,
    credentials: where.credentials,
    ...(shared && { shared }),
    ...(options.metrics && { metrics: options.metrics }),
    maxConcurrency: config.oktaMaxConcurrency,
    client: config.oktaClient,
    cache: { ...config.cache, followedTtlMs: config.logFollower.followedTtlMs },
    ...(roleTable ? { roleTable } : {}),
  });
  return {
    ...deps,
    ...(shared && { shared }),
    orgUrl: where.orgUrl,
    credentials: where.credentials,
    description: where.description,
    close: async () => {
      await shared?.close();
      await where.close();
    },
  };
}
