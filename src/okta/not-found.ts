/** Okta's 404s that mean "nothing" rather than "no such thing". */
import { isNotFound } from './errors.ts';

/** null instead of NOT_FOUND, for getters of one object. */
export async function orNull<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/**
 * An empty list instead of NOT_FOUND, for lists Okta answers with 404 when there is nothing on
 * them (a client's roles, an app's grants): tools that run against real orgs see exactly that.
 */
export async function emptyOnNotFound<T>(work: () => Promise<T[]>): Promise<T[]> {
  return (await orNull(work)) ?? [];
}
