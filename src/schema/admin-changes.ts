import type { AdminChange } from '../iam/admin-changes.ts';
import { adminChangesOf } from '../resolvers/admin-changes.ts';
import { builder } from './builder.ts';

const AdminChangeRef = builder.objectRef<AdminChange>('AdminChange').implement({
  description: 'A change of admin access, read from the System Log (docs/admin-changes.md).',
  fields: (t) => ({
    id: t.exposeID('id', { description: "Okta's System Log event uuid." }),
    published: t.exposeString('published', { description: 'ISO 8601.' }),
    kind: t.exposeString('kind', {
      description:
        'ROLE_GRANTED, ROLE_REVOKED, ROLE_CHANGED, RESOURCE_SET_CHANGED, ADMIN_GROUP_MEMBER_ADDED, ADMIN_GROUP_MEMBER_REMOVED, SCOPE_GRANTED or SCOPE_REVOKED.',
    }),
    eventType: t.exposeString('eventType', {
      description: "Okta's eventType, e.g. group.user_membership.add.",
    }),
    actor: t.string({
      nullable: true,
      description: 'Who made the change: a user id or login, or a client id; null when Okta names none.',
      resolve: (c) => c.actor,
    }),
    principalKey: t.string({
      nullable: true,
      description: 'The principal whose admin access changed: a user id, group id or client id.',
      resolve: (c) => c.principalKey,
    }),
    subject: t.string({
      nullable: true,
      description:
        'The role type or custom role id, resource set id, group id or scope the event names, where it names one.',
      resolve: (c) => c.subject,
    }),
    message: t.exposeString('message', { description: "Okta's displayMessage." }),
  }),
});

builder.queryFields((t) => ({
  adminChanges: t.field({
    type: [AdminChangeRef],
    description:
      'Changes to admin access read from the System Log, oldest first: role grants and revocations, role and resource-set edits, membership changes of groups that hold admin roles, scope grants and revocations of service apps. since / until: ISO 8601 instants; since defaults to 24 hours ago, until to now. A malformed instant: error BAD_USER_INPUT.',
    args: {
      since: t.arg.string({ description: 'ISO 8601 instant, inclusive; default 24 hours ago.' }),
      until: t.arg.string({ description: 'ISO 8601 instant, exclusive; default now.' }),
    },
    resolve: (_root, args, ctx) => adminChangesOf(ctx, args),
  }),
}));
