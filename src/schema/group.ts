import { findGroup, listGroups, membersOfGroup } from '../resolvers/group.ts';
import { isGroup } from '../resolvers/principal.ts';
import { builder } from './builder.ts';
import { GroupConnectionRef, GroupRef, PrincipalRef, UserConnectionRef } from './refs.ts';

builder.node(GroupRef, {
  description: 'An Okta group. As a principal it shows its own role assignments: what a member would get.',
  interfaces: [PrincipalRef],
  id: { resolve: (g) => g.id },
  isTypeOf: (value) => typeof value === 'object' && value !== null && isGroup(value),
  loadOne: (id, ctx) => findGroup(ctx, id),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The group name.' }),
    description: t.string({
      nullable: true,
      description: 'The group description.',
      resolve: (g) => g.description,
    }),
    members: t.field({
      type: UserConnectionRef,
      description: 'Members of the group, a page at a time.',
      args: {
        first: t.arg.int({ defaultValue: 50, description: 'Page size, 1 to 200 (default 50).' }),
        after: t.arg.string({ description: 'endCursor of the previous page.' }),
      },
      resolve: (g, args, ctx) => membersOfGroup(ctx, g, args),
    }),
  }),
});

builder.queryFields((t) => ({
  group: t.field({
    type: GroupRef,
    nullable: true,
    description: 'By Okta group id (00g...). Unknown: null.',
    args: { id: t.arg.id({ required: true, description: 'Okta group id.' }) },
    resolve: (_root, args, ctx) => findGroup(ctx, String(args.id)),
  }),
  groups: t.field({
    type: GroupConnectionRef,
    description: 'search: an Okta search expression, passed through (e.g. profile.name sw "Okta").',
    args: {
      search: t.arg.string({ description: 'Okta search expression, passed through.' }),
      first: t.arg.int({ defaultValue: 50, description: 'Page size, 1 to 200 (default 50).' }),
      after: t.arg.string({ description: 'endCursor of the previous page.' }),
    },
    resolve: (_root, args, ctx) => listGroups(ctx, args),
  }),
}));
