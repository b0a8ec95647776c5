import {
  allowedByScopesOf,
  findPermissionByName,
  listPermissions,
  permissionModel,
} from '../resolvers/permission.ts';
import { builder } from './builder.ts';
import { EffectivePermissionRef, PermissionRef, RoleAssignmentRef } from './refs.ts';

PermissionRef.implement({
  description: 'An Okta admin permission (okta.users.read, ...), as the permission catalog describes it.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The permission name, e.g. okta.users.read.' }),
    description: t.exposeString('description', { description: 'What the permission allows.' }),
    applicableResources: t.stringList({
      description: 'As the catalog says: All users, all users within a specific group, ...',
      resolve: (p) => [...p.applicableResources],
    }),
  }),
});

EffectivePermissionRef.implement({
  description: 'A permission a principal holds, where it applies and which assignments grant it.',
  fields: (t) => ({
    permission: t.field({
      type: PermissionRef,
      description: 'The permission.',
      resolve: (e) => permissionModel(e.permission),
    }),
    scope: t.stringList({
      description:
        'ORNs the permission applies to; the org-wide ORN of its family (orn:okta:directory:{org}:users, ...) when unrestricted.',
      resolve: (e) => [...e.scope],
    }),
    grantedBy: t.field({
      type: [RoleAssignmentRef],
      description: 'The role assignments that grant it (provenance).',
      resolve: (e) => [...e.grantedBy],
    }),
    allowedByScopes: t.stringList({
      nullable: true,
      description:
        'Service apps: the granted OAuth scopes that let the app use this permission; an empty list means no granted scope does, so its token cannot use it. Null for users and groups.',
      resolve: (e, _args, ctx) => allowedByScopesOf(ctx, e),
    }),
  }),
});

builder.queryFields((t) => ({
  permissions: t.field({
    type: [PermissionRef],
    description:
      'Every permission of the Okta permission catalog, plus any custom-role permission Okta returns that the catalog lacks.',
    resolve: (_root, _args, ctx) => listPermissions(ctx),
  }),
  permission: t.field({
    type: PermissionRef,
    nullable: true,
    description: 'By name, e.g. okta.users.read. Unknown: null.',
    args: { name: t.arg.string({ required: true, description: 'The permission name.' }) },
    resolve: (_root, args, ctx) => findPermissionByName(ctx, args.name),
  }),
}));
