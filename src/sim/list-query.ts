/** `search` / `filter` / `q` / `limit` / `after` over a large list, as /api/v1/users and /groups do. */
import { badSearch } from './errors.ts';
import { listPage, type Page, parseLimit, scanPage } from './paging.ts';
import { type Expr, eqChain, matcher, parseSearch, SearchSyntaxError } from './search.ts';

export interface ListQueryOptions<T> {
  all: readonly T[];
  index: ReadonlyMap<string, number>;
  idOf: (t: T) => string;
  read: (t: T, attr: string) => unknown;
  query: URLSearchParams;
  defaultLimit: number;
  maxLimit: number;
  /** Exact lookups by attribute (id, profile.login): an `or` chain of `eq` on one becomes Map gets. */
  lookups: Record<string, (value: string) => T | undefined>;
  /** The `q` parameter's match (Okta: starts-with on a few name fields). */
  q?: (t: T, q: string) => boolean;
  /** Records `search` (not `filter`) does not see yet: Okta's search index is eventually consistent. */
  notYetSearchable?: (t: T) => boolean;
}

function parse(text: string): Expr {
  try {
    return parseSearch(text);
  } catch (e) {
    if (e instanceof SearchSyntaxError) throw badSearch(e.message);
    throw e;
  }
}

export function runListQuery<T>(o: ListQueryOptions<T>): Page<T> {
  const limit = parseLimit(o.query, o.defaultLimit, o.maxLimit);
  const after = o.query.get('after');
  const search = o.query.get('search');
  const text = search ?? o.query.get('filter');
  if (text !== null) {
    const expr = parse(text);
    const lagging = search !== null ? o.notYetSearchable : undefined;
    for (const [attr, lookup] of Object.entries(o.lookups)) {
      const values = eqChain(expr, attr);
      if (!values) continue;
      const found = new Map<string, T>();
      for (const v of values) {
        const t = lookup(v);
        if (t && !lagging?.(t)) found.set(o.idOf(t), t);
      }
      const sorted = [...found.values()].sort(
        (a, b) => (o.index.get(o.idOf(a)) ?? 0) - (o.index.get(o.idOf(b)) ?? 0),
      );
      return listPage(sorted, o.idOf, after, limit);
    }
    const matches = matcher(expr, o.read);
    const keep = lagging ? (t: T) => !lagging(t) && matches(t) : matches;
    return scanPage(o.all, o.index, o.idOf, after, limit, keep);
  }
  const q = o.query.get('q');
  if (q && o.q) {
    const match = o.q;
    const needle = q.toLowerCase();
    return scanPage(o.all, o.index, o.idOf, after, limit, (t) => match(t, needle));
  }
  return scanPage(o.all, o.index, o.idOf, after, limit);
}
