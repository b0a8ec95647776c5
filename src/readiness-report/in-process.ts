/**
 * The gateway built in process for one CLI run: the same createGateway the server uses, asked
 * through yoga.fetch (no port), so the CLI and the server share one implementation of readiness.
 */
import { parseRolePermissionTable } from '../iam/index.ts';
import type { UpstreamMetrics } from '../okta/metrics.ts';
import { createOktaDeps } from '../server/okta-deps.ts';
import { createGateway, GRAPHQL_PATH } from '../yoga.ts';
import type { GatewayConnection } from './connection.ts';
import { resolveOktaSettings, type SettingsOptions } from './okta-settings.ts';
import { CheckFailedError, createExecutor } from './transport.ts';

export interface InProcessOptions extends SettingsOptions {
  /** Sees every upstream event (e.g. to show rate-limit waits on a progress bar). */
  metrics?: UpstreamMetrics;
}

export async function openInProcessGateway(
  env: NodeJS.ProcessEnv,
  options: InProcessOptions = {},
): Promise<GatewayConnection> {
  const settings = await resolveOktaSettings(env, options);
  try {
    const { config } = settings;
    let roleTable: ReturnType<typeof parseRolePermissionTable> | undefined;
    if (config.rolePermissionTableJson !== null) {
      try {
        roleTable = parseRolePermissionTable(config.rolePermissionTableJson);
      } catch (err) {
        throw new CheckFailedError(`bad settings: ROLE_PERMISSION_TABLE_FILE: ${(err as Error).message}`);
      }
    }
    const okta = createOktaDeps({
      orgUrl: settings.orgUrl,
      credentials: settings.credentials,
      maxConcurrency: config.oktaMaxConcurrency,
      client: config.oktaClient,
      cache: config.cache,
      ...(options.metrics ? { metrics: options.metrics } : {}),
      ...(roleTable ? { roleTable } : {}),
    });
    const gateway = createGateway({ ...okta.gatewayDeps, apiKeys: null, graphiql: false });
    return {
      execute: createExecutor({
        url: `http://in-process${GRAPHQL_PATH}`,
        label: `Okta org at ${settings.orgUrl}`,
        fetch: async (url, init) => gateway.yoga.fetch(url, init),
      }),
      close: settings.close,
    };
  } catch (err) {
    await settings.close();
    throw err;
  }
}
