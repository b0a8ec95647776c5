/**
 * The only importer of @okta/okta-sdk-nodejs. Builds an SDK client with its cache off and our own
 * request executor (read-only, concurrency-capped, rate-limit aware), in API-token or OAuth 2.0
 * service-app mode, and adds a raw GET helper for what the SDK does not wrap.
 */
import okta from '@okta/okta-sdk-nodejs';
import { call } from './calls.ts';
import { toUpstreamError, UpstreamError } from './errors.ts';
import { type BufferedResponse, RateAwareFetcher, type SdkRequest } from './executor.ts';
import { noopMetrics, type UpstreamMetrics } from './metrics.ts';
import type { RateBudget } from './rate-budget.ts';

export type OktaCredentials =
  | { mode: 'apiToken'; token: string }
  | {
      mode: 'privateKey';
      clientId: string;
      scopes: string[];
      /** PEM (PKCS#1 or PKCS#8) or a JWK as JSON. */
      privateKey: string;
      keyId?: string;
    };

export interface OktaClientOptions {
  /** https://acme.okta.com or http://127.0.0.1:PORT (no path). */
  orgUrl: string;
  credentials: OktaCredentials;
  /** Most requests in flight at once. Default 20 (well under Okta's 75). */
  maxConcurrency?: number;
  /** Per attempt, in ms. Default 15000. */
  requestTimeoutMs?: number;
  /** Longest wait for a rate limit, in ms; a 429 whose reset is further away fails fast with UPSTREAM_RATE_LIMITED. Default 10000. */
  maxRateLimitWaitMs?: number;
  /** Share of each rate-limit bucket left for the org's other integrations, 0..0.5. Default 0.1. */
  rateLimitReserve?: number;
  /** Retries for GETs after 5xx, network errors and short 429s, with jittered backoff. Default 3. */
  retries?: number;
  /** Counters sink (see metrics.ts). */
  metrics?: UpstreamMetrics;
  /** The Okta budget shared with other replicas (src/okta/shared); default: this process's own. */
  budget?: RateBudget;
}

export type OktaSdkClient = InstanceType<typeof okta.Client>;

/** A JSON answer of the raw GET helper, with the headers the pagination needs. */
export interface RawJsonResponse {
  body: unknown;
  headers: Headers;
}

export interface OktaClient {
  /** The SDK client; its typed APIs (userApi, groupApi, ...) go through our executor. */
  readonly sdk: OktaSdkClient;
  /** Org base URL without a trailing slash. */
  readonly orgUrl: string;
  /** The OAuth client id in service-app mode; null with an API token. */
  readonly ownClientId: string | null;
  readonly metrics: UpstreamMetrics;
  /** Requests in flight right now. */
  inFlight(): number;
  /** The in-flight cap in force (lowered for a while after a concurrency 429) and the configured one. */
  concurrencyCap(): { current: number; max: number };
  /**
   * GET a path (`/oauth2/v1/clients?limit=200`) or an absolute URL on the org, authenticated,
   * through the executor. Failures become UpstreamError.
   */
  getJson(pathOrUrl: string): Promise<RawJsonResponse>;
}

class GatewayRequestExecutor extends okta.RequestExecutor {
  constructor(private readonly fetcher: RateAwareFetcher) {
    super();
  }
  // The SDK types this with node-fetch's Response; ours has the same members the SDK reads.
  override fetch(request: Parameters<okta.RequestExecutor['fetch']>[0]) {
    return this.fetcher.fetch(request as unknown as SdkRequest) as unknown as ReturnType<
      okta.RequestExecutor['fetch']
    >;
  }
}

