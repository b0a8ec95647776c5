import type { Page } from '../iam/model.ts';
import { badUserInput } from '../server/errors.ts';

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

export function pageRequest(args: ConnectionArgs): { limit: number; after: string | null } {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return { limit: first, after: args.after || null };
}

/**
 * Okta gives one cursor per page, not per item; an item's cursor is the page's next cursor so
 * that `after: endCursor` always continues where this page ended.
 */
export function toConnection<T>(page: Page<T>, cursorOf: (item: T) => string): ConnectionModel<T> {
  const edges = page.items.map((node, index) => ({
    node,
    cursor: index === page.items.length - 1 && page.nextCursor ? page.nextCursor : cursorOf(node),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.nextCursor !== null,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: page.nextCursor ?? edges.at(-1)?.cursor ?? null,
    },
  };
}
