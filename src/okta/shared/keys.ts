/**
 * Where the replicas' shared state lives in Redis. Two namespaces, each one hash tag (so every key
 * of a namespace is on one Redis Cluster slot and the scripts may touch several):
 *
 * - the org's budget (`{org:<hash of the org URL>}`): rate limits and requests in flight are per
 *   org, whatever the credential;
 * - the view (`{view:<hash of the org URL and the credential>}`): what a credential reads may differ
 *   from what another one reads, so the cache, its locks, its events and the System Log lease are
 *   per credential. An API token enters only as a SHA-256 digest, never as itself.
 */
import { createHash } from 'node:crypto';
import type { OktaCredentials } from '../client.ts';

/** Bumped when the layout or the value format changes: replicas of two versions then share nothing. */
const PREFIX = 'okta-iam-graphql:1';

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

function credentialIdentity(credentials: OktaCredentials): string {
  if (credentials.mode === 'apiToken') return `ssws:${digest(credentials.token)}`;
  return `oauth:${credentials.clientId}:${[...credentials.scopes].sort().join(' ')}`;
}

export interface SharedKeys {
  /** The org's in-flight leases: a sorted set, member per request, score its expiry (epoch ms). */
  inFlight: string;
  /** The in-flight cap lowered after a concurrency 429: a hash { cap, at }. */
  loweredCap: string;
  /** One rate-limit bucket's window: a hash { limit, remaining, resetAt, est }. */
  bucket(bucket: string): string;
  /** A cached value. */
  value(cacheKey: string): string;
  /** The lock of one cache key's fetch. */
  lock(cacheKey: string): string;
  /** Every cached value and lock of the view whose cache key starts with `prefix` (a SCAN pattern). */
  valuePattern(prefix: string): string;
  lockPattern(prefix: string): string;
  /** The pub/sub channel of the view's cache events. */
  events: string;
  /** Set while a replica follows the System Log (and the cache may keep its long TTLs). */
  followed: string;
  /** A named leader lease (`log-follower`). */
  lease(name: string): string;
}

/** Glob characters in a SCAN pattern, escaped so that a prefix matches itself only. */
const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

export function sharedKeys(orgUrl: string, credentials: OktaCredentials): SharedKeys {
  const org = digest(orgUrl.replace(/\/+$/, '').toLowerCase());
  const budget = `${PREFIX}:{org:${org}}`;
  const view = `${PREFIX}:{view:${digest(`${org}\n${credentialIdentity(credentials)}`)}}`;
  return {
    inFlight: `${budget}:in-flight`,
    loweredCap: `${budget}:lowered-cap`,
    bucket: (bucket) => `${budget}:bucket:${bucket}`,
    value: (cacheKey) => `${view}:value:${cacheKey}`,
    lock: (cacheKey) => `${view}:lock:${cacheKey}`,
    valuePattern: (prefix) => `${escapeGlob(`${view}:value:${prefix}`)}*`,
    lockPattern: (prefix) => `${escapeGlob(`${view}:lock:${prefix}`)}*`,
    events: `${view}:events`,
    followed: `${view}:followed`,
    lease: (name) => `${view}:lease:${name}`,
  };
}
