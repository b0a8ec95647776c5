/**
 * Changes to the simulated org, made through the control API (`POST /__sim/...`, never by the
 * gateway): grant and revoke roles, change group membership, edit a custom role or a resource set,
 * grant and revoke scopes. Each change writes the System Log event Okta writes for it, in Okta's
 * shape (event types and target shapes: docs/admin-changes.md), and reindexes the store.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  SnapshotApp,
  SnapshotBinding,
  SnapshotLogEvent,
  SnapshotLogTarget,
  SnapshotRoleAssignment,
} from './snapshot-format.ts';
import { type PrincipalType, type SimStore, STANDARD_ROLE_LABELS } from './store.ts';

/** A change the control API refuses: 400 (bad request), 404 (unknown object) or 409 (conflict). */
export class OrgChangeError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;

function text(body: Body, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new OrgChangeError(400, `${name}: expected a string`);
  return value;
}

const optionalText = (body: Body, name: string) => (body[name] === undefined ? undefined : text(body, name));

function principalTypeOf(body: Body): PrincipalType {
  const type = text(body, 'principalType');
  if (type !== 'USER' && type !== 'GROUP' && type !== 'CLIENT') {
    throw new OrgChangeError(400, 'principalType: expected USER, GROUP or CLIENT');
  }
  return type;
}

function userTarget(store: SimStore, idOrLogin: string): SnapshotLogTarget {
  const user = store.userByIdOrLogin(idOrLogin);
  if (!user) throw new OrgChangeError(404, `no user ${idOrLogin}`);
  const name = `${user.profile.firstName} ${user.profile.lastName}`;
  return { id: user.id, type: 'User', alternateId: user.profile.login, displayName: name };
}

function groupTarget(store: SimStore, groupId: string): SnapshotLogTarget {
  const group = store.group(groupId);
  if (!group) throw new OrgChangeError(404, `no group ${groupId}`);
  return { id: group.id, type: 'UserGroup', alternateId: 'unknown', displayName: group.profile.name };
}

function clientOf(store: SimStore, clientId: string): SnapshotApp {
  const app = store.client(clientId);
  if (!app?.oauthClient) throw new OrgChangeError(404, `no OAuth client ${clientId}`);
  return app;
}

/** An OAuth client by its client id, then its app instance by app id. */
function clientTargets(app: SnapshotApp): SnapshotLogTarget[] {
  const clientId = app.oauthClient?.clientId ?? app.id;
  return [
    { id: clientId, type: 'PublicClientApp', alternateId: clientId, displayName: app.label },
    { id: app.id, type: 'AppInstance', alternateId: app.label, displayName: app.label },
  ];
}

function principalTargets(store: SimStore, type: PrincipalType, id: string): SnapshotLogTarget[] {
  if (type === 'USER') return [userTarget(store, id)];
  if (type === 'GROUP') return [groupTarget(store, id)];
  return clientTargets(clientOf(store, id));
}

/** The id the snapshot keys a principal by: a user's id (a login is accepted), a group id, a client id. */
function principalKey(store: SimStore, type: PrincipalType, idOrLogin: string): string {
  return principalTargets(store, type, idOrLogin)[0]!.id;
}

/** Who made the change: the given user, else the first user holding SUPER_ADMIN of their own. */
function actorOf(store: SimStore, body: Body): string {
  const given = optionalText(body, 'actor');
  if (given) return userTarget(store, given).id;
  const admin = store.org.roleAssignments.find(
    (ra) => ra.principalType === 'USER' && ra.type === 'SUPER_ADMIN' && ra.status === 'ACTIVE',
  );
  return admin?.principalId ?? store.users[0]?.id ?? 'system';
}

function writeEvent(
  store: SimStore,
  body: Body,
  eventType: string,
  displayMessage: string,
  target: SnapshotLogTarget[],
  debugData?: Record<string, string>,
): SnapshotLogEvent {
  const event: SnapshotLogEvent = {
    uuid: randomUUID(),
    published: new Date().toISOString(),
    eventType,
    displayMessage,
    severity: 'INFO',
    actorId: actorOf(store, body),
    target,
    ...(debugData ? { debugData } : {}),
  };
  store.org.systemLog ??= [];
  store.org.systemLog.push(event);
  store.reindex();
  return event;
}

const label = (type: string) => STANDARD_ROLE_LABELS[type] ?? type;

const PRIVILEGE_EVENTS: Record<PrincipalType, { grant: string; revoke: string; noun: string }> = {
  USER: { grant: 'user.account.privilege.grant', revoke: 'user.account.privilege.revoke', noun: 'user' },
  GROUP: { grant: 'group.privilege.grant', revoke: 'group.privilege.revoke', noun: 'group' },
  CLIENT: {
    grant: 'app.oauth2.client.privilege.grant',
    revoke: 'app.oauth2.client.privilege.revoke',
    noun: 'client',
  },
};

function standardRoles(store: SimStore, type: PrincipalType, id: string): SnapshotRoleAssignment[] {
  return store.org.roleAssignments.filter(
    (ra) => ra.principalType === type && ra.principalId === id && ra.status === 'ACTIVE',
  );
}

