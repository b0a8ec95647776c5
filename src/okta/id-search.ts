/**
 * Okta has no bulk get, but `search=id eq "a" or id eq "b"` returns many users or groups in one
 * call. Ids are validated before they go near an expression, so no input can widen the search.
 */

/** Okta object ids (00u..., 00g..., 0oa..., cr0..., iam...) are short alphanumeric strings. */
const OKTA_ID = /^[A-Za-z0-9]{1,64}$/;
/** OAuth client ids are usually app ids; custom ones may carry `$-_.+!*'(),` (RFC 3986 unreserved and sub-delims Okta allows). */
const CLIENT_ID = /^[A-Za-z0-9$\-_.+!*'(),]{1,128}$/;

export function isOktaId(id: string): boolean {
  return OKTA_ID.test(id);
}

export function isClientId(id: string): boolean {
  return CLIENT_ID.test(id);
}

/** Default ids per search expression; Okta's limits on expression length stay far away. */
export const ID_SEARCH_CHUNK = 50;

export function idSearchExpression(ids: readonly string[]): string {
  for (const id of ids) {
    if (!isOktaId(id)) throw new Error(`not an Okta id: ${JSON.stringify(id.slice(0, 80))}`);
  }
  return ids.map((id) => `id eq "${id}"`).join(' or ');
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Resolves many ids with batched searches: valid, distinct ids go out in chunks through
 * `searchChunk`; when a chunk's search fails with a 400, its ids fall back to `getOne`. Okta's
 * search is eventually consistent (an object changed seconds ago can be missing from it), so an
 * id the search did not return is read by id before it is called unknown.
 * Returns one result per input id, in order, null for unknown or invalid ids.
 */
export async function batchById<T extends { id: string }>(
  ids: readonly string[],
  searchChunk: (ids: string[]) => Promise<T[]>,
  getOne: (id: string) => Promise<T | null>,
  isBadRequest: (err: unknown) => boolean,
  chunkSize = ID_SEARCH_CHUNK,
): Promise<(T | null)[]> {
  const wanted = [...new Set(ids.filter(isOktaId))];
  const found = new Map<string, T>();
  const readById = new Set<string>();
  await Promise.all(
    chunk(wanted, chunkSize).map(async (part) => {
      let items: (T | null)[];
      try {
        items = await searchChunk(part);
      } catch (err) {
        if (!isBadRequest(err)) throw err;
        for (const id of part) readById.add(id);
        items = await Promise.all(part.map(getOne));
      }
      for (const item of items) if (item) found.set(item.id, item);
    }),
  );
  const missed = wanted.filter((id) => !found.has(id) && !readById.has(id));
  const read = await Promise.all(missed.map(getOne));
  for (const item of read) if (item) found.set(item.id, item);
  return ids.map((id) => found.get(id) ?? null);
}
