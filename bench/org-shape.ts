/**
 * The facts about an org that decide how many Okta calls an answer needs, read straight from the
 * simulator's org snapshot (not through the gateway, so a gateway bug cannot hide in the bound).
 */
import type { OrgSnapshot } from '../src/sim/snapshot-format.ts';

/** One assignment as Okta lists it for a principal: a standard role, or a binding of a resource set. */
export interface ShapeAssignment {
  type: string;
  /** Custom role id of a binding; null for standard and IAM-based standard roles. */
  customRoleId: string | null;
  resourceSetId: string | null;
  /**
   * Group targets of a standard role. Okta's `expand=targets/groups` embeds targets only where an
   * assignment has some: a role list whose assignments all have 0 embeds nothing.
   */
  groupTargets: number;
  /** App targets of an APP_ADMIN (what `/roles/{id}/targets/catalog/apps` lists). */
  appTargets: number;
}

export interface OrgShape {
  users: number;
  /** Every group (what `GET /api/v1/groups?expand=stats` lists). */
  groups: number;
  /** OAuth clients of any kind (what /oauth2/v1/clients lists). */
  clients: number;
  /** Client ids of service apps. */
  serviceApps: string[];
  /** Direct assignments per principal key: `USER:id`, `GROUP:id`, `CLIENT:id`. */
  direct: Map<string, ShapeAssignment[]>;
  /** Member count per group id. */
  memberCount: Map<string, number>;
  /** Group ids per user id (only users in some group). */
  groupsOfUser: Map<string, string[]>;
  /** Users Okta lists as role assignees: a direct assignment, or membership of a group with one. */
  assignees: string[];
  customRoles: string[];
  resourceSets: { id: string; resources: number; bindings: { role: string; members: number }[] }[];
  /** Distinct binding members by kind (principals the catalog shows). */
  bindingMembers: { users: number; groups: number; clients: number };
}

const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export function orgShape(org: OrgSnapshot): OrgShape {
  const customRoleIds = new Set(org.customRoles.map((r) => r.id));
  const direct = new Map<string, ShapeAssignment[]>();
  for (const ra of org.roleAssignments) {
    push(direct, `${ra.principalType}:${ra.principalId}`, {
      type: ra.type,
      customRoleId: null,
      resourceSetId: null,
      groupTargets: ra.groupTargets?.length ?? 0,
      appTargets: ra.appTargets?.length ?? 0,
    });
  }
  const members = { users: new Set<string>(), groups: new Set<string>(), clients: new Set<string>() };
  for (const rs of org.resourceSets) {
    for (const binding of rs.bindings) {
      const custom = customRoleIds.has(binding.role);
      for (const m of binding.members) {
        push(direct, `${m.type}:${m.id}`, {
          type: custom ? 'CUSTOM' : binding.role,
          customRoleId: custom ? binding.role : null,
          resourceSetId: rs.id,
          groupTargets: 0,
          appTargets: 0,
        });
        (m.type === 'USER' ? members.users : m.type === 'GROUP' ? members.groups : members.clients).add(m.id);
      }
    }
  }
  const memberCount = new Map<string, number>();
  const groupsOfUser = new Map<string, string[]>();
  for (const m of org.memberships) {
    memberCount.set(m.groupId, m.userIds.length);
    for (const userId of m.userIds) push(groupsOfUser, userId, m.groupId);
  }
  const assigned = new Set<string>();
  for (const [key, list] of direct) {
    if (list.length === 0) continue;
    const [kind, id] = key.split(':') as [string, string];
    if (kind === 'USER') assigned.add(id);
    if (kind === 'GROUP')
      for (const m of org.memberships.find((g) => g.groupId === id)?.userIds ?? []) assigned.add(m);
  }
  const clients = org.apps.filter((a) => a.oauthClient);
  return {
    users: org.users.length,
    groups: org.groups.length,
    clients: clients.length,
    serviceApps: clients
      .filter((a) => a.oauthClient?.applicationType === 'service')
      .map((a) => a.oauthClient!.clientId),
    direct,
    memberCount,
    groupsOfUser,
    assignees: org.users.filter((u) => assigned.has(u.id)).map((u) => u.id),
    customRoles: org.customRoles.map((r) => r.id),
    resourceSets: org.resourceSets.map((rs) => ({
      id: rs.id,
      resources: rs.resources.length,
      bindings: rs.bindings.map((b) => ({ role: b.role, members: b.members.length })),
    })),
    bindingMembers: { users: members.users.size, groups: members.groups.size, clients: members.clients.size },
  };
}

/** A user's assignments as Okta lists them: direct, and inherited from each group with some. */
export function effectiveAssignments(shape: OrgShape, userId: string): ShapeAssignment[] {
  const own = shape.direct.get(`USER:${userId}`) ?? [];
  const inherited = (shape.groupsOfUser.get(userId) ?? []).flatMap(
    (g) => shape.direct.get(`GROUP:${g}`) ?? [],
  );
  return [...own, ...inherited];
}