/** `POST /__sim/roles/grant {principalType, principalId, type, groupTargets?, appTargets?}`. */
export function grantRole(store: SimStore, body: Body): SnapshotLogEvent {
  const principalType = principalTypeOf(body);
  const principalId = principalKey(store, principalType, text(body, 'principalId'));
  const type = text(body, 'type');
  if (!/^[A-Z][A-Z0-9_]*$/.test(type))
    throw new OrgChangeError(400, 'type: expected a role type such as APP_ADMIN');
  if (standardRoles(store, principalType, principalId).some((ra) => ra.type === type)) {
    throw new OrgChangeError(409, `${principalId} already holds ${type}`);
  }
  const groupTargets = Array.isArray(body.groupTargets) ? body.groupTargets.map(String) : undefined;
  const appTargets = Array.isArray(body.appTargets)
    ? (body.appTargets as { name: string; appId?: string }[])
    : undefined;
  store.org.roleAssignments.push({
    principalType,
    principalId,
    type,
    status: 'ACTIVE',
    created: new Date().toISOString(),
    ...(groupTargets ? { groupTargets } : {}),
    ...(appTargets ? { appTargets } : {}),
  });
  // Okta's privilegeGranted names every privilege the principal holds after the grant.
  const held = standardRoles(store, principalType, principalId).map((ra) => label(ra.type));
  const events = PRIVILEGE_EVENTS[principalType];
  return writeEvent(
    store,
    body,
    events.grant,
    `Grant ${events.noun} privilege`,
    principalTargets(store, principalType, principalId),
    { privilegeGranted: held.join(', ') },
  );
}

/** `POST /__sim/roles/revoke {principalType, principalId, type}`. */
export function revokeRole(store: SimStore, body: Body): SnapshotLogEvent {
  const principalType = principalTypeOf(body);
  const principalId = principalKey(store, principalType, text(body, 'principalId'));
  const type = text(body, 'type');
  const list = store.org.roleAssignments;
  const index = list.findIndex(
    (ra) => ra.principalType === principalType && ra.principalId === principalId && ra.type === type,
  );
  if (index < 0) throw new OrgChangeError(404, `${principalId} holds no ${type}`);
  list.splice(index, 1);
  const events = PRIVILEGE_EVENTS[principalType];
  return writeEvent(
    store,
    body,
    events.revoke,
    `Revoke ${events.noun} privilege`,
    principalTargets(store, principalType, principalId),
    { privilegeRevoked: label(type) },
  );
}

/** `POST /__sim/groups/members/add|remove {groupId, userId}` (a login is accepted for userId). */
export function changeMembership(store: SimStore, body: Body, add: boolean): SnapshotLogEvent {
  const group = groupTarget(store, text(body, 'groupId'));
  const user = userTarget(store, text(body, 'userId'));
  let membership = store.org.memberships.find((m) => m.groupId === group.id);
  const isMember = membership?.userIds.includes(user.id) ?? false;
  if (add === isMember) {
    throw new OrgChangeError(409, `${user.id} is ${add ? 'already' : 'not'} a member of ${group.id}`);
  }
  if (!membership) {
    membership = { groupId: group.id, userIds: [] };
    store.org.memberships.push(membership);
  }
  membership.userIds = add
    ? [...membership.userIds, user.id]
    : membership.userIds.filter((id) => id !== user.id);
  return add
    ? writeEvent(store, body, 'group.user_membership.add', 'Add user to group membership', [user, group])
    : writeEvent(store, body, 'group.user_membership.remove', 'Remove user from group membership', [
        user,
        group,
      ]);
}

/** `POST /__sim/custom-roles/permissions/add|remove {roleId, permission}`. */
export function changeRolePermission(store: SimStore, body: Body, add: boolean): SnapshotLogEvent {
  const role = store.customRole(text(body, 'roleId'));
  if (!role) throw new OrgChangeError(404, `no custom role ${String(body.roleId)}`);
  const permission = text(body, 'permission');
  if (add === role.permissions.includes(permission)) {
    throw new OrgChangeError(409, `${role.id} ${add ? 'already has' : 'has no'} ${permission}`);
  }
  role.permissions = add
    ? [...role.permissions, permission]
    : role.permissions.filter((p) => p !== permission);
  const target: SnapshotLogTarget[] = [
    { id: role.id, type: 'CustomRole', alternateId: role.label, displayName: role.label },
    { id: permission, type: 'Permission', alternateId: permission, displayName: permission },
  ];
  return add
    ? writeEvent(store, body, 'iam.role.permissions.add', 'Add permissions to custom role', target)
    : writeEvent(store, body, 'iam.role.permissions.delete', 'Delete permissions from custom role', target);
}

function resourceSetOf(store: SimStore, body: Body) {
  const set = store.resourceSet(text(body, 'resourceSetId'));
  if (!set) throw new OrgChangeError(404, `no resource set ${String(body.resourceSetId)}`);
  const target: SnapshotLogTarget = {
    id: set.id,
    type: 'ResourceSet',
    alternateId: set.label,
    displayName: set.label,
  };
  return { set, target };
}

