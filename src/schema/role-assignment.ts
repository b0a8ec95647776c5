import { encodeGlobalID } from '@pothos/plugin-relay';
import type { RoleAssignmentRecord } from '../iam/model.ts';
import { appOrn, groupOrn } from '../iam/resource-family.ts';
import { loadPrincipal } from '../resolvers/principal.ts';
import { findResourceSet } from '../resolvers/resource-set.ts';
import { roleOfAssignment } from '../resolvers/role.ts';
import {
  AssignmentTypeEnum,
  GroupRef,
  PrincipalRef,
  ResourceSetRef,
  RoleAssignmentRef,
  RoleRef,
} from './refs.ts';

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
      // The pinned description; the id also names the group of an inherited assignment, because Okta
      // lists a user's direct and group-inherited assignment of one role under one id.
      description: 'Unique across principals (Okta reuses assignment ids between principals).',
      resolve: (a) => {
        const through = a.inheritedFromGroupId ? `:${a.inheritedFromGroupId}` : '';
        return encodeGlobalID('RoleAssignment', `${a.principalKind}:${a.principalKey}:${a.id}${through}`);
      },
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
      resolve: (a, _args, ctx) => loadPrincipal(ctx, a.principalKind, a.principalKey),
    }),
  }),
});
