import { listAdmins } from '../resolvers/admins.ts';
import {
  assignmentsOf,
  displayNameOf,
  effectivePermissionsOf,
  findPrincipal,
  principalKeyOf,
  principalKindOf,
} from '../resolvers/principal.ts';
import { readinessOf } from '../resolvers/readiness.ts';
import { builder } from './builder.ts';
import {
  EffectivePermissionRef,
  LumosAccessEnum,
  PrincipalKindEnum,
  PrincipalRef,
  ReadinessRef,
  RoleAssignmentRef,
} from './refs.ts';

const TYPE_NAMES = { USER: 'User', GROUP: 'Group', SERVICE_APP: 'ServiceApp' } as const;

PrincipalRef.implement({
  description: 'Anything that can hold admin roles: a user, a group or a service app.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (p) => TYPE_NAMES[principalKindOf(p)],
  fields: (t) => ({
    key: t.string({
      description: 'The Okta id (00u..., 00g...) or, for a service app, its client id.',
      resolve: principalKeyOf,
    }),
    kind: t.field({
      type: PrincipalKindEnum,
      description: 'User, group or service app.',
      resolve: principalKindOf,
    }),
    displayName: t.string({ description: 'A name a person recognises.', resolve: displayNameOf }),
    roleAssignments: t.field({
      type: [RoleAssignmentRef],
      description: 'For a user: direct assignments and those inherited through groups.',
      resolve: (p, _args, ctx) => assignmentsOf(ctx, p),
    }),
    effectivePermissions: t.field({
      type: [EffectivePermissionRef],
      description: 'Every permission the principal holds through its assignments, with scope and provenance.',
      resolve: (p, _args, ctx) => effectivePermissionsOf(ctx, p),
    }),
    lumosReadiness: t.field({
      type: ReadinessRef,
      description: 'Whether this principal is ready to connect the Lumos Okta integration.',
      args: {
        access: t.arg({
          type: LumosAccessEnum,
          defaultValue: 'FULL',
          description: 'Access level (default FULL).',
        }),
      },
      resolve: (p, args, ctx) => readinessOf(ctx, p, args.access ?? 'FULL'),
    }),
  }),
});

builder.queryField('admins', (t) =>
  t.field({
    type: [PrincipalRef],
    description:
      'Every user, group and service app holding at least one admin role assignment of its own (users: assignmentType USER).',
    args: {
      roles: t.arg.stringList({
        description:
          'Only principals holding one of these role types or custom role ids (e.g. ["SUPER_ADMIN"]) with an assignment of their own; an empty list matches none.',
      }),
      kinds: t.arg({ type: [PrincipalKindEnum], description: 'Only these kinds.' }),
    },
    resolve: (_root, args, ctx) => listAdmins(ctx, { roles: args.roles, kinds: args.kinds }),
  }),
);

builder.queryField('principal', (t) =>
  t.field({
    type: PrincipalRef,
    nullable: true,
    description:
      "A principal by the names lumosReadiness takes: a user id or login, a group id, a service app client id, or `me` (the gateway's own credential). Unknown: null.",
    args: { name: t.arg.string({ required: true, description: 'Id, login, client id or `me`.' }) },
    resolve: (_root, args, ctx) => findPrincipal(ctx, args.name),
  }),
);
