/**
 * POST /oauth2/v1/token for service apps: client_credentials with a private_key_jwt client
 * assertion, verified with jose against the app's registered public keys; grants only the
 * requested scopes that are ACTIVE grants of the app.
 */
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet, jwtVerify } from 'jose';
import type { SimStore } from './store.ts';
import type { TokenRegistry } from './tokens.ts';

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface TokenAnswer {
  status: number;
  body: unknown;
}

const oauthError = (status: number, error: string, error_description: string): TokenAnswer => ({
  status,
  body: { error, error_description },
});

/** `tokenUrls`: the audiences accepted (the token endpoint as reached through each host name). */
export async function answerTokenRequest(
  form: URLSearchParams,
  store: SimStore,
  tokens: TokenRegistry,
  tokenUrls: string[],
): Promise<TokenAnswer> {
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(
      400,
      'unsupported_grant_type',
      'The authorization grant type is not supported by the authorization server. Configured grant types: [client_credentials].',
    );
  }
  const assertion = form.get('client_assertion');
  if (form.get('client_assertion_type') !== JWT_BEARER || !assertion) {
    return oauthError(
      401,
      'invalid_client',
      'Client authentication failed. Either the client or the client credentials are invalid.',
    );
  }
  let clientId: string | undefined;
  try {
    clientId = decodeJwt(assertion).sub;
  } catch {
    return oauthError(401, 'invalid_client', 'The client_assertion token is malformed.');
  }
  const app = clientId ? store.client(clientId) : undefined;
  if (!app?.oauthClient || app.status !== 'ACTIVE' || !clientId) {
    return oauthError(
      401,
      'invalid_client',
      'The client_id provided is invalid or the client is not active.',
    );
  }
  const keys = app.oauthClient.jwks?.keys ?? [];
  if (!keys.length) {
    return oauthError(401, 'invalid_client', 'The client has no public keys registered for private_key_jwt.');
  }
  try {
    await jwtVerify(assertion, createLocalJWKSet({ keys } as unknown as JSONWebKeySet), {
      issuer: clientId,
      subject: clientId,
      audience: tokenUrls,
      requiredClaims: ['exp'],
    });
  } catch (e) {
    return oauthError(
      401,
      'invalid_client',
      `The client_assertion token is invalid: ${(e as Error).message}`,
    );
  }
  const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
  if (!requested.length) {
    return oauthError(
      400,
      'invalid_scope',
      "The authorization server resource does not have any configured default scopes, 'scope' must be provided.",
    );
  }
  const granted = new Set(
    store
      .grantsOf(app.id)
      .filter((g) => g.status === 'ACTIVE')
      .map((g) => g.scopeId),
  );
  const missing = requested.filter((s) => !granted.has(s));
  if (missing.length) {
    return oauthError(
      400,
      'invalid_scope',
      `The following scopes are not granted to the client: ${missing.join(' ')}`,
    );
  }
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      access_token: tokens.issueAccessToken(clientId, requested, ACCESS_TOKEN_LIFETIME_SECONDS),
      scope: requested.join(' '),
    },
  };
}
