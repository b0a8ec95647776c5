import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The gateway's configuration, from the environment, validated in one place. A missing or bad
 * setting becomes one ConfigError line naming the variable, never echoing a secret's value.
 */

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type OktaConnection =
  /** No Okta settings: start the simulator in process (the demo org, or a snapshot file) and read it. */
  | { mode: 'embedded'; orgFile: string | null }
  | { mode: 'apiToken'; orgUrl: string; token: string }
  | {
      mode: 'privateKey';
      orgUrl: string;
      clientId: string;
      privateKey: string;
      keyId: string | undefined;
      scopes: string[];
    };

export interface GatewayConfig {
  okta: OktaConnection;
  /** Listen address. Default 127.0.0.1. */
  host: string;
  /** Listen port. Default 4000. */
  port: number;
  /** Accepted API keys, in clear or `sha256:<hex>`; empty: no authentication (loopback only). */
  apiKeys: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Operator's role-permission table (JSON), already read; null: the built-in table. */
  rolePermissionTableJson: unknown | null;
  rolePermissionTableFile: string | null;
  /** The catalog cache's bounds; the TTLs are those without the System Log follower (or while it fails). */
  cache: { max: number; catalogTtlMs: number; roleAssignmentTtlMs: number; grantTtlMs: number };
  /** The server's System Log follower, which keeps the cache fresh (src/okta/log-follower.ts). */
  logFollower: LogFollowerConfig;
  /** Most Okta requests in flight (with REDIS_URL: of all replicas together). Default 20. */
  oktaMaxConcurrency: number;
  /** Replicas sharing the cache and the Okta budget through Redis (src/okta/shared); null: alone. */
  redis: { url: string; replicas: number } | null;
  /** The Okta client's timeout, rate-limit wait cap and reserve (see OktaClientOptions). */
  oktaClient: { requestTimeoutMs: number; maxRateLimitWaitMs: number; rateLimitReserve: number };
  graphiql: boolean;
  introspection: boolean;
  nodeEnv: 'development' | 'production' | 'test';
}

export interface LogFollowerConfig {
  /** Follow the System Log in the server. Default true. */
  enabled: boolean;
  /** Between two reads of the log, ms. Default 15000. */
  intervalMs: number;
  /** The catalog, role-assignment and principal TTL while the follower reads the log, ms. Default 1 h. */
  followedTtlMs: number;
}

/**
 * The OAuth scopes the gateway asks for by default: exactly those Okta's OpenAPI description lists
 * for the reads it makes (src/okta/reads.ts names each read, its paths and its scope; a test
 * checks them against the spec).
 */
export const DEFAULT_OKTA_SCOPES = [
  'okta.users.read',
  'okta.groups.read',
  'okta.apps.read',
  'okta.roles.read',
  'okta.logs.read',
  'okta.schemas.read',
  'okta.orgs.read',
  'okta.clients.read',
  'okta.appGrants.read',
];

/** Shortest API key accepted in clear (a `sha256:` entry is a digest and has its own form). */
export const MIN_API_KEY_LENGTH = 16;

/** What is wrong with one GATEWAY_API_KEYS entry, or null; never quotes the entry. */
export function apiKeyProblem(entry: string): string | null {
  if (entry.startsWith('sha256:'))
    return /^sha256:[0-9a-fA-F]{64}$/.test(entry) ? null : 'sha256: needs 64 hex digits';
  if (entry.length < MIN_API_KEY_LENGTH) return `a key needs at least ${MIN_API_KEY_LENGTH} characters`;
  if (/\s/.test(entry)) return 'a key cannot contain white space';
  return null;
}

