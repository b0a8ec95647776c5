/**
 * Okta's org-wide per-minute rate limits per endpoint bucket, and the concurrent-request limit.
 *
 * Defaults: the "Workforce identity" column of Okta's published Management rate limits
 * (developer.okta.com/docs/reference/rl-global-mgmt/) and the concurrent limit of 75 for API
 * traffic (developer.okta.com/docs/reference/rl-additional-limits/). The /oauth2/v1/token figure
 * is an assumption (the org authorization server's limit is not in those tables).
 */

export type BucketName =
  | 'users'
  | 'user'
  | 'groups'
  | 'group'
  | 'apps'
  | 'app'
  | 'logs'
  | 'clients'
  | 'token'
  | 'other';

export const OKTA_WORKFORCE_LIMITS: Record<BucketName, number> = {
  /** GET /api/v1/users (list and search). */
  users: 600,
  /** GET /api/v1/users/{idOrLogin} (incl. /me). */
  user: 2000,
  /** /api/v1/groups (list and search). */
  groups: 500,
  /** /api/v1/groups/{id} only. */
  group: 1000,
  /** /api/v1/apps and /api/v1/apps/{id}/* (e.g. grants). */
  apps: 100,
  /** /api/v1/apps/{id} only. */
  app: 500,
  /** /api/v1/logs. */
  logs: 120,
  /** /oauth2/v1/clients*, including client role assignments. */
  clients: 100,
  /** POST /oauth2/v1/token (assumed). */
  token: 2000,
  /** Most other API actions under /api/v1: roles, group members, /iam/*, org, schemas. */
  other: 1200,
};

export interface RateLimitOptions {
  /** Requests per window per bucket; a bucket absent here uses Okta's default. */
  buckets: Partial<Record<BucketName, number>>;
  /** Requests in flight at once before a 429 (Okta: 75 per org). */
  concurrency: number;
  /** Window length in ms; default 60000 (Okta's per-minute windows). Shorten in tests. */
  windowMs: number;
}

/** The bucket a request counts against. */
export function bucketOf(method: string, pathname: string): BucketName {
  const p = pathname.replace(/\/+$/, '');
  if (p === '/oauth2/v1/token') return 'token';
  if (p.startsWith('/oauth2/v1/clients')) return 'clients';
  if (p === '/api/v1/users') return 'users';
  if (/^\/api\/v1\/users\/[^/]+$/.test(p)) return method === 'GET' ? 'user' : 'other';
  if (p === '/api/v1/groups') return 'groups';
  if (/^\/api\/v1\/groups\/[^/]+$/.test(p)) return 'group';
  if (/^\/api\/v1\/apps\/[^/]+$/.test(p)) return 'app';
  if (p === '/api/v1/apps' || p.startsWith('/api/v1/apps/')) return 'apps';
  if (p === '/api/v1/logs') return 'logs';
  return 'other';
}

/** Seconds ahead of a concurrency 429's estimated X-Rate-Limit-Reset. */
export const CONCURRENCY_RESET_ESTIMATE_SECONDS = 60;

/**
 * A concurrency 429 as Okta sends it: Limit and Remaining 0 and an estimated reset, though the
 * refusal clears as soon as one of the org's requests in flight finishes.
 */
export function concurrencyLimitHeaders(
  resetSeconds = CONCURRENCY_RESET_ESTIMATE_SECONDS,
  now = Date.now(),
): Record<string, string> {
  return {
    'X-Rate-Limit-Limit': '0',
    'X-Rate-Limit-Remaining': '0',
    'X-Rate-Limit-Reset': String(Math.ceil(now / 1000) + resetSeconds),
  };
}

interface Window {
  start: number;
  count: number;
}

export interface LimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private readonly windows = new Map<BucketName, Window>();
  private readonly options: RateLimitOptions | undefined;

  /**
   * `oktaConcurrencyHeaders` (the concurrency-429 variant): a request over the concurrency cap gets
   * Okta's concurrency headers; otherwise it gets its bucket's window headers.
   */
  constructor(
    options: Partial<RateLimitOptions> | false | undefined,
    private readonly oktaConcurrencyHeaders = false,
  ) {
    this.options =
      options === false
        ? undefined
        : {
            buckets: options?.buckets ?? {},
            concurrency: options?.concurrency ?? 75,
            windowMs: options?.windowMs ?? 60_000,
          };
  }

  limitOf(bucket: BucketName): number {
    return this.options?.buckets[bucket] ?? OKTA_WORKFORCE_LIMITS[bucket];
  }

  private window(bucket: BucketName, now: number): Window {
    const windowMs = this.options?.windowMs ?? 60_000;
    let w = this.windows.get(bucket);
    if (!w || now >= w.start + windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(bucket, w);
    }
    return w;
  }

  private headers(bucket: BucketName, w: Window): Record<string, string> {
    const limit = this.limitOf(bucket);
    const windowMs = this.options?.windowMs ?? 60_000;
    return {
      'X-Rate-Limit-Limit': String(limit),
      'X-Rate-Limit-Remaining': String(Math.max(0, limit - w.count)),
      'X-Rate-Limit-Reset': String(Math.ceil((w.start + windowMs) / 1000)),
    };
  }

  /** Counts one request against its bucket (and the in-flight count, which includes it). */
  admit(bucket: BucketName, inFlight: number, now = Date.now()): LimitVerdict {
    const w = this.window(bucket, now);
    if (!this.options) {
      w.count++;
      return { allowed: true, headers: this.headers(bucket, w) };
    }
    if (inFlight > this.options.concurrency) {
      const headers = this.oktaConcurrencyHeaders
        ? concurrencyLimitHeaders(undefined, now)
        : this.headers(bucket, w);
      return { allowed: false, headers };
    }
    if (w.count >= this.limitOf(bucket)) return { allowed: false, headers: this.headers(bucket, w) };
    w.count++;
    return { allowed: true, headers: this.headers(bucket, w) };
  }

  reset(): void {
    this.windows.clear();
  }
}
