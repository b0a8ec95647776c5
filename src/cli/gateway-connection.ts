/**
 * Where `readiness` sends its GraphQL: a running gateway (--gateway URL), or a gateway built in
 * process from the same settings as the server (src/config.ts), asked through yoga.fetch
 * without opening a port.
 */
import { createGateway, GRAPHQL_PATH } from '../yoga.ts';
import { type CommandOktaOptions, openCommandOkta } from './okta-settings.ts';
import { CheckFailedError, createExecutor, type GraphQLExecutor } from './transport.ts';

export interface GatewayConnection {
  execute: GraphQLExecutor;
  /** Releases what the connection started (an embedded simulator, an Okta client). */
  close(): Promise<void>;
}

export interface ConnectionOptions {
  /** A running gateway: http://host:port (then /graphql is used) or its GraphQL endpoint URL. */
  gatewayUrl?: string | undefined;
  /** Bearer API key for the gateway. */
  apiKey?: string | undefined;
  /** Environment the in-process gateway reads its settings from. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** In process only: batch mode and an upstream metrics sink. */
  inProcess?: CommandOktaOptions;
}

/** http://host:port -> http://host:port/graphql; a URL with a path is used as given. */
export function graphqlEndpoint(gatewayUrl: string): string {
  let url: URL;
  try {
    url = new URL(gatewayUrl);
  } catch {
    throw new CheckFailedError(`--gateway must be an http(s) URL, got "${gatewayUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CheckFailedError(`--gateway must be an http(s) URL, got "${gatewayUrl}"`);
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/graphql';
  return url.toString();
}

export async function openGatewayConnection(options: ConnectionOptions): Promise<GatewayConnection> {
  if (options.gatewayUrl) {
    const url = graphqlEndpoint(options.gatewayUrl);
    return {
      execute: createExecutor({
        url,
        apiKey: options.apiKey,
        label: `gateway at ${new URL(url).origin}`,
        fetch: (target, init) => fetch(target, { ...init, signal: AbortSignal.timeout(120_000) }),
      }),
      close: async () => {},
    };
  }
  return openInProcessGateway(options.env ?? process.env, options.inProcess);
}

/** The same createGateway the server uses, asked through yoga.fetch: one implementation of readiness. */
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
