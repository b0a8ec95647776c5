/** The one wrapper around a read of Okta: whatever it throws leaves as an UpstreamError. */
import { toUpstreamError } from './errors.ts';

/**
 * Runs one upstream read, mapping any failure to an UpstreamError whose message starts with
 * `context` (`GET /api/v1/users/00u1`): it names the request and ids, never a token.
 */
export async function call<T>(context: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toUpstreamError(err, context);
  }
}
