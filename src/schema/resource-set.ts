import { bindingsOf, findResourceSet, listResourceSets, resourcesOf } from '../resolvers/resource-set.ts';
import { builder } from './builder.ts';
import { BindingRef, OrnRef, PrincipalRef, ResourceRef, ResourceSetRef, RoleRef } from './refs.ts';

builder.node(ResourceSetRef, {
  description: 'A resource set: the resources a custom or IAM-based role is bound to.',
  id: { resolve: (set) => set.id },
  isTypeOf: (value) =>
    typeof value === 'object' &&
    value !== null &&
    'label' in value &&
    'description' in value &&
    !('kind' in value) &&
    !('principalKey' in value),
  loadOne: (id, ctx) => findResourceSet(ctx, id),
  fields: (t) => ({
    key: t.exposeString('id', { description: 'The Okta resource set id (iam...).' }),
    label: t.exposeString('label', { description: 'The label of the resource set.' }),
    description: t.string({ nullable: true, description: 'Its description.', resolve: (s) => s.description }),
    resources: t.field({
      type: [ResourceRef],
      description: 'The resources the set holds, as ORNs.',
      resolve: (s, _args, ctx) => resourcesOf(ctx, s),
    }),
    bindings: t.field({
      type: [BindingRef],
      description: 'Which roles are bound with the set, and to whom.',
      resolve: (s, _args, ctx) => bindingsOf(ctx, s),
    }),
  }),
});

ResourceRef.implement({
  description: 'One resource of a resource set.',
  fields: (t) => ({
    orn: t.exposeString('orn', { description: 'The Okta Resource Name, as Okta returns it.' }),
    restUrl: t.string({
      nullable: true,
      description: 'Full REST URL on the configured org; null where the resource has none.',
      resolve: (r) => r.restUrl,
    }),
    parsed: t.field({
      type: OrnRef,
      description: 'The ORN taken apart.',
      resolve: (r) => ({ ...r.parsed, restUrl: r.restUrl }),
    }),
  }),
});

BindingRef.implement({
  description: 'A role bound with a resource set, and the principals it is assigned to.',
  fields: (t) => ({
    role: t.field({ type: RoleRef, description: 'The bound role.', resolve: (b) => b.role }),
    members: t.field({
      type: [PrincipalRef],
      description: 'Users, groups and service apps the binding assigns the role to.',
      resolve: (b) => b.members,
    }),
  }),
});

builder.queryFields((t) => ({
  resourceSets: t.field({
    type: [ResourceSetRef],
    description: 'Every resource set of the org.',
    resolve: (_root, _args, ctx) => listResourceSets(ctx),
  }),
  resourceSet: t.field({
    type: ResourceSetRef,
    nullable: true,
    description: 'By resource set id (iam...) or label. Unknown: null.',
    args: { idOrLabel: t.arg.string({ required: true, description: 'Resource set id or label.' }) },
    resolve: (_root, args, ctx) => findResourceSet(ctx, args.idOrLabel),
  }),
}));
