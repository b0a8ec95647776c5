/**
 * The HTTP engine under the SDK: read-only, concurrency-capped, rate-limit aware. client.ts
 * plugs it into the SDK as its request executor; it imports nothing from the SDK.
 */
import { UpstreamError } from './errors.ts';
import type { UpstreamMetrics } from './metrics.ts';
import type { BudgetVerdict, RateBudget } from './rate-budget.ts';

export interface ExecutorOptions {
  /** Most requests in flight at once. Default 20 (Okta's org-wide concurrency limit is 75). */
  maxConcurrency?: number;
  /** Per attempt, headers and body, in ms. Default 15000. */
  requestTimeoutMs?: number;
  /** Longest we sleep for a rate limit, in ms; a later reset fails fast. Default 10000. */
  maxRateLimitWaitMs?: number;
  /**
   * Share of each rate-limit bucket left untouched for the org's other integrations: once a
   * bucket's remaining count falls to it, requests wait for the window like at zero. 0..0.5,
   * default 0.1.
   */
  rateLimitReserve?: number;
  /** Retries for a GET after a 5xx, a network error or a short 429. Default 3. */
  retries?: number;
  /** First backoff step in ms, doubled per retry with full jitter. Default 100. */
  backoffBaseMs?: number;
  /**
   * Retries after a concurrency 429 (the org has too many requests in flight), each after a short
   * jittered pause; such a 429 clears as soon as one of the org's requests finishes. Default 10.
   */
  concurrencyRetries?: number;
  /**
   * A budget shared with other replicas (src/okta/shared/shared-budget.ts): each bucket's window
   * and the org's requests in flight, on top of this process's own. Default none: this process's
   * own state is the whole budget.
   */
  budget?: RateBudget;
  metrics: UpstreamMetrics;
}

/** What the SDK hands to `requestExecutor.fetch` (a RequestOptions or a RequestContext). */
export interface SdkRequest {
  url: string;
  method?: string;
  headers?: Record<string, string | undefined>;
  body?: unknown;
}

/** The subset of node-fetch's Response the SDK reads; the body is already buffered. */
export interface BufferedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly headers: Headers;
  text(): Promise<string>;
  json(): Promise<unknown>;
  buffer(): Promise<Buffer>;
}

const TOKEN_PATH = '/oauth2/v1/token';
const PATH_WORDS = new Set([
  'api',
  'v1',
  'oauth2',
  'users',
  'groups',
  'apps',
  'roles',
  'targets',
  'catalog',
  'clients',
  'iam',
  'resource-sets',
  'bindings',
  'members',
  'resources',
  'permissions',
  'assignees',
  'grants',
  'me',
  'org',
  'token',
  'logs',
  '.well-known',
  'okta-organization',
]);

/** The rate-limit bucket of a URL: its path with ids replaced by `{id}`, no query. */
export function bucketOf(url: string): string {
  const path = new URL(url, 'http://x').pathname;
  return path
    .split('/')
    .map((seg) => (seg === '' || PATH_WORDS.has(seg) ? seg : '{id}'))
    .join('/');
}

