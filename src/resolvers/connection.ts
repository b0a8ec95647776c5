import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badUserInput } from '../errors.ts';
import type { Page } from '../iam/model.ts';

/** Largest page a caller may ask for; Okta's own list limits are at least this. */
export const MAX_PAGE_SIZE = 200;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

/** A Relay connection backed by one Okta page: Okta's `after` cursor is the page's end cursor. */
export interface ConnectionModel<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

// Cursors are signed with a key that lives as long as the process: one that the gateway did not
// issue (or issued for another list) is refused instead of being passed to Okta, which would
// answer an unknown cursor with an empty page, as if the list had ended.
const CURSOR_KEY = randomBytes(32);
const CURSOR_VERSION = 1;

function signature(payload: string): Buffer {
  return createHmac('sha256', CURSOR_KEY).update(payload).digest().subarray(0, 16);
}

/** `{payload}.{signature}`, both base64url; the payload names the list and Okta's cursor. */
function encodeCursor(list: string, oktaCursor: string): string {
  const payload = Buffer.from(JSON.stringify({ v: CURSOR_VERSION, l: list, a: oktaCursor })).toString(
    'base64url',
  );
  return `${payload}.${signature(payload).toString('base64url')}`;
}

/** Okta's cursor inside a cursor this process issued for `list`; BAD_USER_INPUT for anything else. */
function decodeCursor(list: string, cursor: string): string {
  const refuse = () =>
    badUserInput('after is not a cursor this gateway issued for this list; start again without it');
  const [payload, mac, ...rest] = cursor.split('.');
  if (!payload || !mac || rest.length > 0 || cursor.length > 2000) throw refuse();
  const given = Buffer.from(mac, 'base64url');
  const expected = signature(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse();
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    v?: unknown;
    l?: unknown;
    a?: unknown;
  };
  if (decoded.v !== CURSOR_VERSION || decoded.l !== list || typeof decoded.a !== 'string') throw refuse();
  return decoded.a;
}

/**
 * The Okta page to read. `list` names the list and its arguments (e.g. `users?search=...`): a
 * cursor works only on the list it was issued for.
 */
export function pageRequest(args: ConnectionArgs, list: string): { limit: number; after: string | null } {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return { limit: first, after: args.after ? decodeCursor(list, args.after) : null };
}

/**
 * Okta gives one cursor per page, not per item; an item's cursor is the page's next cursor so
 * that `after: endCursor` always continues where this page ended.
 */
export function toConnection<T>(
  page: Page<T>,
  cursorOf: (item: T) => string,
  list: string,
): ConnectionModel<T> {
  const edges = page.items.map((node, index) => ({
    node,
    cursor: encodeCursor(
      list,
      index === page.items.length - 1 && page.nextCursor ? page.nextCursor : cursorOf(node),
    ),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.nextCursor !== null,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: page.nextCursor ? encodeCursor(list, page.nextCursor) : (edges.at(-1)?.cursor ?? null),
    },
  };
}
