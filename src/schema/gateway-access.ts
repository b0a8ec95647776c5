import type { GatewayReadAccess } from '../okta/probes.ts';
import {
  type GatewayAccessModel,
  gatewayAccessOf,
  gatewayPrincipal,
  needsOf,
} from '../resolvers/gateway-access.ts';
import { builder } from './builder.ts';
import { ConnectionEnum } from './readiness.ts';
import { PrincipalRef } from './refs.ts';

const GatewayReadRef = builder.objectRef<GatewayReadAccess>('GatewayRead').implement({
  description: 'One kind of read the gateway makes of Okta, and whether its credential may make it.',
  fields: (t) => ({
    name: t.exposeString('name', {
      description:
        'ORG, USERS, GROUPS, APPS, ROLE_ASSIGNMENTS, ROLE_ASSIGNEES, CUSTOM_ROLES, RESOURCE_SETS, CLIENTS, CLIENT_ROLES, APP_GRANTS, SYSTEM_LOG or SCHEMAS.',
    }),
    allowed: t.exposeBoolean('allowed', { description: 'Okta answered the probe for this read.' }),
    reason: t.string({
      nullable: true,
      description: "Okta's status and error code when refused or failed; null when allowed.",
      resolve: (r) => r.reason,
    }),
    needs: t.stringList({
      description:
        'What would allow it: OAuth scopes (every one) and/or admin roles or custom-role permissions (any one); empty when allowed.',
      resolve: needsOf,
    }),
  }),
});

const GatewayAccessRef = builder.objectRef<GatewayAccessModel>('GatewayAccess').implement({
  description: "What the gateway's own Okta credential can read.",
  fields: (t) => ({
    connection: t.field({
      type: ConnectionEnum,
      description: 'An API token or an OAuth 2.0 service app.',
      resolve: (a) => a.connection,
    }),
    principal: t.field({
      type: PrincipalRef,
      nullable: true,
      description: "The token's user or the OAuth service app; null when Okta refused the credential.",
      resolve: (a, _args, ctx) => gatewayPrincipal(ctx, a),
    }),
    scopes: t.stringList({
      description: 'Granted OAuth scopes in service-app mode; empty for an API token.',
      resolve: (a) => [...a.scopes],
    }),
    reads: t.field({
      type: [GatewayReadRef],
      description: 'Every kind of read the gateway makes, in a fixed order.',
      resolve: (a) => [...a.reads],
    }),
  }),
});

builder.queryFields((t) => ({
  gatewayAccess: t.field({
    type: GatewayAccessRef,
    description:
      "What the gateway's own Okta credential can read, checked against Okta (a cheap probe per read, cached briefly).",
    resolve: (_root, _args, ctx) => gatewayAccessOf(ctx),
  }),
}));
