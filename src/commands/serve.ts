/**
 * `okta-iam-graphql serve`: the gateway server, configured from the environment (see README);
 * --host and --port override HOST and PORT. Same as `npm start`.
 */
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { startGatewayServer } from '../server/start.ts';

function port(value: string): string {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`expected a port, got "${value}"`);
  return value;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the GraphQL gateway (embedded demo org when no Okta settings are given)')
    .option('--host <host>', 'listen address (env HOST, default 127.0.0.1)')
    .option('--port <port>', 'listen port (env PORT, default 4000)', port)
    .action(async (options: { host?: string; port?: string }) => {
      try {
        const config = loadConfig({
          ...process.env,
          ...(options.host ? { HOST: options.host } : {}),
          ...(options.port ? { PORT: options.port } : {}),
        });
        const running = await startGatewayServer(config);
        console.log(`okta-iam-graphql: GraphiQL at ${running.url}`);
        const stop = () => void running.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        console.error(`okta-iam-graphql: configuration error: ${error.message}`);
        process.exit(2);
      }
    });
}
