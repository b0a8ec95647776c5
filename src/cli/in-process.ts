/**
 * The gateway built in process for one CLI run: the same createGateway the server uses, asked
 * through yoga.fetch (no port), so the CLI and the server share one implementation of readiness.
 */
import { createGateway, GRAPHQL_PATH } from '../yoga.ts';
import type { GatewayConnection } from './gateway-connection.ts';
import { type CommandOktaOptions, openCommandOkta } from './okta-settings.ts';
import { createExecutor } from './transport.ts';

export async function openInProcessGateway(
  env: NodeJS.ProcessEnv,
  options: CommandOktaOptions = {},
): Promise<GatewayConnection> {
  const okta = await openCommandOkta(env, options);
  const gateway = createGateway({ ...okta.gatewayDeps, apiKeys: null, graphiql: false });
  return {
    execute: createExecutor({
      url: `http://in-process${GRAPHQL_PATH}`,
      label: `Okta org at ${okta.orgUrl}`,
      fetch: async (url, init) => gateway.yoga.fetch(url, init),
    }),
    close: () => okta.close(),
  };
}
