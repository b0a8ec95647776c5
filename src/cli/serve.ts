/**
 * `okta-iam-graphql serve` and `npm start`: the gateway server, configured from the environment
 * (see README); --host and --port override HOST and PORT. Stops on SIGINT or SIGTERM.
 */
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { startGatewayServer } from '../http/start.ts';

function port(value: string): string {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`expected a port, got "${value}"`);
  return value;
}

/** Starts the server and prints its GraphiQL URL; bad settings are one line and exit 2. */
export async function serveUntilSignalled(env: NodeJS.ProcessEnv): Promise<void> {
  try {
    const running = await startGatewayServer(loadConfig(env));
    console.log(`okta-iam-graphql: GraphiQL at ${running.url} (reading ${running.oktaDescription})`);
    const stop = () => {
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`okta-iam-graphql: configuration error: ${error.message}`);
    process.exit(2);
  }
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the GraphQL gateway (embedded demo org when no Okta settings are given)')
    .option('--host <host>', 'listen address (env HOST, default 127.0.0.1)')
    .option('--port <port>', 'listen port (env PORT, default 4000)', port)
    .action((options: { host?: string; port?: string }) =>
      serveUntilSignalled({
        ...process.env,
        ...(options.host ? { HOST: options.host } : {}),
        ...(options.port ? { PORT: options.port } : {}),
      }),
    );
}
