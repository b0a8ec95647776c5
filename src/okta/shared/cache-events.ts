/**
 * The cache's pub/sub channel between replicas: a fetch filled or gave up its lock (waiters look
 * again at once instead of at their next poll), entries were invalidated or the cache cleared
 * (every replica drops its own copies), the System Log follower started or stopped keeping the
 * cache fresh (the others take the long or the short TTLs).
 */
import type { CacheRef } from '../cache.ts';
import type { RedisLink } from './redis-link.ts';

export type CacheEvent =
  | { t: 'filled'; key: string }
  | { t: 'released'; key: string }
  | { t: 'invalidate'; refs: CacheRef[] }
  | { t: 'clear' }
  | { t: 'followed'; on: boolean };

type Sent = CacheEvent & { from: string };

export interface CacheEvents {
  /** The message `event` is sent as (for scripts that publish it themselves). */
  encode(event: CacheEvent): string;
  publish(event: CacheEvent): Promise<void>;
  /** `fromSelf`: this replica sent it. */
  on(handler: (event: CacheEvent, fromSelf: boolean) => void): void;
}

export function createCacheEvents(link: RedisLink, channel: string): CacheEvents {
  const handlers: ((event: CacheEvent, fromSelf: boolean) => void)[] = [];
  const encode = (event: CacheEvent) => JSON.stringify({ ...event, from: link.replicaId } satisfies Sent);
  link.subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    let event: Sent;
    try {
      event = JSON.parse(message) as Sent;
    } catch {
      return;
    }
    for (const handler of handlers) handler(event, event.from === link.replicaId);
  });
  // Without an offline queue a subscription sent before the connection is ready fails: subscribe
  // on every ready (again after a reconnect; a second SUBSCRIBE to a channel is harmless).
  const subscribe = () =>
    void link.subscriber.subscribe(channel).catch((error: unknown) => link.failed(error));
  link.subscriber.on('ready', subscribe);
  if (link.subscriber.status === 'ready') subscribe();
  return {
    encode,
    async publish(event) {
      await link.redis.publish(channel, encode(event));
    },
    on(handler) {
      handlers.push(handler);
    },
  };
}
