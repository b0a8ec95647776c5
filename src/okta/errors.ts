/**
 * Every Okta or HTTP failure becomes an UpstreamError here, in one place, with a stable code the
 * GraphQL layer can put in `extensions.code`. Messages name the request (method, path, ids) and
 * never carry a credential: anything wrapped is scrubbed first.
 */

export type UpstreamErrorCode =
  | 'NOT_FOUND'
  | 'UPSTREAM_UNAUTHENTICATED'
  | 'UPSTREAM_FORBIDDEN'
  | 'UPSTREAM_RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_ERROR';

export interface UpstreamErrorDetails {
  status?: number;
  /** Okta's error code (E0000006, ...), or the OAuth error of a refused token request (invalid_client, ...). */
  oktaErrorCode?: string;
  /** Okta's errorSummary (or the OAuth error_description): Okta's words, shown to callers. */
  oktaErrorSummary?: string;
  /** How long Okta asked us to wait before trying again, in ms. */
  retryAfterMs?: number;
  /** A 403 whose WWW-Authenticate names error="insufficient_scope": the OAuth token lacks a scope. */
  scopeRefused?: boolean;
  /** Okta refused the credential itself (a 401, or a refused token request): nothing can be read. */
  credentialRejected?: boolean;
  /**
   * What was thrown (the SDK's error, a network error): kept as the error's `cause` for code to
   * read. Its message and stack, and those of its own causes, are scrubbed of secrets first,
   * since loggers print a cause chain (pino's err serializer appends each cause's message and stack).
   */
  cause?: unknown;
}

export class UpstreamError extends Error {
  readonly code: UpstreamErrorCode;
  readonly status?: number;
  readonly oktaErrorCode?: string;
  readonly oktaErrorSummary?: string;
  readonly retryAfterMs?: number;
  readonly scopeRefused: boolean;
  readonly credentialRejected: boolean;
  /** The network error code when Okta did not answer (ECONNREFUSED, ENOTFOUND, ...). */
  readonly networkCode?: string;

