import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/http/logging.ts';
import { scrubSecrets, toUpstreamError, UpstreamError, upstreamReason } from '../../src/okta/errors.ts';

describe('toUpstreamError', () => {
  it('maps HTTP statuses to the gateway codes', () => {
    const codeOf = (status: number) => toUpstreamError({ status, errorCode: 'E0000007' }, 'GET /x').code;
    expect(codeOf(404)).toBe('NOT_FOUND');
    expect(codeOf(403)).toBe('UPSTREAM_FORBIDDEN');
    expect(codeOf(401)).toBe('UPSTREAM_UNAUTHENTICATED');
    expect(codeOf(429)).toBe('UPSTREAM_RATE_LIMITED');
    expect(codeOf(503)).toBe('UPSTREAM_UNAVAILABLE');
    expect(codeOf(400)).toBe('UPSTREAM_ERROR');
  });

  it('names the request and keeps Okta error code and status', () => {
    const err = toUpstreamError(
      { status: 404, errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: 00uX (User)' },
      'GET /api/v1/users/00uX',
    );
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.message).toContain('GET /api/v1/users/00uX');
    expect(err.oktaErrorCode).toBe('E0000007');
    expect(err.status).toBe(404);
  });

  it("keeps Okta's words and says whether a 403 refused a scope or the credential's owner", () => {
    const body = {
      errorCode: 'E0000006',
      errorSummary: 'You do not have permission to perform the requested action',
    };
    const scope = toUpstreamError(
      {
        status: 403,
        ...body,
        headers: new Headers({
          'www-authenticate':
            'Bearer authorization_uri="https://acme.okta.com/oauth2/v1/authorize", realm="IdpTokenRealm", scope="okta.appGrants.read", error="insufficient_scope", error_description="The access token provided does not contain the required scopes."',
        }),
      },
      'GET /api/v1/apps/0oa1/grants',
    );
    expect(scope).toMatchObject({
      code: 'UPSTREAM_FORBIDDEN',
      scopeRefused: true,
      credentialRejected: false,
    });
    expect(upstreamReason(scope)).toBe('403 E0000006');
    // The SDK's generated APIs hand headers over as a plain object, and the body separately.
    const owner = toUpstreamError({ code: 403, body, headers: {} }, 'GET /api/v1/iam/roles');
    expect(owner).toMatchObject({ scopeRefused: false, oktaErrorSummary: body.errorSummary });

    const rejected = toUpstreamError(
      { status: 401, errorCode: 'E0000011', errorSummary: 'Invalid token provided' },
      'GET /api/v1/org',
    );
    expect(rejected).toMatchObject({ code: 'UPSTREAM_UNAUTHENTICATED', credentialRejected: true });
    expect(upstreamReason(rejected)).toBe('401 E0000011');
  });

  it('carries how long a 429 asks us to wait', () => {
    const reset = Math.ceil(Date.now() / 1000) + 60;
    const headers = new Headers({ 'x-rate-limit-reset': String(reset) });
    const err = toUpstreamError({ status: 429, errorCode: 'E0000047', headers }, 'GET /api/v1/users');
    expect(err.retryAfterMs).toBeGreaterThan(55_000);
  });

  it('treats connection failures as upstream unavailable', () => {
    const err = toUpstreamError(
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
      'GET /',
    );
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(upstreamReason(err)).toBe('ECONNREFUSED');
  });
});

describe('scrubSecrets', () => {
  it('removes API tokens, bearer tokens, JWTs and private keys', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    const text = `Authorization: SSWS 00abcDEF123_-xyz; Bearer eyJhbGciOi.eyJzdWIiOiJ4In0.sig ${pem} client_assertion=eyJabc.def.ghi&x=1`;
    const out = scrubSecrets(text);
    expect(out).not.toContain('00abcDEF123_-xyz');
    expect(out).not.toContain('eyJhbGciOi');
    expect(out).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(out).not.toContain('eyJabc');
    expect(out).toContain('SSWS [redacted]');
  });

  it('is applied to every UpstreamError message', () => {
    const err = toUpstreamError(new Error('failed with header SSWS 00secretToken'), 'GET /api/v1/users');
    expect(err.message).not.toContain('00secretToken');
  });
});

describe('UpstreamError.cause', () => {
  it('keeps what was thrown as its cause, for code to read', () => {
    const thrown = Object.assign(new Error('Okta HTTP 403'), { status: 403, errorCode: 'E0000006' });
    const err = toUpstreamError(thrown, 'GET /api/v1/iam/roles');
    expect(err.cause).toBe(thrown);
    expect(err.cause).toMatchObject({ status: 403, errorCode: 'E0000006' });
    expect(new UpstreamError('UPSTREAM_ERROR', 'GET /x').cause).toBeUndefined();
  });

  it('keeps a network failure with its own cause, where the network code was read', () => {
    const thrown = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const err = toUpstreamError(thrown, 'GET /');
    expect(err.cause).toBe(thrown);
    expect((err.cause as { cause?: unknown }).cause).toEqual({ code: 'ECONNREFUSED' });
    expect(err.networkCode).toBe('ECONNREFUSED');
  });

  it('writes no token to a pino log line of it, though its cause chain carried one', () => {
    const inner = new Error('sent Authorization: SSWS 00innerSecretToken_x');
    const thrown = Object.assign(new Error('request failed: Authorization: SSWS 00outerSecretToken_y'), {
      status: 500,
      cause: inner,
    });
    const err = toUpstreamError(thrown, 'GET /api/v1/users');
    expect(err.cause).toBe(thrown);
    expect((err.cause as Error).cause).toBe(inner);
    expect((err.cause as { status?: unknown }).status).toBe(500);

    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    logger.error({ err }, 'read failed');
    logger.error(err);
    expect(lines).toHaveLength(2);
    const logged = lines.join('\n');
    // pino's err serializer prints the cause chain's messages and stacks...
    expect(logged).toContain('GET /api/v1/users');
    expect(logged).toContain('caused by');
    expect(logged).toContain('sent Authorization: SSWS [redacted]');
    // ...with no token in them.
    expect(logged).not.toContain('00innerSecretToken_x');
    expect(logged).not.toContain('00outerSecretToken_y');
  });

  it('scrubs a cause given as a string', () => {
    const err = toUpstreamError('SSWS 00stringSecretToken', 'GET /api/v1/org');
    expect(err.cause).toBe('SSWS [redacted]');
    expect(err.message).not.toContain('00stringSecretToken');
  });
});
