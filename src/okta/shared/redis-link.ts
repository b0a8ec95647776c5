/**
 * The replicas' connection to Redis: one connection for commands and scripts, one for pub/sub,
 * both failing fast (no offline queue, short timeouts) so that a Redis outage costs a request one
 * failed command, never a wait; and reconnecting by themselves. `up()` says whether shared state
 * may be used right now; while it is false every user of the link works alone (degraded mode).
 *
 * REDIS_URL may carry a password: only `description` (scheme, host, port, database) is ever shown.
 */
import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { defineScripts, type RunScript } from './scripts.ts';

export type SharedLinkState = 'CONNECTING' | 'CONNECTED' | 'DEGRADED' | 'CLOSED';

export interface SharedLinkStatus {
  state: SharedLinkState;
  /** When the state last changed, epoch ms. */
  since: number;
  /** Why it is not CONNECTED (`connect ECONNREFUSED 127.0.0.1:6379`); null when it is. */
  problem: string | null;
  /** Where Redis is, without credentials: `redis://10.0.0.5:6379/0`. */
  redis: string;
  /** Times the link went from CONNECTED to DEGRADED since start. */
  outages: number;
}

export interface RedisLinkOptions {
  /** redis:// or rediss:// URL, possibly with a user and password. */
  url: string;
  /** Longest a command may take before it counts as failed, ms. Default 1000. */
  commandTimeoutMs?: number;
  /** After a failed command, how long shared state is not used before trying again, ms. Default 1000. */
  cooldownMs?: number;
  /** Told of every change of state (the server logs it). */
  onStateChange?: (status: SharedLinkStatus) => void;
}

export interface RedisLink {
  readonly redis: Redis;
  readonly subscriber: Redis;
  readonly run: RunScript;
  /** This process among the replicas (lock tokens, lease holder, in-flight lease ids). */
  readonly replicaId: string;
  /** Whether shared state may be used now. */
  up(): boolean;
  status(): SharedLinkStatus;
  /** A command failed: work alone for a moment (covers a Redis that hangs without closing). */
  failed(error: unknown): void;
  /** Called with true when shared state becomes usable, false when it stops being. */
  onChange(listener: (up: boolean) => void): void;
  close(): Promise<void>;
}

/** The URL without user or password, for logs and /readyz. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'redis (unparsable URL)';
  }
}

/** An error's message with the URL's password and user blanked, should a library ever quote them. */
function safeMessage(error: unknown, url: string): string {
  let message = error instanceof Error ? error.message : String(error);
  try {
    const u = new URL(url);
    for (const secret of [u.password, u.username].filter((s) => s.length >= 3)) {
      message = message.split(secret).join('***').split(decodeURIComponent(secret)).join('***');
    }
  } catch {}
  return message.slice(0, 200);
}

export function openRedisLink(options: RedisLinkOptions): RedisLink {
  const commandTimeout = options.commandTimeoutMs ?? 1000;
  const cooldownMs = options.cooldownMs ?? 1000;
  const common: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    commandTimeout,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(100 * times, 2000),
  };
  const redis = new Redis(options.url, common);
  const subscriber = new Redis(options.url, common);
  const run = defineScripts(redis);
  const description = describeRedisUrl(options.url);
  const listeners: ((up: boolean) => void)[] = [];
  let status: SharedLinkStatus = {
    state: 'CONNECTING',
    since: Date.now(),
    problem: 'connecting',
    redis: description,
    outages: 0,
  };
  let lastProblem: string | null = null;
  let cooldownUntil = 0;
  let cooldownTimer: NodeJS.Timeout | null = null;
  let closed = false;

  const connected = () => redis.status === 'ready' && subscriber.status === 'ready';
  const usable = () => !closed && connected() && Date.now() >= cooldownUntil;

  const endCooldownLater = (ms: number) => {
    cooldownTimer = setTimeout(() => {
      cooldownTimer = null;
      const left = cooldownUntil - Date.now();
      if (left > 0) return endCooldownLater(left);
      if (connected()) lastProblem = null;
      settle();
    }, ms);
    cooldownTimer.unref();
  };

  const settle = () => {
    const next: SharedLinkState = closed
      ? 'CLOSED'
      : usable()
        ? 'CONNECTED'
        : status.state === 'CONNECTING' && !lastProblem
          ? 'CONNECTING'
          : 'DEGRADED';
    if (next === status.state) return;
    const wasUp = status.state === 'CONNECTED';
    status = {
      state: next,
      since: Date.now(),
      problem: next === 'CONNECTED' ? null : (lastProblem ?? next.toLowerCase()),
      redis: description,
      outages: status.outages + (wasUp && next === 'DEGRADED' ? 1 : 0),
    };
    options.onStateChange?.(status);
    const nowUp = next === 'CONNECTED';
    if (nowUp !== wasUp) for (const listener of listeners) listener(nowUp);
  };

  for (const connection of [redis, subscriber]) {
    connection.on('ready', () => {
      lastProblem = null;
      settle();
    });
    connection.on('error', (error: unknown) => {
      lastProblem = safeMessage(error, options.url);
      settle();
    });
    connection.on('close', () => {
      lastProblem ??= 'connection to Redis closed';
      settle();
    });
  }

  return {
    redis,
    subscriber,
    run,
    replicaId: randomUUID(),
    up: usable,
    status: () => ({ ...status }),
    failed(error) {
      if (closed) return;
      lastProblem = safeMessage(error, options.url);
      cooldownUntil = Date.now() + cooldownMs;
      settle();
      if (!cooldownTimer) endCooldownLater(cooldownMs);
    },
    onChange(listener) {
      listeners.push(listener);
    },
    async close() {
      closed = true;
      if (cooldownTimer) clearTimeout(cooldownTimer);
      settle();
      await Promise.allSettled([redis.quit(), subscriber.quit()]);
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}
