/** Okta-style cursor paging: `after` is the last id of the previous page, `limit` the page size. */
import { badRequest } from './errors.ts';

export interface Page<T> {
  items: T[];
  /** Cursor for the next page; absent on the last page. */
  nextAfter?: string;
}

/** Parses `limit`: absent -> fallback; above max -> max (Okta caps silently); garbage -> 400. */
export function parseLimit(query: URLSearchParams, fallback: number, max: number): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest('limit', [`limit: '${raw}' is not a valid integer`]);
  if (n < 1) return fallback;
  return Math.min(n, max);
}

/**
 * Scans `all` (in its order) from just after the item whose id is `after`, collecting up to
 * `limit` items that pass `keep`. O(limit) for an unfiltered list of any size.
 */
export function scanPage<T>(
  all: readonly T[],
  index: ReadonlyMap<string, number>,
  idOf: (t: T) => string,
  after: string | null,
  limit: number,
  keep?: (t: T) => boolean,
): Page<T> {
  let start = 0;
  if (after) {
    const at = index.get(after);
    start = at === undefined ? all.length : at + 1;
  }
  const items: T[] = [];
  for (let i = start; i < all.length; i++) {
    const item = all[i] as T;
    if (keep && !keep(item)) continue;
    if (items.length === limit) return { items, nextAfter: idOf(items[items.length - 1] as T) };
    items.push(item);
  }
  return { items };
}

/** Pages a small, already-materialised list. */
export function listPage<T>(
  list: readonly T[],
  idOf: (t: T) => string,
  after: string | null,
  limit: number,
): Page<T> {
  const index = new Map<string, number>();
  for (const [i, t] of list.entries()) index.set(idOf(t), i);
  return scanPage(list, index, idOf, after, limit);
}

/** The `Link` header values Okta sends on Link-paged lists: self, and next while there is more. */
export function linkHeader(
  baseUrl: string,
  pathname: string,
  query: URLSearchParams,
  nextAfter?: string,
): string[] {
  const self = new URLSearchParams(query);
  const links = [`<${baseUrl}${pathname}${self.size ? `?${self}` : ''}>; rel="self"`];
  if (nextAfter !== undefined) {
    const next = new URLSearchParams(query);
    next.set('after', nextAfter);
    links.push(`<${baseUrl}${pathname}?${next}>; rel="next"`);
  }
  return links;
}

/** The `_links.next` href of body-paged /api/v1/iam lists. */
export function nextHref(baseUrl: string, pathname: string, query: URLSearchParams, nextAfter?: string) {
  if (nextAfter === undefined) return undefined;
  const next = new URLSearchParams(query);
  next.set('after', nextAfter);
  return { href: `${baseUrl}${pathname}?${next}` };
}
