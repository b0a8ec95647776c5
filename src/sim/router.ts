/** Route table types and a small path matcher (`/api/v1/users/:id/roles`). */
import type { SimStore } from './store.ts';

export interface Caller {
  auth: 'SSWS' | 'Bearer';
  principalType: 'USER' | 'CLIENT';
  principalId: string;
  /** Granted scopes, for Bearer tokens. */
  scopes?: ReadonlySet<string>;
  /** Holds at least one active admin role (directly, through a group, or a binding). */
  admin: boolean;
}

export interface RouteContext {
  store: SimStore;
  /** Absolute origin for links, e.g. http://127.0.0.1:4000. */
  base: string;
  pathname: string;
  params: Record<string, string>;
  query: URLSearchParams;
  caller: Caller;
}

export interface RouteResult {
  status?: number;
  body: unknown;
  /** `Link` header values (Link-paged lists). */
  link?: string[];
}

export interface Route {
  pattern: string;
  /** Scope family required of Bearer tokens: `okta.users` accepts okta.users.read or .manage. */
  scope: string;
  handler: (ctx: RouteContext) => RouteResult;
  /** A principal with scopes but no admin role gets `200 []` here instead of 403 (Okta's quirk). */
  emptyForNoRole?: boolean;
  /** A non-admin may call this (only /api/v1/users/me). */
  allowNonAdmin?: (params: Record<string, string>) => boolean;
}

interface CompiledRoute extends Route {
  parts: string[];
}

export class Router {
  private readonly routes: CompiledRoute[];
  constructor(routes: Route[]) {
    this.routes = routes.map((r) => ({ ...r, parts: r.pattern.split('/').slice(1) }));
  }

  match(pathname: string): { route: Route; params: Record<string, string> } | undefined {
    const parts = pathname.split('/').slice(1);
    for (const route of this.routes) {
      if (route.parts.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const want = route.parts[i] as string;
        const got = parts[i] as string;
        if (want.startsWith(':')) {
          if (!got) ok = false;
          else params[want.slice(1)] = decodeURIComponent(got);
        } else if (want !== got) ok = false;
      }
      if (ok) return { route, params };
    }
    return undefined;
  }
}
