import type { GatewayContext } from '../context.ts';
import type { UndeterminedInput } from '../iam/readiness/types.ts';
import { UpstreamError, upstreamReason } from '../okta/errors.ts';
import { credentialNeeds, type GatewayReadName } from '../okta/reads.ts';

/**
 * The failure of a read a verdict can do without, or null for one it cannot: Okta refusing the
 * read (403) or failing after retries leaves the input unread; a rejected credential, a missing
 * object or anything unexpected still fails the field.
 */
function unreadFailure(error: unknown): UpstreamError | null {
  if (!(error instanceof UpstreamError) || error.credentialRejected) return null;
  return error.code === 'NOT_FOUND' ? null : error;
}

/**
 * Runs a read of a verdict's input; when Okta refuses it or fails, reports what could not be read
 * (named by `input`, e.g. "role assignments of user 00u1...") and answers `fallback`.
 */
export async function readOrNote<T>(
  ctx: GatewayContext,
  read: () => Promise<T>,
  about: { read: GatewayReadName; input: string },
  note: (unread: UndeterminedInput) => void,
  fallback: T,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const failure = unreadFailure(error);
    if (!failure) throw error;
    note({
      input: about.input,
      reason: upstreamReason(failure),
      needs: credentialNeeds(about.read, failure, ctx.directory.ownClientId !== null),
    });
    return fallback;
  }
}
