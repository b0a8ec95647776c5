import type { GatewayConnection } from './connection.ts';
import { CheckFailedError } from './transport.ts';

export async function openInProcessGateway(
  _env: NodeJS.ProcessEnv,
  _apiKey?: string,
): Promise<GatewayConnection> {
  throw new CheckFailedError('the in-process gateway is not available yet');
}
