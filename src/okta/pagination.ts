/**
 * Okta pages two ways: most lists through the Link header, the /api/v1/iam/* lists through
 * `_links.next.href` in the body (the SDK returns one page per call). Every paged read of
 * src/okta goes through here: the SDK's collections, body-paged lists and Link-paged raw JSON.
 */
import type { Page } from '../iam/model.ts';
import type { RawJsonResponse } from './client.ts';
import { UpstreamError } from './errors.ts';

/** One authenticated GET on the org: a path and query (/api/v1/users?limit=200) or a full next-page URL. */
export type GetJson = (pathOrUrl: string) => Promise<RawJsonResponse>;

/** The part of the SDK's Collection we drive: one page per call, the next URL kept in nextUri. */
interface PagedCollection {
  nextUri?: string | undefined;
  getNextPage(): Promise<unknown[]>;
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
}

/** Every item of every page of an SDK list (the SDK's Collection follows the Link header). */
export async function collectAll(collection: Promise<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of (await collection) as PagedCollection) {
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

/** Exactly one page of an SDK list, each item mapped, with the cursor of the next. */
export async function firstPage<T>(
  collection: Promise<unknown>,
  map: (item: unknown) => T,
): Promise<Page<T>> {
  const c = (await collection) as PagedCollection;
  const items = await c.getNextPage();
  return { items: items.map(map), nextCursor: afterCursorOf(c.nextUri) };
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

/** One page of a Link-paged list read as raw JSON. */
export interface LinkPage {
  items: unknown[];
  /** The Link header's `next` URL; null on the last page. */
  nextUrl: string | null;
}

/** One page of a Link-paged list; a body that is not a JSON array is an UPSTREAM_ERROR. */
export async function readLinkPage(getJson: GetJson, url: string): Promise<LinkPage> {
  const res = await getJson(url);
  if (!Array.isArray(res.body)) {
    throw new UpstreamError(
      'UPSTREAM_ERROR',
      `GET ${new URL(url, 'http://x').pathname}: expected a JSON array`,
    );
  }
  return { items: res.body, nextUrl: nextLink(res.headers.get('link')) };
}

/**
 * The pages of a Link-paged list read as raw JSON (for what the SDK's models drop, such as
 * `_embedded`), first to last. Stops on a repeated URL so a misbehaving server cannot loop us forever.
 */
export async function* linkPages(getJson: GetJson, firstUrl: string): AsyncGenerator<LinkPage> {
  const seen = new Set<string>();
  let url: string | null = firstUrl;
  while (url && !seen.has(url)) {
    seen.add(url);
    const page: LinkPage = await readLinkPage(getJson, url);
    yield page;
    url = page.nextUrl;
  }
}

/** Every item of every page of a Link-paged list read as raw JSON. */
export async function collectLinkPages(getJson: GetJson, firstUrl: string): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const page of linkPages(getJson, firstUrl)) items.push(...page.items);
  return items;
}
