import { type AccessGrantModel, whoCanAnswer } from '../resolvers/who-can.ts';
import { builder } from './builder.ts';
import { PrincipalKindEnum, PrincipalRef, RoleAssignmentRef } from './refs.ts';

const AccessGrantRef = builder.objectRef<AccessGrantModel>('AccessGrant').implement({
  description:
    'A principal that holds a permission over a resource, with the assignments and the scope that make it so.',
  fields: (t) => ({
    principal: t.field({
      type: PrincipalRef,
      description:
        'A user with an assignment of its own, a group (its members are not expanded), or a service app.',
      resolve: (g) => g.principal,
    }),
    grantedBy: t.field({
      type: [RoleAssignmentRef],
      description: "The principal's assignments that grant the permission over the resource.",
      resolve: (g) => g.grantedBy,
    }),
    matchedScope: t.exposeString('matchedScope', {
      description:
        "The ORN of the granted scope that covers the resource (an org-wide ORN, a group's contained_resources, an app type, ...); the widest when several do.",
    }),
  }),
});

builder.queryField('whoCan', (t) =>
  t.field({
    type: [AccessGrantRef],
    description: `The principals that hold \`permission\` over \`resource\`, with the assignments that grant it.
resource: an ORN, a REST URL on the org (https://{domain}/api/v1/groups/{id}, or the path alone), or \`user:{id or login}\`,
\`group:{id or name}\` (with a users permission: the users in the group), \`app:{id}\`. Coverage follows Okta's ORN rules:
an org-wide ORN covers its family, a group's contained_resources covers its members (a user is covered through the groups
it is in), an app type covers its instances, a targeted standard role covers its targets, and a permission covers the
permissions it includes (okta.users.manage includes okta.users.read). Groups are answered as groups (members are not
expanded; a user appears only with an assignment of its own). A service app appears only when a granted scope also
allows the permission. Okta's barriers apply to one group or one user, and the grants they void are left out: on a group
that holds an admin role, every permission that changes it (those that apply to groups but okta.groups.read) belongs to
SUPER_ADMIN holders alone; on a user who is a Super Administrator (directly or through a group), custom roles hold no
permission that changes group memberships (okta.users.groupMembership.manage, okta.users.manage). Unknown permission or
malformed resource: error BAD_USER_INPUT; unknown object: error NOT_FOUND.`,
    args: {
      permission: t.arg.string({
        required: true,
        description: 'An okta.* permission, e.g. okta.groups.members.manage.',
      }),
      resource: t.arg.string({
        required: true,
        description: 'An ORN, a REST URL on the org, user:{id or login}, group:{id or name} or app:{id}.',
      }),
      kinds: t.arg({ type: [PrincipalKindEnum], description: 'Only principals of these kinds.' }),
    },
    resolve: (_root, args, ctx) => whoCanAnswer(ctx, args),
  }),
);
