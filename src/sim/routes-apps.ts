/** /api/v1/apps, grants, and /oauth2/v1/clients (with client role assignments). */
import { notFound } from './errors.ts';
import { runListQuery } from './list-query.ts';
import { linkHeader, parseLimit, scanPage } from './paging.ts';
import type { Route } from './router.ts';
import { roleRoutes } from './routes-roles.ts';
import { attrOf } from './search.ts';
import { appJson, clientJson, grantJson } from './shapes.ts';
import type { SnapshotApp } from './snapshot-format.ts';

function readApp(a: SnapshotApp, attr: string): unknown {
  if (attr === 'lastUpdated') return a.created;
  return attrOf(a, attr);
}

export const appRoutes: Route[] = [
  {
    pattern: '/api/v1/apps',
    scope: 'okta.apps.read',
    handler: (ctx) => {
      const { store } = ctx;
      const page = runListQuery({
        all: store.apps,
        index: store.appIndex,
        idOf: (a) => a.id,
        read: readApp,
        query: ctx.query,
        defaultLimit: 200,
        maxLimit: 200,
        lookups: { id: (v) => store.app(v) },
        q: (a, q) => a.label.toLowerCase().startsWith(q) || a.name.toLowerCase().startsWith(q),
      });
      return {
        body: page.items.map((a) => appJson(ctx.base, a, store.org.org)),
        link: linkHeader(ctx.base, ctx.pathname, ctx.query, page.nextAfter),
      };
    },
  },
  {
    pattern: '/api/v1/apps/:id',
    scope: 'okta.apps.read',
    handler: (ctx) => {
      const app = ctx.store.app(ctx.params.id as string);
      if (!app) throw notFound(ctx.params.id as string);
      return { body: appJson(ctx.base, app, ctx.store.org.org) };
    },
  },
  {
    pattern: '/api/v1/apps/:id/grants',
    scope: 'okta.appGrants.read',
    ownerNeeds: 'superAdmin',
    handler: (ctx) => {
      const app = ctx.store.app(ctx.params.id as string);
      if (!app) throw notFound(ctx.params.id as string);
      const grants = ctx.store.grantsOf(app.id);
      if (!grants.length && ctx.variants.has('no-roles-404')) throw notFound(app.id);
      return { body: grants.map((g) => grantJson(ctx.base, app, g)) };
    },
  },
  {
    pattern: '/oauth2/v1/clients',
    scope: 'okta.clients.read',
    handler: (ctx) => {
      const { store } = ctx;
      const q = ctx.query.get('q')?.toLowerCase();
      const page = scanPage(
        store.clients,
        store.clientIndex,
        (a) => a.oauthClient?.clientId ?? a.id,
        ctx.query.get('after'),
        parseLimit(ctx.query, 20, 200),
        q ? (a) => a.label.toLowerCase().startsWith(q) : undefined,
      );
      return {
        body: page.items.map((a) => clientJson(ctx.base, a)),
        link: linkHeader(ctx.base, ctx.pathname, ctx.query, page.nextAfter),
      };
    },
  },
  {
    pattern: '/oauth2/v1/clients/:id',
    scope: 'okta.clients.read',
    handler: (ctx) => {
      const app = ctx.store.client(ctx.params.id as string);
      if (!app) throw notFound(ctx.params.id as string);
      return { body: clientJson(ctx.base, app) };
    },
  },
  ...roleRoutes('/oauth2/v1/clients/:id', 'CLIENT'),
];