interface BucketState {
  remaining: number;
  limit: number;
  /** Epoch ms when the window resets. */
  resetAt: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RateAwareFetcher {
  readonly maxConcurrency: number;
  private readonly timeoutMs: number;
  private readonly maxWaitMs: number;
  private readonly reserve: number;
  private readonly retries: number;
  private readonly backoffBaseMs: number;
  private readonly metrics: UpstreamMetrics;
  private readonly concurrencyRetries: number;
  private readonly budget: RateBudget | undefined;
  private readonly buckets = new Map<string, BucketState>();
  private readonly queue: (() => void)[] = [];
  private active = 0;
  /** The in-flight cap in force: halved by a concurrency 429, grown back by one a second. */
  private cap: number;
  private capLoweredAt = 0;

  constructor(options: ExecutorOptions) {
    this.maxConcurrency = options.maxConcurrency ?? 20;
    this.timeoutMs = options.requestTimeoutMs ?? 15_000;
    this.maxWaitMs = options.maxRateLimitWaitMs ?? 10_000;
    this.reserve = Math.min(0.5, Math.max(0, options.rateLimitReserve ?? 0.1));
    this.retries = options.retries ?? 3;
    this.backoffBaseMs = options.backoffBaseMs ?? 100;
    this.concurrencyRetries = options.concurrencyRetries ?? 10;
    this.metrics = options.metrics;
    this.budget = options.budget;
    this.cap = this.maxConcurrency;
  }

  /** Requests in flight right now (for tests and diagnostics). */
  get inFlight(): number {
    return this.active;
  }

  async fetch(request: SdkRequest): Promise<BufferedResponse> {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url);
    const isTokenPost = method === 'POST' && url.pathname === TOKEN_PATH;
    if (method !== 'GET' && !isTokenPost) {
      // Refused before anything is sent: the gateway never writes to Okta.
      throw new UpstreamError(
        'UPSTREAM_ERROR',
        `refused ${method} ${url.pathname}: the gateway is read-only`,
      );
    }
    const bucket = bucketOf(request.url);
    const maxAttempts = method === 'GET' ? this.retries + 1 : 1;
    let concurrencyRetries = 0;
    let budgetWaitMs = 0;
    for (let attempt = 1; ; attempt++) {
      await this.waitForBucket(bucket);
      let outcome: BufferedResponse | BudgetVerdict;
      try {
        outcome = await this.withSlot(
          () => this.sendWithinBudget(method, request, bucket),
          url.searchParams.has('after'),
        );
      } catch (err) {
        if (attempt >= maxAttempts) {
          const reason = err instanceof Error ? err.message : String(err);
          throw new UpstreamError('UPSTREAM_UNAVAILABLE', `${method} ${url.pathname}: ${reason}`, {
            cause: err,
          });
        }
        await this.backoff(bucket, attempt);
        continue;
      }
      if ('waitMs' in outcome) {
        budgetWaitMs = await this.waitForBudget(bucket, outcome, budgetWaitMs);
        attempt--;
        continue;
      }
      const response = outcome;
      if (response.status === 429 && isConcurrency429(response)) {
        // Its reset is only Okta's estimate: the slot frees when any request of the org finishes.
        this.lowerCap();
        if (concurrencyRetries >= this.concurrencyRetries) {
          throw new UpstreamError(
            'UPSTREAM_RATE_LIMITED',
            `${method} ${url.pathname}: Okta's limit on requests in flight for the org stayed reached after ${concurrencyRetries} retries`,
            { status: 429 },
          );
        }
        concurrencyRetries++;
        attempt--;
        this.metrics.retry(bucket);
        const pause = 50 + Math.floor(Math.random() * 200);
        this.metrics.wait(bucket, pause);
        await sleep(pause);
        continue;
      }
      if (response.status === 429) {
        const limit = Number(response.headers.get('x-rate-limit-limit'));
        this.metrics.rateLimitRemaining(bucket, 0, Number.isFinite(limit) ? limit : 0);
        const delayMs = this.rateLimitDelayMs(response);
        if (this.budget && Number.isFinite(limit) && limit > 0) {
          this.budget.observe(bucket, { limit, remaining: 0, resetAt: Date.now() + delayMs });
        }
        if (delayMs > this.maxWaitMs) {
          throw new UpstreamError(
            'UPSTREAM_RATE_LIMITED',
            `${method} ${url.pathname}: Okta rate limit reached for ${bucket}; it resets in ${Math.ceil(delayMs / 1000)} s`,
            { status: 429, retryAfterMs: delayMs },
          );
        }
        if (attempt >= maxAttempts) return response;
        this.metrics.retry(bucket);
        const jittered = delayMs + Math.floor(Math.random() * 100);
        this.metrics.wait(bucket, jittered);
        await sleep(jittered);
        continue;
      }
      if (response.status >= 500 && attempt < maxAttempts) {
        await this.backoff(bucket, attempt);
        continue;
      }
      return response;
    }
  }