export function createOktaClient(options: OktaClientOptions): OktaClient {
  const orgUrl = options.orgUrl.replace(/\/+$/, '');
  const metrics = options.metrics ?? noopMetrics;
  const fetcher = new RateAwareFetcher({
    metrics,
    ...(options.maxConcurrency !== undefined && { maxConcurrency: options.maxConcurrency }),
    ...(options.requestTimeoutMs !== undefined && { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.maxRateLimitWaitMs !== undefined && { maxRateLimitWaitMs: options.maxRateLimitWaitMs }),
    ...(options.retries !== undefined && { retries: options.retries }),
    ...(options.rateLimitReserve !== undefined && { rateLimitReserve: options.rateLimitReserve }),
    ...(options.budget !== undefined && { budget: options.budget }),
  });
  const creds = options.credentials;
  const common = { orgUrl, cacheMiddleware: null, requestExecutor: new GatewayRequestExecutor(fetcher) };
  const config =
    creds.mode === 'apiToken'
      ? { ...common, authorizationMode: 'SSWS', token: creds.token }
      : {
          ...common,
          authorizationMode: 'PrivateKey',
          clientId: creds.clientId,
          scopes: creds.scopes,
          privateKey: creds.privateKey,
          ...(creds.keyId !== undefined && { keyId: creds.keyId }),
        };
  let sdk: OktaSdkClient;
  try {
    sdk = new okta.Client(config as ConstructorParameters<typeof okta.Client>[0]);
  } catch (err) {
    throw toUpstreamError(err, 'configuring the Okta client');
  }
  if (sdk.oauth) guardTokenRequests(sdk.oauth);

  return {
    sdk,
    orgUrl,
    ownClientId: creds.mode === 'privateKey' ? creds.clientId : null,
    metrics,
    inFlight: () => fetcher.inFlight,
    concurrencyCap: () => ({ current: fetcher.currentCap, max: fetcher.maxConcurrency }),
    async getJson(pathOrUrl) {
      const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${orgUrl}${pathOrUrl}`;
      return call(`GET ${new URL(url).pathname}`, async () => {
        const request = { method: 'get', headers: { Accept: 'application/json' } };
        const res = (await sdk.http.http(
          url,
          request as Parameters<OktaSdkClient['http']['http']>[1],
        )) as unknown as BufferedResponse;
        return { body: await res.json(), headers: res.headers };
      });
    },
  };
}

interface TokenSource {
  accessToken: unknown;
  clearCachedAccessToken(): void;
  getAccessToken(nonce?: string | null): Promise<unknown>;
}

/**
 * Two fixes around the SDK's token fetch: it starts a token request for every API request that
 * begins before the first token lands (we share one), and it never checks the token answer
 * (its error filter is undefined there), so a refused token request becomes `Bearer undefined`.
 */
function guardTokenRequests(oauth: object): void {
  const source = oauth as TokenSource;
  const original = source.getAccessToken.bind(source);
  const checked = async (nonce?: string | null) => {
    const answer = (await original(nonce)) as {
      access_token?: unknown;
      error?: unknown;
      error_description?: unknown;
    };
    if (typeof answer?.access_token === 'string' && answer.access_token) return answer;
    source.clearCachedAccessToken();
    const reason = [answer?.error, answer?.error_description].filter((x) => typeof x === 'string').join(': ');
    // invalid_client: Okta does not accept the key or client id; anything else (invalid_scope): the
    // credential is known but may not have what it asked for. Either way no read can be made.
    const error = typeof answer?.error === 'string' ? answer.error : undefined;
    const summary = typeof answer?.error_description === 'string' ? answer.error_description : undefined;
    throw new UpstreamError(
      error === 'invalid_client' ? 'UPSTREAM_UNAUTHENTICATED' : 'UPSTREAM_FORBIDDEN',
      `POST /oauth2/v1/token: refused (${reason || 'no access token'})`,
      {
        credentialRejected: true,
        ...(error !== undefined && { oktaErrorCode: error }),
        ...(summary !== undefined && { oktaErrorSummary: summary }),
      },
    );
  };
  let pending: Promise<unknown> | null = null;
  source.getAccessToken = (nonce) => {
    if (source.accessToken || nonce) return checked(nonce);
    pending ??= checked().finally(() => {
      pending = null;
    });
    return pending;
  };
}
