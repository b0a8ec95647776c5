/** Replicas in one process: each its own SharedState over one redis-server the test started. */
import {
  openSharedState,
  type SharedState,
  type SharedStateOptions,
} from '../../src/okta/shared/shared-state.ts';

export const ORG_URL = 'http://127.0.0.1:1';

export function openReplica(redisUrl: string, overrides: Partial<SharedStateOptions> = {}): SharedState {
  return openSharedState({
    redisUrl,
    replicas: 2,
    orgUrl: ORG_URL,
    credentials: { mode: 'apiToken', token: 'test-token-of-the-gateway' },
    maxConcurrency: 4,
    requestTimeoutMs: 2_000,
    rateLimitReserve: 0.1,
    commandTimeoutMs: 500,
    ...overrides,
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 20 ms until it holds; throws after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export const connected =
  (...replicas: SharedState[]) =>
  () =>
    replicas.every((replica) => replica.status().state === 'CONNECTED');
