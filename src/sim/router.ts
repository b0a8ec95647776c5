/** Route table types and a small path matcher (`/api/v1/users/:id/roles`). */
import type { SimStore } from './store.ts';
import type { Variants } from './variants.ts';

export interface Caller {
  auth: 'SSWS' | 'Bearer';
  principalType: 'USER' | 'CLIENT';
  principalId: string;
  /** Granted scopes, for Bearer tokens. */
  scopes?: ReadonlySet<string>;
  /** Holds at least one active admin role (directly, through a group, or a binding). */
  admin: boolean;
  /** Holds an active SUPER_ADMIN (directly, through a group, or as a client role). */
  superAdmin: boolean;
  /** Holds an active custom role whose permissions include okta.iam.read. */
  iamRead: boolean;
}

/**
 * What a route needs of the token's owner beyond an admin role: `roleReader` (SUPER_ADMIN or a
 * custom role with okta.iam.read: role and IAM reads), `superAdmin` (app grants).
 */
export type OwnerNeed = 'roleReader' | 'superAdmin';

export interface RouteContext {
  store: SimStore;
  /** Absolute origin for links, e.g. http://127.0.0.1:4000. */
  base: string;
  pathname: string;
  params: Record<string, string>;
  query: URLSearchParams;
  caller: Caller;
  /** The Okta variants the simulator runs with (empty by default). */
  variants: Variants;
}

export interface RouteResult {
  status?: number;
  body: unknown;
  /** `Link` header values (Link-paged lists). */
  link?: string[];
}

export interface Route {
  pattern: string;
  /**
   * The scope the operation's `security` lists in Okta's OpenAPI (okta.users.read); a Bearer
   * token needs it or its `.manage` sibling.
   */
  scope: string;
  /** What the token's owner must hold beyond any admin role; default nothing more. */
  ownerNeeds?: OwnerNeed;
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
