/**
 * Every Okta or HTTP failure becomes an UpstreamError here, in one place, with a stable code the
 * GraphQL layer can put in `extensions.code`. Messages name the request (method, path, ids) and
 * never carry a credential: anything wrapped is scrubbed first.
 */

export type UpstreamErrorCode =
  | 'NOT_FOUND'
  | 'UPSTREAM_FORBIDDEN'
  | 'UPSTREAM_RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_ERROR';

export interface UpstreamErrorDetails {
  status?: number;
  oktaErrorCode?: string;
  /** How long Okta asked us to wait before trying again, in ms. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class UpstreamError extends Error {
  readonly code: UpstreamErrorCode;
  readonly status?: number;
  readonly oktaErrorCode?: string;
  readonly retryAfterMs?: number;

  constructor(code: UpstreamErrorCode, message: string, details: UpstreamErrorDetails = {}) {
    super(scrubSecrets(message));
    this.name = 'UpstreamError';
    this.code = code;
    if (details.status !== undefined) this.status = details.status;
    if (details.oktaErrorCode !== undefined) this.oktaErrorCode = details.oktaErrorCode;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

const SECRET_PATTERNS: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(SSWS|Bearer|DPoP)\s+[A-Za-z0-9\-._~+/=]+/gi,
  /\b(client_assertion|access_token|id_token|refresh_token)=[^&\s]+/gi,
  /"(d|p|q|dp|dq|qi|access_token|client_assertion)"\s*:\s*"[^"]*"/g,
  // A bare JWT (three base64url parts).
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
];

/** Removes API tokens, bearer tokens, JWTs and private-key material from a string. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, first: unknown) => {
      if (match.startsWith('-----BEGIN')) return '[private key redacted]';
      if (typeof first === 'string' && /^(SSWS|Bearer|DPoP)$/i.test(first)) return `${first} [redacted]`;
      if (match.startsWith('"')) return match.replace(/:\s*"[^"]*"/, ': "[redacted]"');
      if (match.includes('=')) return `${match.slice(0, match.indexOf('='))}=[redacted]`;
      return '[redacted]';
    });
  }
  return out;
}

function codeForStatus(status: number): UpstreamErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 401 || status === 403) return 'UPSTREAM_FORBIDDEN';
  if (status === 429) return 'UPSTREAM_RATE_LIMITED';
  if (status >= 500) return 'UPSTREAM_UNAVAILABLE';
  return 'UPSTREAM_ERROR';
}

interface ErrorLike {
  status?: unknown;
  code?: unknown;
  errorCode?: unknown;
  errorSummary?: unknown;
  message?: unknown;
  body?: unknown;
  name?: unknown;
}

function readStatus(err: ErrorLike): number | undefined {
  if (typeof err.status === 'number') return err.status;
  // The SDK's generated ApiException carries the HTTP status in `code`.
  if (typeof err.code === 'number') return err.code;
  if (typeof err.status === 'string' && /^\d{3}$/.test(err.status)) return Number(err.status);
  return undefined;
}

function readOktaErrorCode(err: ErrorLike): string | undefined {
  if (typeof err.errorCode === 'string') return err.errorCode;
  const body = err.body as { errorCode?: unknown } | undefined;
  if (body && typeof body.errorCode === 'string') return body.errorCode;
  return undefined;
}

function readSummary(err: ErrorLike): string {
  if (typeof err.errorSummary === 'string' && err.errorSummary) return err.errorSummary;
  const body = err.body as { errorSummary?: unknown } | undefined;
  if (body && typeof body.errorSummary === 'string') return body.errorSummary;
  return typeof err.message === 'string' ? err.message : String(err);
}

/** ms until X-Rate-Limit-Reset (epoch seconds) on the error's response headers, if any. */
function retryAfterOf(err: ErrorLike): number | undefined {
  const headers = (err as { headers?: unknown }).headers;
  let reset: unknown;
  if (headers && typeof (headers as Headers).get === 'function')
    reset = (headers as Headers).get('x-rate-limit-reset');
  else if (headers && typeof headers === 'object')
    reset = (headers as Record<string, unknown>)['x-rate-limit-reset'];
  const seconds = Number(reset);
  return Number.isFinite(seconds) && seconds > 0 ? Math.max(0, seconds * 1000 - Date.now()) : undefined;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Maps anything thrown while talking to Okta into an UpstreamError. `context` names the request
 * (e.g. `GET /api/v1/users/00u1`) and must never contain a token.
 */
export function toUpstreamError(err: unknown, context: string): UpstreamError {
  if (err instanceof UpstreamError) return err;
  if (typeof err !== 'object' || err === null) {
    return new UpstreamError('UPSTREAM_ERROR', `${context}: ${String(err)}`, { cause: err });
  }
  const e = err as ErrorLike;
  const status = readStatus(e);
  const oktaErrorCode = readOktaErrorCode(e);
  const summary = readSummary(e);
  if (status !== undefined) {
    const details: UpstreamErrorDetails = { status, cause: err };
    if (oktaErrorCode !== undefined) details.oktaErrorCode = oktaErrorCode;
    if (status === 429) {
      const retryAfterMs = retryAfterOf(e);
      if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
    }
    const codeText = oktaErrorCode ? ` ${oktaErrorCode}` : '';
    return new UpstreamError(
      codeForStatus(status),
      `${context}: HTTP ${status}${codeText} ${summary}`.trim(),
      details,
    );
  }
  const causeCode = (e as { cause?: { code?: unknown } }).cause?.code;
  const isNetwork =
    e.name === 'AbortError' ||
    e.name === 'TimeoutError' ||
    (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) ||
    (typeof causeCode === 'string' && NETWORK_CODES.has(causeCode)) ||
    (typeof e.message === 'string' && /fetch failed|socket hang up|network/i.test(e.message));
  return new UpstreamError(isNetwork ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_ERROR', `${context}: ${summary}`, {
    cause: err,
  });
}

/** True when the error means "Okta does not know this id". */
export function isNotFound(err: unknown): boolean {
  return err instanceof UpstreamError ? err.code === 'NOT_FOUND' : readStatus(err as ErrorLike) === 404;
}
