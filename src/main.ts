/**
 * `npm start`: reads the configuration, builds the real dependencies (or the embedded demo org),
 * listens, and prints the GraphiQL URL. The only file with side effects at start.
 */
import { ConfigError, loadConfig } from './config.ts';
import { startGatewayServer } from './server/start.ts';

try {
  const config = loadConfig(process.env);
  const running = await startGatewayServer(config);
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
  if (error instanceof ConfigError) {
    console.error(`okta-iam-graphql: configuration error: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
