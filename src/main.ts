/** `npm start`: the gateway server from the environment (src/cli/serve.ts); the only file with side effects at start. */
import { serveUntilSignalled } from './cli/serve.ts';

await serveUntilSignalled(process.env);
