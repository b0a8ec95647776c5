import { encodeGlobalID } from '@pothos/plugin-relay';
import { appOrn, groupOrn } from '../iam/index.ts';
import type { RoleAssignmentRecord } from '../iam/model.ts';
import { listAdmins } from '../resolvers/admins.ts';
import {
  assignmentsOf,
  displayNameOf,
  effectivePermissionsOf,
  findPrincipal,
  type PrincipalModel,
  principalKeyOf,
  principalKindOf,
} from '../resolvers/principal.ts';
import { readinessOf } from '../resolvers/readiness.ts';
import { findResourceSet } from '../resolvers/resource-set.ts';
import { roleOfAssignment } from '../resolvers/role.ts';
import { builder } from './builder.ts';
import {
  AssignmentTypeEnum,
  EffectivePermissionRef,
  GroupRef,
  LumosAccessEnum,
  PrincipalKindEnum,
  PrincipalRef,
  ReadinessRef,
  ResourceSetRef,
  RoleAssignmentRef,
  RoleRef,
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

function targetOrns(org: Parameters<typeof groupOrn>[0], a: RoleAssignmentRecord): string[] | null {
  if (!a.targets) return null;
  return a.targets.map((target) =>
    target.kind === 'GROUP'
      ? groupOrn(org, target.groupId)
      : appOrn(org, target.appName, target.appId ?? undefined),
  );
}

RoleAssignmentRef.implement({
  description: 'One admin role assignment as seen on one principal.',
  fields: (t) => ({
    id: t.id({
      description: 'Unique across principals (Okta reuses assignment ids between principals).',
      resolve: (a) => encodeGlobalID('RoleAssignment', `${a.principalKind}:${a.principalKey}:${a.id}`),
    }),
    role: t.field({
      type: RoleRef,
      description: 'The assigned role.',
      resolve: (a, _args, ctx) => roleOfAssignment(ctx, a),
    }),
    status: t.exposeString('status', { description: 'ACTIVE or INACTIVE.' }),
    assignmentType: t.field({
      type: AssignmentTypeEnum,
      description: 'USER (direct), GROUP (through a group) or CLIENT (a service app).',
      resolve: (a) => a.assignmentType,
    }),
    inheritedFrom: t.field({
      type: GroupRef,
      nullable: true,
      description: "On a user's list: the group the assignment comes from, when assignmentType is GROUP.",
      resolve: (a, _args, ctx) =>
        a.inheritedFromGroupId ? ctx.loaders.groupById.load(a.inheritedFromGroupId) : null,
    }),
    resourceSet: t.field({
      type: ResourceSetRef,
      nullable: true,
      description: 'Custom and IAM-based roles: the resource set the role is bound with.',
      resolve: (a, _args, ctx) => (a.resourceSetId ? findResourceSet(ctx, a.resourceSetId) : null),
    }),
    targets: t.stringList({
      nullable: true,
      description:
        'ORNs of the groups or apps the role is limited to; null when it applies org-wide or takes no targets.',
      resolve: async (a, _args, ctx) => (a.targets ? targetOrns(await ctx.org(), a) : null),
    }),
    principal: t.field({
      type: PrincipalRef,
      nullable: true,
      description: 'The principal whose list this assignment is on.',
      resolve: (a, _args, ctx): Promise<PrincipalModel | null> => {
        if (a.principalKind === 'USER') return ctx.loaders.userById.load(a.principalKey);
        if (a.principalKind === 'GROUP') return ctx.loaders.groupById.load(a.principalKey);
        return ctx.loaders.serviceAppByClientId.load(a.principalKey);
      },
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
