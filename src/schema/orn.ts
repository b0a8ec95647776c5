import { parseOrnArg } from '../resolvers/orn.ts';
import { builder } from './builder.ts';
import { OrnRef } from './refs.ts';

OrnRef.implement({
  description:
    'An Okta Resource Name taken apart: orn:{partition}:{service}:{orgId}:{objectType}:{objectId}...',
  fields: (t) => ({
    partition: t.exposeString('partition', { description: 'okta or oktapreview.' }),
    service: t.exposeString('service', { description: 'directory, idp, ...' }),
    orgId: t.exposeString('orgId', { description: 'The org id (00o...).' }),
    objectType: t.string({
      nullable: true,
      description: 'users, groups, apps, ...; null for an org-wide ORN without one.',
      resolve: (o) => o.objectType,
    }),
    objectId: t.string({
      nullable: true,
      description: 'The object id, when the ORN names one.',
      resolve: (o) => o.objectId,
    }),
    appName: t.string({
      nullable: true,
      description: 'For app ORNs: the app type (oidc_client, salesforce, ...).',
      resolve: (o) => o.appName,
    }),
    containedResources: t.exposeBoolean('containedResources', {
      description: "True when the ORN means the object's contained resources (a group's users, ...).",
    }),
    restUrl: t.string({
      nullable: true,
      description:
        'Full REST URL on the configured org (https://{domain}/api/v1/groups/{id}/users, ...); null where none.',
      resolve: (o) => o.restUrl,
    }),
  }),
});

builder.queryField('parseOrn', (t) =>
  t.field({
    type: OrnRef,
    description: 'Parses an Okta Resource Name. Malformed: error BAD_USER_INPUT.',
    args: { orn: t.arg.string({ required: true, description: 'The ORN to parse.' }) },
    resolve: (_root, args, ctx) => parseOrnArg(ctx, args.orn),
  }),
);
