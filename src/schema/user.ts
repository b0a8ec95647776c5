import { isUser } from '../resolvers/principal.ts';
import { findUser, groupsOfUser, listUsers } from '../resolvers/user.ts';
import { builder } from './builder.ts';
import { GroupRef, PrincipalRef, UserConnectionRef, UserRef } from './refs.ts';

builder.node(UserRef, {
  description: 'An Okta user.',
  interfaces: [PrincipalRef],
  id: { resolve: (u) => u.id },
  isTypeOf: (value) => typeof value === 'object' && value !== null && isUser(value),
  loadOne: (id, ctx) => ctx.loaders.userById.load(id),
  fields: (t) => ({
    login: t.exposeString('login', { description: 'The Okta login (usually an email address).' }),
    email: t.string({ nullable: true, description: 'Primary email.', resolve: (u) => u.email }),
    status: t.exposeString('status', { description: 'Okta user status: ACTIVE, SUSPENDED, ...' }),
    groups: t.field({
      type: [GroupRef],
      description: 'Groups the user belongs to.',
      resolve: (u, _args, ctx) => groupsOfUser(ctx, u),
    }),
  }),
});

builder.queryFields((t) => ({
  user: t.field({
    type: UserRef,
    nullable: true,
    description: 'By id or login. Unknown: null.',
    args: { idOrLogin: t.arg.string({ required: true, description: 'Okta user id (00u...) or login.' }) },
    resolve: (_root, args, ctx) => findUser(ctx, args.idOrLogin),
  }),
  users: t.field({
    type: UserConnectionRef,
    description: 'search: an Okta search expression, passed through (e.g. profile.department eq "IT").',
    args: {
      search: t.arg.string({ description: 'Okta search expression, passed through.' }),
      first: t.arg.int({ defaultValue: 50, description: 'Page size, 1 to 200 (default 50).' }),
      after: t.arg.string({ description: 'endCursor of the previous page.' }),
    },
    resolve: (_root, args, ctx) => listUsers(ctx, args),
  }),
}));
