/** /api/v1/users and its sub-resources. */
import { notFound } from './errors.ts';
import { runListQuery } from './list-query.ts';
import { linkHeader } from './paging.ts';
import type { Route, RouteContext } from './router.ts';
import { roleRoutes } from './routes-roles.ts';
import { attrOf } from './search.ts';
import { userLags } from './search-lag.ts';
import { groupJson, userJson } from './shapes.ts';
import type { SnapshotUser } from './snapshot-format.ts';

const DATE_ATTRS = new Set(['created', 'lastUpdated', 'activated', 'statusChanged']);

function readUser(u: SnapshotUser, attr: string): unknown {
  if (DATE_ATTRS.has(attr)) return u.created;
  if (attr === 'type.id') return 'oty1simdefaultusertype';
  return attrOf(u, attr);
}

function userOr404(ctx: RouteContext): SnapshotUser {
  const id = ctx.params.id as string;
  const user =
    id === 'me'
      ? ctx.caller.principalType === 'USER'
        ? ctx.store.user(ctx.caller.principalId)
        : undefined
      : ctx.store.userByIdOrLogin(id);
  if (!user) throw notFound(id);
  return user;
}

export const userRoutes: Route[] = [
  {
    pattern: '/api/v1/users',
    scope: 'okta.users.read',
    emptyForNoRole: true,
    handler: (ctx) => {
      const { store } = ctx;
      const page = runListQuery({
        all: store.users,
        index: store.userIndex,
        idOf: (u) => u.id,
        read: readUser,
        query: ctx.query,
        defaultLimit: 200,
        maxLimit: 200,
        lookups: {
          id: (v) => store.user(v),
          'profile.login': (v) => store.userByIdOrLogin(v),
        },
        q: (u, q) =>
          u.profile.firstName.toLowerCase().startsWith(q) ||
          u.profile.lastName.toLowerCase().startsWith(q) ||
          u.profile.email.toLowerCase().startsWith(q) ||
          u.profile.login.toLowerCase().startsWith(q),
        ...(ctx.variants.has('search-lag') ? { notYetSearchable: userLags } : {}),
      });
      return {
        body: page.items.map((u) => userJson(ctx.base, u)),
        link: linkHeader(ctx.base, ctx.pathname, ctx.query, page.nextAfter),
      };
    },
  },
  {
    pattern: '/api/v1/users/:id',
    scope: 'okta.users.read',
    allowNonAdmin: (params) => params.id === 'me',
    handler: (ctx) => ({ body: userJson(ctx.base, userOr404(ctx)) }),
  },
  {
    pattern: '/api/v1/users/:id/groups',
    scope: 'okta.users.read',
    handler: (ctx) => {
      const user = userOr404(ctx);
      const groups = ctx.store.groupIdsOfUser(user.id).flatMap((id) => {
        const g = ctx.store.group(id);
        return g ? [groupJson(ctx.base, g)] : [];
      });
      return { body: groups, link: linkHeader(ctx.base, ctx.pathname, ctx.query) };
    },
  },
  ...roleRoutes('/api/v1/users/:id', 'USER'),
];
