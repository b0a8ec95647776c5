// graphql/index.js, not graphql: the one instance Pothos and yoga load, under Node and under vitest alike.
import { GraphQLError } from 'graphql/index.js';
import { GatewayError } from '../errors.ts';
import { OrnError } from '../iam/orn.ts';
import { UpstreamError, upstreamMessage } from '../okta/errors.ts';

/**
 * The one place failures become what callers see: expected failures keep or get a stable code,
 * everything else is masked (message replaced, no stack).
 */
export function toCallerError(error: unknown, maskedMessage: string, isDev: boolean): Error {
  const graphQLError = error instanceof GraphQLError ? error : null;
  const original = graphQLError?.originalError ?? error;
  const answer = (message: string, extensions: Record<string, unknown>) =>
    new GraphQLError(message, { nodes: graphQLError?.nodes, path: graphQLError?.path, extensions });
  // Okta's 400 E0000031 "Invalid search criteria": the caller's search expression, passed through.
  if (original instanceof UpstreamError && original.status === 400 && original.oktaErrorCode === 'E0000031') {
    return answer('Okta rejected the search expression as invalid (E0000031); check its syntax', {
      code: 'BAD_USER_INPUT',
      upstreamStatus: 400,
    });
  }
  if (original instanceof UpstreamError) {
    return answer(upstreamMessage(original), {
      code: original.code,
      ...(original.status ? { upstreamStatus: original.status } : {}),
    });
  }
  if (original instanceof GatewayError) return answer(original.message, { code: original.code });
  if (original instanceof OrnError) return answer(original.message, { code: 'BAD_USER_INPUT' });
  // A GraphQLError the gateway raised on purpose (or a parse/validation error) passes as is.
  if (graphQLError && (!graphQLError.originalError || graphQLError.originalError instanceof GraphQLError)) {
    return graphQLError;
  }
  return answer(isDev && original instanceof Error ? original.message : maskedMessage, {
    code: 'INTERNAL_SERVER_ERROR',
  });
}
