/**
 * Failures the gateway raises on purpose, with the stable `extensions.code` a caller may branch on.
 * Resolvers throw these; the HTTP layer (src/http/errors.ts) turns them into GraphQL errors.
 */

/** The stable `extensions.code` values a caller may branch on. */
export type GatewayErrorCode =
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'UPSTREAM_UNAUTHENTICATED'
  | 'UPSTREAM_RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_FORBIDDEN'
  | 'UPSTREAM_ERROR';

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: GatewayErrorCode;
  constructor(code: GatewayErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export const badUserInput = (message: string) => new GatewayError('BAD_USER_INPUT', message);
export const notFound = (message: string) => new GatewayError('NOT_FOUND', message);
