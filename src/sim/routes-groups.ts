/** /api/v1/groups and its sub-resources. */
import { notFound } from './errors.ts';
import { runListQuery } from './list-query.ts';
import { linkHeader, parseLimit, scanPage } from './paging.ts';
import type { Route, RouteContext } from './router.ts';
import { roleRoutes } from './routes-roles.ts';
import { attrOf } from './search.ts';
import { groupLags } from './search-lag.ts';
import { groupJson, userJson } from './shapes.ts';
import type { SnapshotGroup } from './snapshot-format.ts';

const DATE_ATTRS = new Set(['created', 'lastUpdated', 'lastMembershipUpdated']);

function readGroup(g: SnapshotGroup, attr: string): unknown {
  return DATE_ATTRS.has(attr) ? g.created : attrOf(g, attr);
}

/** `_embedded.stats` of `expand=stats`: hasAdminPrivlege (Okta's spelling) for a group-level role. */
function statsOf(ctx: RouteContext, g: SnapshotGroup) {
  return {
    usersCount: ctx.store.membersOfGroup(g.id).length,
    appsCount: 0,
    groupPushMappingsCount: 0,
    hasAdminPrivlege: ctx.store.directAssignments('GROUP', g.id).length > 0,
  };
}

function groupBody(ctx: RouteContext, g: SnapshotGroup) {
  const expand = (ctx.query.get('expand') ?? '').split(',');
  return groupJson(ctx.base, g, expand.includes('stats') ? { stats: statsOf(ctx, g) } : undefined);
}

export const groupRoutes: Route[] = [
  {
    pattern: '/api/v1/groups',
    scope: 'okta.groups.read',
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
        ...(ctx.variants.has('search-lag') ? { notYetSearchable: groupLags } : {}),
      });
      return {
        body: page.items.map((g) => groupBody(ctx, g)),
        link: linkHeader(ctx.base, ctx.pathname, ctx.query, page.nextAfter),
      };
    },
  },
  {
    pattern: '/api/v1/groups/:id',
    scope: 'okta.groups.read',
    handler: (ctx) => {
      const g = ctx.store.group(ctx.params.id as string);
      if (!g) throw notFound(ctx.params.id as string);
      return { body: groupBody(ctx, g) };
    },
  },
  {
    pattern: '/api/v1/groups/:id/users',
    scope: 'okta.groups.read',
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