const OKTA_SCOPE = /^okta\.[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/;

const SECRET_VARIABLES = new Set(['OKTA_API_TOKEN', 'OKTA_PRIVATE_KEY', 'GATEWAY_API_KEYS', 'REDIS_URL']);

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'expected true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const positiveInt = z.coerce
  .number({ message: 'expected a number' })
  .int('expected a whole number')
  .positive('expected a positive number');
const orgUrl = z
  .url({ message: 'expected an URL such as https://acme.okta.com' })
  .refine((u) => /^https?:\/\//.test(u), 'expected an http(s) URL')
  .transform((u) => u.replace(/\/+$/, ''));
const nonEmpty = z.string().trim().min(1, 'must not be empty');

const env = z.object({
  OKTA_ORG_URL: orgUrl.optional(),
  OKTA_API_TOKEN: nonEmpty.optional(),
  OKTA_CLIENT_ID: nonEmpty.optional(),
  OKTA_PRIVATE_KEY: nonEmpty.optional(),
  OKTA_PRIVATE_KEY_FILE: nonEmpty.optional(),
  OKTA_KEY_ID: nonEmpty.optional(),
  OKTA_SCOPES: nonEmpty.optional(),
  EMBEDDED_ORG_FILE: nonEmpty.optional(),
  HOST: nonEmpty.default('127.0.0.1'),
  PORT: z.coerce
    .number({ message: 'expected a port number' })
    .int()
    .min(0)
    .max(65535, 'expected 0..65535')
    .default(4000),
  GATEWAY_API_KEYS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ROLE_PERMISSION_TABLE_FILE: nonEmpty.optional(),
  CACHE_MAX_ENTRIES: positiveInt.default(20_000),
  CACHE_CATALOG_TTL_MS: positiveInt.default(300_000),
  CACHE_ROLE_ASSIGNMENT_TTL_MS: positiveInt.default(30_000),
  CACHE_GRANT_TTL_MS: positiveInt.default(60_000),
  LOG_FOLLOWER: bool.default(true),
  LOG_FOLLOWER_INTERVAL_MS: positiveInt
    .min(1000, 'expected at least 1000 (Okta allows 120 log reads a minute)')
    .default(15_000),
  LOG_FOLLOWER_TTL_MS: positiveInt.default(3_600_000),
  OKTA_MAX_CONCURRENCY: positiveInt.max(75, 'Okta allows at most 75 concurrent requests').default(20),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, message: 'expected redis://[:password@]host:port[/db] or rediss://' })
    .optional(),
  REPLICAS: positiveInt.max(100, 'expected 1..100').default(1),
  OKTA_REQUEST_TIMEOUT_MS: positiveInt.default(15_000),
  OKTA_MAX_RATE_LIMIT_WAIT_MS: z.coerce
    .number({ message: 'expected a number' })
    .int('expected a whole number')
    .min(0, 'expected 0 or more')
    .default(10_000),
  OKTA_RATE_LIMIT_RESERVE_PERCENT: z.coerce
    .number({ message: 'expected a number' })
    .min(0, 'expected 0..50')
    .max(50, 'expected 0..50')
    .default(10),
  GRAPHIQL: bool.default(true),
  INTROSPECTION: bool.default(true),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
});

type Env = z.infer<typeof env>;

function readSecretFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`${variable}: cannot read ${path} (${code})`);
  }
}