  private async backoff(bucket: string, attempt: number): Promise<void> {
    this.metrics.retry(bucket);
    const cap = Math.min(2_000, this.backoffBaseMs * 2 ** (attempt - 1));
    const ms = Math.floor(cap / 2 + Math.random() * (cap / 2));
    this.metrics.wait(bucket, ms);
    await sleep(ms);
  }

  /** Waits out an exhausted bucket (down to its reserve) if its reset is near; fails fast if it is not. */
  private async waitForBucket(bucket: string): Promise<void> {
    const state = this.buckets.get(bucket);
    if (!state || state.remaining > Math.floor(state.limit * this.reserve)) return;
    const waitMs = state.resetAt - Date.now();
    if (waitMs <= 0) return;
    if (waitMs > this.maxWaitMs) {
      throw new UpstreamError(
        'UPSTREAM_RATE_LIMITED',
        `Okta rate limit for ${bucket} is down to its reserve (${state.remaining} of ${state.limit} left); it resets in ${Math.ceil(waitMs / 1000)} s`,
        { retryAfterMs: waitMs },
      );
    }
    this.metrics.wait(bucket, waitMs);
    await sleep(waitMs);
  }

  /**
   * With a shared budget, takes the request from its bucket's window once it holds a slot, just
   * before sending: requests waiting in line spend nothing, so no more than the requests in flight
   * can be sent on a count that answers have not corrected yet.
   */
  private async sendWithinBudget(
    method: string,
    request: SdkRequest,
    bucket: string,
  ): Promise<BufferedResponse | BudgetVerdict> {
    if (this.budget) {
      const verdict = await this.budget.spend(bucket);
      if (verdict.waitMs > 0) return verdict;
    }
    return this.send(method, request, bucket);
  }

  /**
   * Sleeps out a shared window down to its reserve (its slot given back meanwhile); fails fast
   * when the reset, or all the waiting so far, is past the wait cap. Returns the waiting so far.
   */
  private async waitForBudget(bucket: string, verdict: BudgetVerdict, waitedMs: number): Promise<number> {
    if (waitedMs + verdict.waitMs > this.maxWaitMs) {
      throw new UpstreamError(
        'UPSTREAM_RATE_LIMITED',
        `Okta rate limit for ${bucket} is down to its reserve across the gateway's replicas (${verdict.remaining} of ${verdict.limit} left); it resets in ${Math.ceil(verdict.waitMs / 1000)} s`,
        { retryAfterMs: verdict.waitMs },
      );
    }
    this.metrics.wait(bucket, verdict.waitMs);
    await sleep(verdict.waitMs);
    return waitedMs + verdict.waitMs;
  }

  private rateLimitDelayMs(response: BufferedResponse): number {
    const reset = Number(response.headers.get('x-rate-limit-reset'));
    if (!Number.isFinite(reset) || reset <= 0) return 1_000;
    // Okta's reset is epoch seconds by its own clock; measure against its Date header when given.
    const dateHeader = response.headers.get('date');
    const serverNow = dateHeader ? Date.parse(dateHeader) : Number.NaN;
    const now = Number.isFinite(serverNow) ? serverNow : Date.now();
    return Math.max(0, reset * 1000 - now) + 250;
  }

  /** The in-flight cap in force right now (for tests and diagnostics). */
  get currentCap(): number {
    this.regrowCap();
    return this.cap;
  }

  private lowerCap(): void {
    this.budget?.concurrencyRefused();
    this.regrowCap();
    this.cap = Math.max(1, Math.floor(this.cap / 2));
    this.capLoweredAt = Date.now();
  }

