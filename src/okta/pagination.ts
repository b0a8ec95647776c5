/**
 * Okta pages two ways: most lists through the Link header (the SDK's Collection follows it), the
 * /api/v1/iam/* lists through `_links.next.href` in the body (the SDK returns one page per call).
 */
import type { Page } from '../iam/model.ts';
import { UpstreamError } from './errors.ts';

/** The part of the SDK's Collection we drive: one page per call, the next URL kept in nextUri. */
export interface PagedCollection<T> {
  nextUri?: string | undefined;
  getNextPage(): Promise<Record<string, unknown>[]>;
  [Symbol.asyncIterator](): { next(): Promise<{ done?: boolean; value: T | null }> };
}

/** Every item of every page. */
export async function collectAll<T>(collection: PagedCollection<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of collection as AsyncIterable<T | null>) {
    if (item) items.push(item);
  }
  return items;
}

/** The `after` cursor of a next-page URL; null when there is none. */
export function afterCursorOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url, 'http://x').searchParams.get('after');
  } catch {
    return null;
  }
}

/** Exactly one page of a Link-header collection, with the cursor of the next. */
export async function firstPage<T>(collection: PagedCollection<T>): Promise<Page<T>> {
  const items = (await collection.getNextPage()) as unknown as T[];
  return { items, nextCursor: afterCursorOf(collection.nextUri) };
}

interface BodyLinks {
  _links?: { next?: { href?: string } };
}

/** The next cursor of a body-paged iam list. */
export function bodyNextCursor(page: unknown): string | null {
  return afterCursorOf((page as BodyLinks | null)?._links?.next?.href);
}

/**
 * All pages of a body-paged list: `fetchPage(after)` returns one page, `itemsOf` its items.
 * Stops on a repeated cursor so a misbehaving server cannot loop us forever.
 */
export async function collectBodyPages<P, T>(
  fetchPage: (after: string | undefined) => Promise<P>,
  itemsOf: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const page = await fetchPage(after);
    items.push(...(itemsOf(page) ?? []));
    const next = bodyNextCursor(page);
    if (!next || seen.has(next)) return items;
    seen.add(next);
    after = next;
  }
}

/** The next URL of a Link header (`<...>; rel="next"`). */
export function nextLink(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m?.[1]) return m[1];
  }
  return null;
}

/**
 * Every item of a Link-paged list read as raw JSON (for what the SDK's models drop, such as
 * `_embedded`). Stops on a repeated URL so a misbehaving server cannot loop us forever.
 */
export async function collectLinkPages(
  getJson: (url: string) => Promise<{ body: unknown; headers: Headers }>,
  firstUrl: string,
): Promise<unknown[]> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let url: string | null = firstUrl;
  while (url && !seen.has(url)) {
    seen.add(url);
    const res = await getJson(url);
    if (!Array.isArray(res.body)) {
      throw new UpstreamError('UPSTREAM_ERROR', `GET ${firstUrl.split('?')[0]}: expected a JSON array`);
    }
    items.push(...res.body);
    url = nextLink(res.headers.get('link'));
  }
  return items;
}