/** `POST /__sim/resource-sets/resources/add|remove {resourceSetId, orn}`. */
export function changeResource(store: SimStore, body: Body, add: boolean): SnapshotLogEvent {
  const { set, target } = resourceSetOf(store, body);
  const orn = text(body, 'orn');
  if (!orn.startsWith('orn:'))
    throw new OrgChangeError(400, 'orn: expected an ORN such as orn:okta:directory:{orgId}:groups');
  if (add === set.resources.includes(orn)) {
    throw new OrgChangeError(409, `${set.id} ${add ? 'already holds' : 'does not hold'} ${orn}`);
  }
  set.resources = add ? [...set.resources, orn] : set.resources.filter((r) => r !== orn);
  const resource: SnapshotLogTarget = { id: orn, type: 'Resource', alternateId: orn, displayName: orn };
  return add
    ? writeEvent(store, body, 'iam.resourceset.resources.add', 'Add resources to resource set', [
        target,
        resource,
      ])
    : writeEvent(store, body, 'iam.resourceset.resources.delete', 'Delete resources from resource set', [
        target,
        resource,
      ]);
}

/** `POST /__sim/resource-sets/bindings/add|remove {resourceSetId, role, memberType, memberId}`. */
export function changeBinding(store: SimStore, body: Body, add: boolean): SnapshotLogEvent {
  const { set, target } = resourceSetOf(store, body);
  const role = text(body, 'role');
  const custom = store.customRole(role);
  if (!custom && !/^[A-Z][A-Z0-9_]*$/.test(role)) throw new OrgChangeError(404, `no custom role ${role}`);
  const roleId = custom?.id ?? role;
  const memberType = text(body, 'memberType') as PrincipalType;
  if (!['USER', 'GROUP', 'CLIENT'].includes(memberType)) {
    throw new OrgChangeError(400, 'memberType: expected USER, GROUP or CLIENT');
  }
  const memberTargets = principalTargets(store, memberType, text(body, 'memberId'));
  const memberId = memberTargets[0]!.id;
  let binding: SnapshotBinding | undefined = set.bindings.find((b) => b.role === roleId);
  const bound = binding?.members.some((m) => m.type === memberType && m.id === memberId) ?? false;
  if (add === bound) {
    throw new OrgChangeError(
      409,
      `${memberId} is ${add ? 'already' : 'not'} bound to ${roleId} in ${set.id}`,
    );
  }
  if (!binding) {
    binding = { role: roleId, members: [] };
    set.bindings.push(binding);
  }
  binding.members = add
    ? [...binding.members, { type: memberType, id: memberId }]
    : binding.members.filter((m) => !(m.type === memberType && m.id === memberId));
  if (binding.members.length === 0) set.bindings = set.bindings.filter((b) => b !== binding);
  const roleTarget: SnapshotLogTarget = custom
    ? { id: custom.id, type: 'CustomRole', alternateId: custom.label, displayName: custom.label }
    : { id: roleId, type: 'Role', alternateId: roleId, displayName: label(roleId) };
  const targets = [target, roleTarget, ...memberTargets];
  return add
    ? writeEvent(store, body, 'iam.resourceset.bindings.add', 'Add admin role assignment', targets)
    : writeEvent(store, body, 'iam.resourceset.bindings.delete', 'Delete admin role assignment', targets);
}

/** `POST /__sim/grants/grant|revoke {clientId, scope}`: an Okta API scope of a service app. */
export function changeScopeGrant(store: SimStore, body: Body, grant: boolean): SnapshotLogEvent {
  const app = clientOf(store, text(body, 'clientId'));
  const scope = text(body, 'scope');
  const existing = store.org.grants.find(
    (g) => g.appId === app.id && g.scopeId === scope && g.status === 'ACTIVE',
  );
  if (grant === Boolean(existing)) {
    throw new OrgChangeError(409, `${app.id} ${grant ? 'already holds' : 'holds no'} ${scope}`);
  }
  const id = existing?.id ?? `oag${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 17)}`;
  if (grant) {
    store.org.grants.push({
      id,
      appId: app.id,
      scopeId: scope,
      status: 'ACTIVE',
      created: new Date().toISOString(),
    });
  } else {
    store.org.grants = store.org.grants.filter((g) => g !== existing);
  }
  const clientId = app.oauthClient?.clientId ?? app.id;
  const targets: SnapshotLogTarget[] = [
    ...clientTargets(app),
    {
      id,
      type: 'OAuth2Scope',
      alternateId: scope,
      displayName: scope,
      detailEntry: { publicclientapp: clientId },
    },
  ];
  return grant
    ? writeEvent(store, body, 'app.oauth2.admin.consent.grant', 'Admin consent granted', targets)
    : writeEvent(store, body, 'app.oauth2.admin.consent.revoke', 'Admin consent revoked', targets);
}

/** `POST /__sim/sessions/start {userId}`: a user signs in (noise for a change feed). */
export function startSession(store: SimStore, body: Body): SnapshotLogEvent {
  const user = userTarget(store, text(body, 'userId'));
  return writeEvent(store, { actor: user.id }, 'user.session.start', 'User login to Okta', []);
}
