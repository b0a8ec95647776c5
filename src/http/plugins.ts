import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Caller } from '../context.ts';
import { type ApiKeySet, authenticate, unauthenticatedResponse } from './auth.ts';
import { requestIdOf } from './logging.ts';
import type { GatewayMetrics } from './metrics.ts';

/** What the HTTP layer learns about a request before GraphQL sees it. */
export interface RequestInfo {
  requestId: string;
  startedAt: number;
  caller: Caller;
}

/** Per-request facts keyed by the Request object (yoga hands the same object to every hook). */
export const requestInfo = new WeakMap<Request, RequestInfo>();

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';
export const METRICS_PATH = '/metrics';

const isGraphiqlPage = (request: Request, url: URL) =>
  request.method === 'GET' &&
  !url.searchParams.has('query') &&
  (request.headers.get('accept') ?? '').includes('text/html');

/**
 * Request id, API-key check, access log and HTTP metrics. With keys configured every path but
 * /healthz needs `Authorization: Bearer <key>`; the GraphiQL page itself (static HTML, no data)
 * opens without one so a person can paste the key into its headers editor.
 */
export function useGatewayHttp(options: {
  logger: Logger;
  metrics: GatewayMetrics;
  apiKeys: ApiKeySet | null;
  graphqlPath: string;
}): Plugin {
  const { logger, metrics, apiKeys, graphqlPath } = options;
  return {
    onRequest({ request, url, endResponse }) {
      const info: RequestInfo = {
        requestId: requestIdOf(request.headers.get('x-request-id')),
        startedAt: performance.now(),
        caller: { keyFingerprint: null },
      };
      requestInfo.set(request, info);
      if (!apiKeys || url.pathname === HEALTH_PATH) return;
      if (url.pathname === graphqlPath && isGraphiqlPage(request, url)) return;
      const caller = authenticate(apiKeys, request.headers.get('authorization'));
      if (!caller) {
        const reason = request.headers.has('authorization')
          ? 'The API key is not accepted'
          : 'An API key is required';
        endResponse(unauthenticatedResponse(`${reason}: send Authorization: Bearer <key>`));
        return;
      }
      info.caller = caller;
    },
    onResponse({ request, response }) {
      const info = requestInfo.get(request);
      const url = new URL(request.url);
      const seconds = info ? (performance.now() - info.startedAt) / 1000 : 0;
      const path = [graphqlPath, HEALTH_PATH, READY_PATH, METRICS_PATH].includes(url.pathname)
        ? url.pathname
        : 'other';
      metrics.request(path, request.method, response.status, seconds);
      if (info) response.headers.set('x-request-id', info.requestId);
      logger.info(
        {
          requestId: info?.requestId,
          method: request.method,
          path: url.pathname,
          status: response.status,
          ms: Math.round(seconds * 1000),
          caller: info?.caller.keyFingerprint ?? undefined,
        },
        'request',
      );
    },
  };
}

/** GET /metrics in Prometheus text format. */
export function useMetricsEndpoint(metrics: GatewayMetrics): Plugin {
  return {
    async onRequest({ url, request, endResponse }) {
      if (url.pathname !== METRICS_PATH || request.method !== 'GET') return;
      endResponse(
        new Response(await metrics.render(), {
          status: 200,
          headers: { 'content-type': metrics.registry.contentType },
        }),
      );
    },
  };
}

const SAFE_CONTENT_TYPES = ['application/json', 'application/graphql-response+json'];

/**
 * CSRF prevention: a POST must carry a JSON content type, which a browser cannot send across
 * origins without a preflight (that CORS, off here, would refuse). GET runs queries only, and
 * the schema has no mutation.
 */
export function useCsrfPrevention(graphqlPath: string): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'POST' || url.pathname !== graphqlPath) return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (SAFE_CONTENT_TYPES.includes(type)) return;
      endResponse(
        new Response(
          JSON.stringify({
            errors: [
              {
                message: 'POST requests need Content-Type: application/json',
                extensions: { code: 'BAD_REQUEST' },
              },
            ],
          }),
          { status: 415, headers: { 'content-type': 'application/json; charset=utf-8' } },
        ),
      );
    },
  };
}

/** Counts the GraphQL errors callers receive, by extensions.code, after masking. */
export function useErrorMetrics(metrics: GatewayMetrics): Plugin {
  return {
    onResultProcess({ result }) {
      const results = Array.isArray(result) ? result : [result];
      for (const r of results) {
        const errors = (r as { errors?: readonly { extensions?: Record<string, unknown> }[] }).errors ?? [];
        for (const e of errors) metrics.graphqlError(String(e.extensions?.['code'] ?? 'UNKNOWN'));
      }
    },
  };
}