  constructor(code: UpstreamErrorCode, message: string, details: UpstreamErrorDetails = {}) {
    super(
      scrubSecrets(message),
      details.cause !== undefined ? { cause: scrubCauses(details.cause) } : undefined,
    );
    this.name = 'UpstreamError';
    this.code = code;
    const networkCode = networkCodeOf(details.cause);
    if (networkCode !== undefined) this.networkCode = networkCode;
    this.scopeRefused = details.scopeRefused === true;
    this.credentialRejected = details.credentialRejected === true || code === 'UPSTREAM_UNAUTHENTICATED';
    if (details.status !== undefined) this.status = details.status;
    if (details.oktaErrorCode !== undefined) this.oktaErrorCode = details.oktaErrorCode;
    if (details.oktaErrorSummary !== undefined)
      this.oktaErrorSummary = scrubSecrets(details.oktaErrorSummary);
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * Scrubs, in place, the message and stack of an error and of every cause along its chain: a
 * logger prints anything with a string `message` there. Returns the same error for code to read
 * (a string cause, scrubbed).
 */
function scrubCauses(cause: unknown): unknown {
  if (typeof cause === 'string') return scrubSecrets(cause);
  const seen = new Set<unknown>();
  for (let current = cause; typeof current === 'object' && current !== null && !seen.has(current); ) {
    seen.add(current);
    const error = current as { message?: unknown; stack?: unknown; cause?: unknown };
    for (const key of ['message', 'stack'] as const) {
      const value = error[key];
      if (typeof value !== 'string') continue;
      const scrubbed = scrubSecrets(value);
      if (scrubbed === value) continue;
      try {
        error[key] = scrubbed;
      } catch {
        // A frozen error cannot be scrubbed: the cause is dropped, and its secret with it.
        return undefined;
      }
    }
    current = error.cause;
  }
  return cause;
}

/** The first ECONNREFUSED-like code along an error's cause chain. */
function networkCodeOf(cause: unknown, depth = 0): string | undefined {
  if (typeof cause !== 'object' || cause === null || depth > 4) return undefined;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
  return networkCodeOf((cause as { cause?: unknown }).cause, depth + 1);
}

/**
 * Okta's answer in a few words, for callers and logs: `403 E0000006`, `401 E0000011`,
 * `invalid_client` (a refused token request), or what happened when Okta did not answer
 * (`ECONNREFUSED`).
 */
export function upstreamReason(err: UpstreamError): string {
  const parts = [err.status, err.oktaErrorCode].filter((p) => p !== undefined);
  if (parts.length > 0) return parts.join(' ');
  if (err.code === 'UPSTREAM_UNAVAILABLE') return err.networkCode ?? 'no answer (timeout or network error)';
  if (err.code === 'UPSTREAM_RATE_LIMITED') return '429 rate limited';
  return 'unexpected answer';
}

/**
 * The words for each failure, in one place for GraphQL and the CLI alike: `headline` starts a CLI
 * line (`Okta unreachable: GET /api/v1/users: ...`), `message` starts a GraphQL error's message.
 */
export const UPSTREAM_WORDS: Record<UpstreamErrorCode, { headline: string; message: string }> = {
  NOT_FOUND: { headline: 'Okta answered 404', message: 'Okta does not know the requested object' },
  UPSTREAM_UNAUTHENTICATED: {
    headline: "Okta rejected the gateway's credential",
    message: "Okta rejected the gateway's credential",
  },
  UPSTREAM_FORBIDDEN: {
    headline: 'Okta refused the credential for the read',
    message: "The gateway's Okta credential lacks the permission or scope for this read",
  },
  UPSTREAM_RATE_LIMITED: {
    headline: 'Okta rate limit reached',
    message: 'Okta rate limit reached; retry later',
  },
  UPSTREAM_UNAVAILABLE: {
    headline: 'Okta unreachable',
    message: 'Okta is unavailable or did not answer in time',
  },
  UPSTREAM_ERROR: { headline: 'Okta failed', message: 'Okta returned an unexpected answer' },
};

/**
 * What a caller reads for an upstream failure, naming Okta's error code:
 * `Okta rejected the gateway's credential: E0000011 Invalid token provided`,
 * `The gateway's Okta credential lacks ... (403 E0000006)`.
 */
export function upstreamMessage(error: UpstreamError): string {
  const base = UPSTREAM_WORDS[error.code].message;
  if (error.code === 'UPSTREAM_UNAUTHENTICATED') {
    const said = [error.oktaErrorCode, error.oktaErrorSummary].filter(Boolean).join(' ');
    return said ? `${base}: ${said}` : base;
  }
  const retry = error.retryAfterMs ? `; retry in ${Math.ceil(error.retryAfterMs / 1000)} s` : '';
  return `${base} (${upstreamReason(error)}${retry})`;
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
  if (status === 401) return 'UPSTREAM_UNAUTHENTICATED';
  if (status === 403) return 'UPSTREAM_FORBIDDEN';
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

/** Okta's own errorSummary, when the answer carried one. */
function readOktaSummary(err: ErrorLike): string | undefined {
  if (typeof err.errorSummary === 'string' && err.errorSummary) return err.errorSummary;
  const body = err.body as { errorSummary?: unknown } | undefined;
  if (body && typeof body.errorSummary === 'string') return body.errorSummary;
  return undefined;
}

function readSummary(err: ErrorLike): string {
  return readOktaSummary(err) ?? (typeof err.message === 'string' ? err.message : String(err));
}

/** A response header of the error (a Headers object, or a plain object from the SDK's generated APIs). */
function headerOf(err: ErrorLike, name: string): unknown {
  const headers = (err as { headers?: unknown }).headers;
  if (headers && typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  if (headers && typeof headers === 'object') return (headers as Record<string, unknown>)[name];
  return undefined;
}

/** ms until X-Rate-Limit-Reset (epoch seconds) on the error's response headers, if any. */
function retryAfterOf(err: ErrorLike): number | undefined {
  const reset = headerOf(err, 'x-rate-limit-reset');
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
    const oktaSummary = readOktaSummary(e);
    if (oktaSummary !== undefined) details.oktaErrorSummary = oktaSummary;
    if (status === 403) {
      const challenge = headerOf(e, 'www-authenticate');
      details.scopeRefused = typeof challenge === 'string' && /error="insufficient_scope"/.test(challenge);
    }
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