function oktaConnection(e: Env): OktaConnection {
  const oauthVars = [
    'OKTA_CLIENT_ID',
    'OKTA_PRIVATE_KEY',
    'OKTA_PRIVATE_KEY_FILE',
    'OKTA_KEY_ID',
    'OKTA_SCOPES',
  ] as const;
  const oauthGiven = oauthVars.filter((v) => e[v] !== undefined);
  if (!e.OKTA_ORG_URL) {
    const stray = [e.OKTA_API_TOKEN ? 'OKTA_API_TOKEN' : null, ...oauthGiven].filter(Boolean);
    if (stray.length > 0) throw new ConfigError(`OKTA_ORG_URL: required when ${stray.join(', ')} is set`);
    return { mode: 'embedded', orgFile: e.EMBEDDED_ORG_FILE ?? null };
  }
  if (e.EMBEDDED_ORG_FILE) {
    throw new ConfigError('EMBEDDED_ORG_FILE: only without OKTA_ORG_URL (it replaces the Okta org)');
  }
  if (e.OKTA_API_TOKEN && oauthGiven.length > 0) {
    throw new ConfigError(
      `OKTA_API_TOKEN: set either it or the OAuth settings (${oauthGiven.join(', ')}), not both`,
    );
  }
  if (e.OKTA_API_TOKEN) return { mode: 'apiToken', orgUrl: e.OKTA_ORG_URL, token: e.OKTA_API_TOKEN };
  if (!e.OKTA_CLIENT_ID)
    throw new ConfigError('OKTA_API_TOKEN: required with OKTA_ORG_URL (or OKTA_CLIENT_ID and a private key)');
  if (e.OKTA_PRIVATE_KEY && e.OKTA_PRIVATE_KEY_FILE) {
    throw new ConfigError('OKTA_PRIVATE_KEY_FILE: set either it or OKTA_PRIVATE_KEY, not both');
  }
  const privateKey =
    e.OKTA_PRIVATE_KEY ??
    (e.OKTA_PRIVATE_KEY_FILE && readSecretFile('OKTA_PRIVATE_KEY_FILE', e.OKTA_PRIVATE_KEY_FILE));
  if (!privateKey)
    throw new ConfigError('OKTA_PRIVATE_KEY: required with OKTA_CLIENT_ID (or OKTA_PRIVATE_KEY_FILE)');
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(privateKey) && !privateKey.startsWith('{')) {
    throw new ConfigError('OKTA_PRIVATE_KEY: expected a PEM private key or a JWK as JSON');
  }
  const scopes = e.OKTA_SCOPES ? e.OKTA_SCOPES.split(/[\s,]+/).filter(Boolean) : DEFAULT_OKTA_SCOPES;
  const badScope = scopes.find((scope) => !OKTA_SCOPE.test(scope));
  if (badScope !== undefined) {
    throw new ConfigError(
      `OKTA_SCOPES: "${badScope.slice(0, 60)}" is not an Okta API scope such as okta.users.read`,
    );
  }
  return {
    mode: 'privateKey',
    orgUrl: e.OKTA_ORG_URL,
    clientId: e.OKTA_CLIENT_ID,
    privateKey,
    keyId: e.OKTA_KEY_ID,
    scopes,
  };
}

function apiKeys(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const problem = apiKeyProblem(entry);
    if (problem) throw new ConfigError(`GATEWAY_API_KEYS: entry ${index + 1}: ${problem}`);
  });
  return entries;
}

/** Reads and validates the configuration; throws ConfigError with one line naming the setting. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = env.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const detail = SECRET_VARIABLES.has(variable) ? 'invalid value' : (issue?.message ?? 'invalid');
    throw new ConfigError(`${variable}: ${detail}`);
  }
  const e = parsed.data;
  const tableFile = e.ROLE_PERMISSION_TABLE_FILE ?? null;
  let tableJson: unknown | null = null;
  if (tableFile) {
    try {
      tableJson = JSON.parse(readSecretFile('ROLE_PERMISSION_TABLE_FILE', tableFile));
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(`ROLE_PERMISSION_TABLE_FILE: ${tableFile} is not valid JSON`);
    }
  }
  return {
    okta: oktaConnection(e),
    host: e.HOST,
    port: e.PORT,
    apiKeys: apiKeys(e.GATEWAY_API_KEYS),
    logLevel: e.LOG_LEVEL,
    rolePermissionTableJson: tableJson,
    rolePermissionTableFile: tableFile,
    cache: {
      max: e.CACHE_MAX_ENTRIES,
      catalogTtlMs: e.CACHE_CATALOG_TTL_MS,
      roleAssignmentTtlMs: e.CACHE_ROLE_ASSIGNMENT_TTL_MS,
      grantTtlMs: e.CACHE_GRANT_TTL_MS,
    },
    logFollower: {
      enabled: e.LOG_FOLLOWER,
      intervalMs: e.LOG_FOLLOWER_INTERVAL_MS,
      followedTtlMs: e.LOG_FOLLOWER_TTL_MS,
    },
    oktaMaxConcurrency: e.OKTA_MAX_CONCURRENCY,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, replicas: e.REPLICAS } : null,
    oktaClient: {
      requestTimeoutMs: e.OKTA_REQUEST_TIMEOUT_MS,
      maxRateLimitWaitMs: e.OKTA_MAX_RATE_LIMIT_WAIT_MS,
      rateLimitReserve: e.OKTA_RATE_LIMIT_RESERVE_PERCENT / 100,
    },
    graphiql: e.GRAPHIQL,
    introspection: e.INTROSPECTION,
    nodeEnv: e.NODE_ENV,
  };
}
