// graphql/index.js, not graphql: the one instance Pothos and yoga load, under Node and under vitest alike.
import { GraphQLError } from 'graphql/index.js';
import { OrnError } from '../iam/index.ts';
import { UpstreamError, upstreamMessage } from '../okta/errors.ts';

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

export function gatewayError(code: GatewayErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export const badUserInput = (message: string) => gatewayError('BAD_USER_INPUT', message);
export const notFound = (message: string) => gatewayError('NOT_FOUND', message);

/**
 * The one place failures become what callers see: expected failures keep or get a stable code,
 * everything else is masked (message replaced, no stack).
 */
export function toCallerError(error: unknown, maskedMessage: string, isDev: boolean): Error {
  const graphQLError = error instanceof GraphQLError ? error : null;
  const original = graphQLError?.originalError ?? error;
  // Okta's 400 E0000031 "Invalid search criteria": the caller's search expression, passed through.
  if (original instanceof UpstreamError && original.status === 400 && original.oktaErrorCode === 'E0000031') {
    return new GraphQLError('Okta rejected the search expression as invalid (E0000031); check its syntax', {
      nodes: graphQLError?.nodes,
      path: graphQLError?.path,
      extensions: { code: 'BAD_USER_INPUT', upstreamStatus: 400 },
    });
  }
  if (original instanceof UpstreamError) {
    return new GraphQLError(upstreamMessage(original), {
      nodes: graphQLError?.nodes,
      path: graphQLError?.path,
      extensions: { code: original.code, ...(original.status ? { upstreamStatus: original.status } : {}) },
    });
  }
  if (original instanceof OrnError) {
    return new GraphQLError(original.message, {
      nodes: graphQLError?.nodes,
      path: graphQLError?.path,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  // A GraphQLError the gateway raised on purpose (or a parse/validation error) passes as is.
  if (graphQLError && (!graphQLError.originalError || graphQLError.originalError instanceof GraphQLError)) {
    return graphQLError;
  }
  return new GraphQLError(isDev && original instanceof Error ? original.message : maskedMessage, {
    nodes: graphQLError?.nodes,
    path: graphQLError?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}
