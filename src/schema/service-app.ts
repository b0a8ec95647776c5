import { isServiceApp } from '../resolvers/principal.ts';
import { findServiceApp, grantedScopesOf, listServiceApps } from '../resolvers/service-app.ts';
import { builder } from './builder.ts';
import { PrincipalRef, ServiceAppRef } from './refs.ts';

builder.node(ServiceAppRef, {
  description: 'An OAuth 2.0 service (API Services) app: it holds roles of its own and Okta API scopes.',
  interfaces: [PrincipalRef],
  id: { resolve: (a) => a.clientId },
  isTypeOf: (value) => typeof value === 'object' && value !== null && isServiceApp(value),
  loadOne: (clientId, ctx) => findServiceApp(ctx, clientId),
  fields: (t) => ({
    clientId: t.exposeString('clientId', { description: 'The OAuth 2.0 client id.' }),
    appId: t.exposeString('appId', { description: 'The Okta app id (0oa...).' }),
    grantedScopes: t.stringList({
      description: 'Okta API scopes granted to the app (grants with status ACTIVE).',
      resolve: (a, _args, ctx) => grantedScopesOf(ctx, a),
    }),
  }),
});

builder.queryFields((t) => ({
  serviceApp: t.field({
    type: ServiceAppRef,
    nullable: true,
    description: 'An OAuth 2.0 service app by its client id.',
    args: { clientId: t.arg.string({ required: true, description: 'The client id.' }) },
    resolve: (_root, args, ctx) => findServiceApp(ctx, args.clientId),
  }),
  serviceApps: t.field({
    type: [ServiceAppRef],
    description: 'Every OAuth 2.0 service app of the org.',
    resolve: (_root, _args, ctx) => listServiceApps(ctx),
  }),
}));
