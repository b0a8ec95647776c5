/**
 * HTTP hardening around yoga: security headers, a request body cap, and a stable
 * `extensions.code` on every error a caller sees.
 */
import type { Plugin } from 'graphql-yoga';

/** Default cap on a request body, in bytes (the largest saved operation is under 2 KB). */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

/**
 * GraphiQL as @graphql-yoga/render-graphiql renders it: bundle, styles and bootstrap inline,
 * Monaco's workers started from blob: URLs, requests only to this origin. Nothing from a CDN.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Everything else is data: nothing may run, load or frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** nosniff, no referrer, no framing, a CSP on every response; no-store on every response but /healthz. */
export function useSecurityHeaders(options: { healthPath: string }): Plugin {
  return {
    onResponse({ request, response }) {
      const h = response.headers;
      const isHtml = (h.get('content-type') ?? '').startsWith('text/html');
      h.set('x-content-type-options', 'nosniff');
      h.set('referrer-policy', 'no-referrer');
      h.set('x-frame-options', 'DENY');
      h.set('content-security-policy', isHtml ? GRAPHIQL_CSP : API_CSP);
      h.set('cross-origin-opener-policy', 'same-origin');
      if (new URL(request.url).pathname !== options.healthPath) h.set('cache-control', 'no-store');
    },
  };
}

const tooLarge = (maxBytes: number) =>
  new Response(
    JSON.stringify({
      errors: [
        { message: `Request body is larger than ${maxBytes} bytes`, extensions: { code: 'BAD_REQUEST' } },
      ],
    }),
    { status: 413, headers: { 'content-type': 'application/json; charset=utf-8' } },
  );

/** True when the stream holds more than maxBytes; stops reading as soon as it does. */
async function exceeds(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<boolean> {
  const reader = body.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return true;
    }
  }
}

/**
 * 413 for a body over maxBytes: by Content-Length when given, else by reading a clone of a
 * chunked body up to the cap (so yoga never buffers more than that).
 */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    async onRequest({ request, endResponse }) {
      if (request.method !== 'POST' || !request.body) return;
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (Number(declared) > maxBytes) endResponse(tooLarge(maxBytes));
        return;
      }
      const copy = request.clone().body;
      if (copy && (await exceeds(copy, maxBytes))) endResponse(tooLarge(maxBytes));
    },
  };
}

interface MutableError {
  path?: unknown;
  extensions?: Record<string, unknown>;
}

/**
 * Every error gets a code: graphql-armor's limit rejections and graphql-js's "no mutation type"
 * carry none; an error without a path (the request, not a field, failed) gets
 * GRAPHQL_VALIDATION_FAILED, one with a path INTERNAL_SERVER_ERROR. Outside development the
 * `originalError` yoga attaches to request errors keeps only its name: the JSON parser's message
 * quotes the body.
 */
export function useStableErrorCodes(development: boolean): Plugin {
  return {
    onResultProcess({ result }) {
      const results = Array.isArray(result) ? result : [result];
      for (const r of results) {
        for (const e of ((r as { errors?: readonly MutableError[] }).errors ?? []) as MutableError[]) {
          const extensions = e.extensions ?? {};
          if (!e.extensions) e.extensions = extensions;
          extensions['code'] ??= e.path ? 'INTERNAL_SERVER_ERROR' : 'GRAPHQL_VALIDATION_FAILED';
          // yoga reads its presence to pick 400 over 200, so keep the name and drop the message.
          const original = extensions['originalError'] as { name?: unknown } | undefined;
          if (!development && original) extensions['originalError'] = { name: String(original.name) };
        }
      }
    },
  };
}
