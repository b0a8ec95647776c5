import { createHash, timingSafeEqual } from 'node:crypto';
import { apiKeyProblem, ConfigError } from '../config.ts';
import type { Caller } from '../context.ts';

/** sha256 digests of the accepted API keys; keys may be configured in clear or as `sha256:<hex>`. */
export interface ApiKeySet {
  readonly digests: readonly Buffer[];
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Parses GATEWAY_API_KEYS entries (src/config.ts has already refused bad ones in one line); throws
 * naming the entry's position, never its value.
 */
export function parseApiKeys(entries: readonly string[]): ApiKeySet {
  const digests = entries.map((entry, index) => {
    const problem = apiKeyProblem(entry);
    if (problem) throw new ConfigError(`GATEWAY_API_KEYS: entry ${index + 1}: ${problem}`);
    const hashed = /^sha256:([0-9a-fA-F]{64})$/.exec(entry);
    return hashed?.[1] ? Buffer.from(hashed[1], 'hex') : sha256(entry);
  });
  return { digests };
}

/**
 * The caller behind an Authorization header, or null when it carries no accepted key. Every
 * configured digest is compared, in constant time, so timing says nothing about which matched.
 */
export function authenticate(keys: ApiKeySet, authorization: string | null): Caller | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return null;
  const presented = sha256(match[1]);
  let accepted = false;
  for (const digest of keys.digests) {
    if (timingSafeEqual(presented, digest)) accepted = true;
  }
  return accepted ? { keyFingerprint: presented.toString('hex').slice(0, 8) } : null;
}

/** The GraphQL-shaped body of a 401. */
export function unauthenticatedResponse(message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }), {
    status: 401,
    headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer' },
  });
}

export const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}
