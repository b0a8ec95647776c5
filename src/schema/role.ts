import { permissionModel } from '../resolvers/permission.ts';
import { findRole, listRoles, roleDescription, roleHolders, rolePermissions } from '../resolvers/role.ts';
import { builder } from './builder.ts';
import { PermissionRef, PrincipalRef, RoleKindEnum, RoleRef, RoleTargetKindEnum } from './refs.ts';

builder.node(RoleRef, {
  description: 'An admin role: a standard role type, an IAM-based standard role or a custom role.',
  id: { resolve: (role) => role.key },
  isTypeOf: (value) =>
    typeof value === 'object' && value !== null && 'targetKinds' in value && 'kind' in value,
  loadOne: (key, ctx) => findRole(ctx, key),
  fields: (t) => ({
    type: t.exposeString('type', {
      description: 'Okta role type: SUPER_ADMIN, APP_ADMIN, ... ; CUSTOM for custom roles.',
    }),
    key: t.exposeString('key', {
      description: 'SUPER_ADMIN, ... for standard roles; the custom role id (cr0...) for custom roles.',
    }),
    label: t.exposeString('label', { description: 'The label Okta shows for the role.' }),
    kind: t.field({
      type: RoleKindEnum,
      description: 'Standard, IAM-based standard or custom.',
      resolve: (r) => r.kind,
    }),
    description: t.string({
      nullable: true,
      description: 'What the role is for.',
      resolve: (r, _args, ctx) => roleDescription(ctx, r),
    }),
    permissions: t.field({
      type: [PermissionRef],
      description:
        "The role's permissions: for standard roles from the gateway's role-permission table, for custom roles as Okta lists them.",
      resolve: async (r, _args, ctx) => (await rolePermissions(ctx, r)).map(permissionModel),
    }),
    targetKinds: t.field({
      type: [RoleTargetKindEnum],
      description: 'Which targets the role accepts; empty when it takes none.',
      resolve: (r) => [...r.targetKinds],
    }),
    holders: t.field({
      type: [PrincipalRef],
      description:
        'Principals holding this role with an assignment of their own: users (direct), groups, service apps. Members of a holding group are not listed.',
      resolve: (r, _args, ctx) => roleHolders(ctx, r),
    }),
  }),
});

builder.queryFields((t) => ({
  roles: t.field({
    type: [RoleRef],
    description: 'Standard, IAM-based standard and custom roles. No argument: all of them.',
    args: { kind: t.arg({ type: RoleKindEnum, description: 'Only roles of this kind.' }) },
    resolve: (_root, args, ctx) => listRoles(ctx, args.kind),
  }),
  role: t.field({
    type: RoleRef,
    nullable: true,
    description:
      'By standard role type (SUPER_ADMIN), custom role id (cr0...) or custom role label. Unknown: null.',
    args: { idOrLabel: t.arg.string({ required: true, description: 'Role type, custom role id or label.' }) },
    resolve: (_root, args, ctx) => findRole(ctx, args.idOrLabel),
  }),
}));
