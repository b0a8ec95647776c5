/**
 * Indexes over an OrgSnapshot: everything a route needs in O(1) (by id, by login, memberships
 * both ways, role assignments per principal, custom-role assignments derived from bindings).
 */
import { base32, derivedId } from './assignment-ids.ts';
import type {
  OrgSnapshot,
  SnapshotApp,
  SnapshotCustomRole,
  SnapshotGrant,
  SnapshotGroup,
  SnapshotResourceSet,
  SnapshotUser,
} from './snapshot-format.ts';

export type PrincipalType = 'USER' | 'GROUP' | 'CLIENT';

/** One role assignment held directly by a principal (standard, or derived from a binding). */
export interface Assignment {
  id: string;
  /** Role type: SUPER_ADMIN, ..., CUSTOM. */
  type: string;
  label: string;
  status: 'ACTIVE' | 'INACTIVE';
  created: string;
  principalType: PrincipalType;
  principalId: string;
  groupTargets?: string[];
  appTargets?: { name: string; appId?: string }[];
  /** Custom (binding-derived) assignments only. */
  roleId?: string;
  resourceSetId?: string;
}

/** Okta's labels for the standard role types. */
export const STANDARD_ROLE_LABELS: Record<string, string> = {
  SUPER_ADMIN: 'Super Administrator',
  ORG_ADMIN: 'Organizational Administrator',
  APP_ADMIN: 'Application Administrator',
  USER_ADMIN: 'Group Administrator',
  HELP_DESK_ADMIN: 'Help Desk Administrator',
  GROUP_MEMBERSHIP_ADMIN: 'Group Membership Administrator',
  READ_ONLY_ADMIN: 'Read-only Administrator',
  REPORT_ADMIN: 'Report Administrator',
  API_ACCESS_MANAGEMENT_ADMIN: 'API Access Management Administrator',
  MOBILE_ADMIN: 'Mobile Administrator',
  ACCESS_CERTIFICATIONS_ADMIN: 'Access Certifications Administrator',
  ACCESS_REQUESTS_ADMIN: 'Access Requests Administrator',
  WORKFLOWS_ADMIN: 'Workflows Administrator',
};

