/** /api/v1/groups and its sub-resources. */
import { notFound } from './errors.ts';
import { runListQuery } from './list-query.ts';
import { linkHeader, parseLimit, scanPage } from './paging.ts';
import type { Route } from './router.ts';
import { roleRoutes } from './routes-roles.ts';
import { attrOf } from './search.ts';
import { groupJson, userJson } from './shapes.ts';
import type { SnapshotGroup } from './snapshot-format.ts';

const DATE_ATTRS = new Set(['created', 'lastUpdated', 'lastMembershipUpdated']);

function readGroup(g: SnapshotGroup, attr: string): unknown {
  return DATE_ATTRS.has(attr) ? g.created : attrOf(g, attr);
}

export const groupRoutes: Route[] = [
  {
    pattern: '/api/v1/groups',
    scope: 'okta.groups',
    emptyForNoRole: true,
    handler: (ctx) => {
      const { store } = ctx;
      const page = runListQuery({
        all: store.groups,
        index: store.groupIndex,
        idOf: (g) => g.id,
        read: readGroup,
        query: ctx.query,
        defaultLimit: 10000,
        maxLimit: 10000,
        lookups: { id: (v) => store.group(v) },
        q: (g, q) => g.profile.name.toLowerCase().startsWith(q),
      });
      return {
        body: page.items.map((g) => groupJson(ctx.base, g)),
        link: linkHeader(ctx.base, ctx.pathname, ctx.query, page.nextAfter),
      };
    },
  },
  {
    pattern: '/api/v1/groups/:id',
    scope: 'okta.groups',
    handler: (ctx) => {
      const g = ctx.store.group(ctx.params.id as string);
      if (!g) throw notFound(ctx.params.id as string);
      return { body: groupJson(ctx.base, g) };
    },
  },
  {
    pattern: '/api/v1/groups/:id/users',
    scope: 'okta.groups',
    handler: (ctx) => {
      const id = ctx.params.id as string;
      if (!ctx.store.group(id)) throw notFound(id);
      const members = ctx.store.membersOfGroup(id);
      const page = scanPage(
        members,
        ctx.store.memberIndex(id),
        (m) => m,
        ctx.query.get('after'),
        parseLimit(ctx.query, 1000, 10000),
      );
      const body = page.items.flatMap((m) => {
        const u = ctx.store.user(m);
        return u ? [userJson(ctx.base, u)] : [];
      });
      return { body, link: linkHeader(ctx.base, ctx.pathname, ctx.query, page.nextAfter) };
    },
  },
  ...roleRoutes('/api/v1/groups/:id', 'GROUP'),
];