  /** One more slot per second since the cap was last lowered, up to maxConcurrency. */
  private regrowCap(): void {
    if (this.cap >= this.maxConcurrency) return;
    const seconds = Math.floor((Date.now() - this.capLoweredAt) / 1000);
    if (seconds <= 0) return;
    this.cap = Math.min(this.maxConcurrency, this.cap + seconds);
    this.capLoweredAt += seconds * 1000;
  }

  /**
   * Runs `work` in an in-flight slot, waiting in line for one. A next page (`urgent`) goes to the
   * front of the line: it is a step of a chain that nothing else can shorten.
   */
  private async withSlot<T>(work: () => Promise<T>, urgent = false): Promise<T> {
    this.regrowCap();
    while (this.active >= this.cap) {
      await new Promise<void>((resolve) => (urgent ? this.queue.unshift(resolve) : this.queue.push(resolve)));
      this.regrowCap();
    }
    this.active++;
    let release: (() => void) | undefined;
    try {
      if (this.budget) release = await this.budget.slot(urgent);
      return await work();
    } finally {
      release?.();
      this.active--;
      this.regrowCap();
      const free = Math.max(1, this.cap - this.active);
      for (const wake of this.queue.splice(0, free)) wake();
    }
  }

  private async send(method: string, request: SdkRequest, bucket: string): Promise<BufferedResponse> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (value !== undefined && value !== null) headers.set(name, String(value));
    }
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`timed out after ${this.timeoutMs} ms`)),
      this.timeoutMs,
    );
    const started = performance.now();
    try {
      const init: RequestInit = { method, headers, signal: controller.signal, redirect: 'manual' };
      if (method !== 'GET' && typeof request.body === 'string') init.body = request.body;
      const res = await fetch(request.url, init);
      const body = Buffer.from(await res.arrayBuffer());
      this.metrics.request(bucket, res.status, performance.now() - started);
      // A 429's headers describe the refusal (a concurrency 429 names a far reset that is not a
      // window), so only answered requests update the bucket.
      if (res.status !== 429) this.track(bucket, res.headers);
      return buffered(res, body);
    } catch (err) {
      this.metrics.request(bucket, 'network', performance.now() - started);
      throw controller.signal.aborted ? controller.signal.reason : err;
    } finally {
      clearTimeout(timer);
    }
  }

  private track(bucket: string, headers: Headers): void {
    const limit = Number(headers.get('x-rate-limit-limit'));
    const remaining = Number(headers.get('x-rate-limit-remaining'));
    const reset = Number(headers.get('x-rate-limit-reset'));
    if (!headers.has('x-rate-limit-remaining') || !Number.isFinite(remaining)) return;
    this.buckets.set(bucket, { remaining, limit, resetAt: Number.isFinite(reset) ? reset * 1000 : 0 });
    if (Number.isFinite(limit) && Number.isFinite(reset)) {
      this.budget?.observe(bucket, { limit, remaining, resetAt: reset * 1000 });
    }
    this.metrics.rateLimitRemaining(bucket, remaining, Number.isFinite(limit) ? limit : 0);
  }
}

/**
 * A 429 for too many requests in flight, not an exhausted window: Okta sends it with
 * X-Rate-Limit-Limit 0 (and Remaining 0); a 429 that still shows requests left in the window is
 * one too.
 */
export function isConcurrency429(response: { headers: Headers }): boolean {
  const limit = response.headers.get('x-rate-limit-limit');
  const remaining = Number(response.headers.get('x-rate-limit-remaining'));
  return limit === '0' || (limit !== null && Number.isFinite(remaining) && remaining > 0);
}

function buffered(res: Response, body: Buffer): BufferedResponse {
  return {
    status: res.status,
    statusText: res.statusText,
    ok: res.ok,
    url: res.url,
    headers: res.headers,
    text: async () => body.toString('utf8'),
    json: async () => JSON.parse(body.toString('utf8')) as unknown,
    buffer: async () => body,
  };
}