/** Roles whose assignment id Okta makes from the role type itself (the same on every principal). */
const BASE32_ID_ROLES = new Set(['APP_ADMIN', 'HELP_DESK_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'USER_ADMIN']);

export function standardAssignmentId(
  principalType: PrincipalType,
  principalId: string,
  type: string,
): string {
  if (BASE32_ID_ROLES.has(type)) return base32(type);
  return derivedId(principalType === 'GROUP' ? 'gra' : 'ra1', principalType, principalId, type);
}

export function bindingMemberId(
  resourceSetId: string,
  roleId: string,
  type: string,
  memberId: string,
): string {
  return derivedId('irb', resourceSetId, roleId, type, memberId);
}

const key = (type: PrincipalType, id: string) => `${type}:${id}`;

function indexBy<T>(items: T[], keyOf: (t: T) => string): Map<string, number> {
  const map = new Map<string, number>();
  for (const [i, item] of items.entries()) map.set(keyOf(item), i);
  return map;
}

export class SimStore {
  // Indexes are rebuilt by reindex() after a control call changes the org (sim/org-changes.ts).
  users!: SnapshotUser[];
  groups!: SnapshotGroup[];
  apps!: SnapshotApp[];
  clients!: SnapshotApp[];
  customRoles!: SnapshotCustomRole[];
  resourceSets!: SnapshotResourceSet[];
  userIndex!: Map<string, number>;
  groupIndex!: Map<string, number>;
  appIndex!: Map<string, number>;
  clientIndex!: Map<string, number>;
  private userByLogin = new Map<string, SnapshotUser>();
  private membersOf = new Map<string, string[]>();
  private groupsOfUser = new Map<string, string[]>();
  private memberIndexes = new Map<string, Map<string, number>>();
  private grantsOfApp = new Map<string, SnapshotGrant[]>();
  private direct = new Map<string, Assignment[]>();
  /**
   * Users holding a role directly or through a group, in snapshot order: the default answer of
   * /api/v1/iam/assignees/users, whose contents Okta does not document (docs/okta-assumptions.md).
   */
  assignedUserIds!: string[];
  /**
   * Users holding a role of their own (a USER standard-role assignment, or membership of a
   * resource-set binding as a USER), in snapshot order: the `assignees-direct` variant's list.
   */
  directlyAssignedUserIds!: string[];

  constructor(readonly org: OrgSnapshot) {
    this.reindex();
  }

  /** Builds every index from `org` again: after a change to the org, answers reflect it. */
  reindex(): void {
    const org = this.org;
    this.userByLogin = new Map();
    this.membersOf = new Map();
    this.groupsOfUser = new Map();
    this.memberIndexes = new Map();
    this.grantsOfApp = new Map();
    this.direct = new Map();
    this.users = org.users;
    this.groups = org.groups;
    this.apps = org.apps;
    this.clients = org.apps.filter((a) => a.oauthClient);
    this.customRoles = org.customRoles;
    this.resourceSets = org.resourceSets;
    this.userIndex = indexBy(this.users, (u) => u.id);
    this.groupIndex = indexBy(this.groups, (g) => g.id);
    this.appIndex = indexBy(this.apps, (a) => a.id);
    this.clientIndex = indexBy(this.clients, (a) => a.oauthClient?.clientId ?? a.id);
    for (const u of this.users) this.userByLogin.set(u.profile.login.toLowerCase(), u);
    for (const m of org.memberships) {
      const members = this.membersOf.get(m.groupId) ?? [];
      members.push(...m.userIds);
      this.membersOf.set(m.groupId, members);
      for (const userId of m.userIds) {
        const groups = this.groupsOfUser.get(userId) ?? [];
        groups.push(m.groupId);
        this.groupsOfUser.set(userId, groups);
      }
    }
    for (const grant of org.grants) {
      const list = this.grantsOfApp.get(grant.appId) ?? [];
      list.push(grant);
      this.grantsOfApp.set(grant.appId, list);
    }
    for (const ra of org.roleAssignments) {
      this.addDirect({
        id: standardAssignmentId(ra.principalType, ra.principalId, ra.type),
        type: ra.type,
        label: STANDARD_ROLE_LABELS[ra.type] ?? ra.type,
        status: ra.status,
        created: ra.created,
        principalType: ra.principalType,
        principalId: ra.principalId,
        ...(ra.groupTargets ? { groupTargets: ra.groupTargets } : {}),
        ...(ra.appTargets ? { appTargets: ra.appTargets } : {}),
      });
    }
    for (const rs of this.resourceSets) {
      for (const binding of rs.bindings) {
        const custom = this.customRole(binding.role);
        for (const member of binding.members) {
          this.addDirect({
            id: bindingMemberId(rs.id, binding.role, member.type, member.id),
            type: custom ? 'CUSTOM' : binding.role,
            label: custom ? custom.label : (STANDARD_ROLE_LABELS[binding.role] ?? binding.role),
            status: 'ACTIVE',
            created: rs.created,
            principalType: member.type,
            principalId: member.id,
            roleId: custom ? custom.id : binding.role,
            resourceSetId: rs.id,
          });
        }
      }
    }
    const assigned = new Set<string>();
    for (const [k, list] of this.direct) {
      if (!list.length) continue;
      if (k.startsWith('USER:')) assigned.add(k.slice(5));
      if (k.startsWith('GROUP:'))
        for (const userId of this.membersOf.get(k.slice(6)) ?? []) assigned.add(userId);
    }
    this.assignedUserIds = this.users.filter((u) => assigned.has(u.id)).map((u) => u.id);
    this.directlyAssignedUserIds = this.users
      .filter((u) => this.directAssignments('USER', u.id).length > 0)
      .map((u) => u.id);
  }

  private addDirect(a: Assignment): void {
    const k = key(a.principalType, a.principalId);
    const list = this.direct.get(k) ?? [];
    list.push(a);
    this.direct.set(k, list);
  }

  user(id: string): SnapshotUser | undefined {
    const i = this.userIndex.get(id);
    return i === undefined ? undefined : this.users[i];
  }
  userByIdOrLogin(idOrLogin: string): SnapshotUser | undefined {
    return this.user(idOrLogin) ?? this.userByLogin.get(idOrLogin.toLowerCase());
  }
  group(id: string): SnapshotGroup | undefined {
    const i = this.groupIndex.get(id);
    return i === undefined ? undefined : this.groups[i];
  }
  app(id: string): SnapshotApp | undefined {
    const i = this.appIndex.get(id);
    return i === undefined ? undefined : this.apps[i];
  }
  client(clientId: string): SnapshotApp | undefined {
    const i = this.clientIndex.get(clientId);
    return i === undefined ? undefined : this.clients[i];
  }
  customRole(idOrLabel: string): SnapshotCustomRole | undefined {
    return this.customRoles.find((r) => r.id === idOrLabel || r.label === idOrLabel);
  }
  resourceSet(idOrLabel: string): SnapshotResourceSet | undefined {
    return this.resourceSets.find((r) => r.id === idOrLabel || r.label === idOrLabel);
  }
  membersOfGroup(groupId: string): string[] {
    return this.membersOf.get(groupId) ?? [];
  }
  /** Position of each member in membersOfGroup, built once per group (paging big groups). */
  memberIndex(groupId: string): Map<string, number> {
    let index = this.memberIndexes.get(groupId);
    if (!index) {
      index = new Map();
      for (const [i, m] of this.membersOfGroup(groupId).entries()) index.set(m, i);
      this.memberIndexes.set(groupId, index);
    }
    return index;
  }
  groupIdsOfUser(userId: string): string[] {
    return this.groupsOfUser.get(userId) ?? [];
  }
  grantsOf(appId: string): SnapshotGrant[] {
    return this.grantsOfApp.get(appId) ?? [];
  }
  directAssignments(type: PrincipalType, id: string): Assignment[] {
    return this.direct.get(key(type, id)) ?? [];
  }

  /** A user's roles as Okta lists them: direct ones, then those inherited from each group. */
  userAssignments(userId: string): { assignment: Assignment; via: 'USER' | 'GROUP' }[] {
    const out: { assignment: Assignment; via: 'USER' | 'GROUP' }[] = this.directAssignments(
      'USER',
      userId,
    ).map((assignment) => ({ assignment, via: 'USER' as const }));
    for (const groupId of this.groupIdsOfUser(userId)) {
      for (const assignment of this.directAssignments('GROUP', groupId))
        out.push({ assignment, via: 'GROUP' });
    }
    return out;
  }

  /** A principal's active assignments: a user's own and its groups', a group's or client's own. */
  activeAssignments(type: PrincipalType, id: string): Assignment[] {
    const all =
      type === 'USER' ? this.userAssignments(id).map((a) => a.assignment) : this.directAssignments(type, id);
    return all.filter((a) => a.status === 'ACTIVE');
  }

  /** Whether a principal holds an active custom role granting `permission`. */
  holdsPermission(type: PrincipalType, id: string, permission: string): boolean {
    return this.activeAssignments(type, id).some(
      (a) => a.type === 'CUSTOM' && a.roleId && this.customRole(a.roleId)?.permissions.includes(permission),
    );
  }

  /** Registers a public key for private_key_jwt on a client (createServiceAppKey). */
  addClientKey(clientId: string, jwk: Record<string, unknown>): void {
    const app = this.client(clientId);
    if (!app?.oauthClient) throw new Error(`no OAuth client with client id ${clientId}`);
    app.oauthClient.jwks ??= { keys: [] };
    app.oauthClient.jwks.keys.push(jwk);
  }
}
