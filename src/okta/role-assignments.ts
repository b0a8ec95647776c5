/**
 * A principal's role assignments with their targets, in as few calls as Okta allows: user and
 * group lists embed targets with `expand=targets/groups` (and `targets/catalog/apps`, asked only
 * when an APP_ADMIN is on the list); client lists cannot expand, so targets are fetched per
 * targetable assignment there.
 */
import { LRUCache } from 'lru-cache';
import type { PrincipalKind, RoleAssignmentRecord, RoleTarget } from '../iam/model.ts';
import { call } from './calls.ts';
import type { OktaSdkClient } from './client.ts';
import { appTargetOf, embeddedTargetsOf, groupTargetOf, toRoleAssignmentRecord } from './mappers.ts';
import { emptyOnNotFound } from './not-found.ts';
import { collectAll } from './pagination.ts';

/** Standard roles Okta lets you narrow to groups, and to apps. */
const GROUP_TARGETABLE = new Set(['USER_ADMIN', 'HELP_DESK_ADMIN', 'GROUP_MEMBERSHIP_ADMIN']);
const APP_TARGETABLE = new Set(['APP_ADMIN']);

type RoleList = (expand: string | undefined) => Promise<unknown[]>;

function hasEmbeddedTargets(assignment: unknown): boolean {
  const { groups, apps } = embeddedTargetsOf(assignment);
  return groups !== undefined || apps !== undefined;
}

const nonEmpty = (targets: RoleTarget[]): RoleTarget[] | null => (targets.length ? targets : null);

/** How long a read of one assignment's targets is shared by default, ms: as long as role assignments are cached by default. */
export const TARGET_READ_TTL_MS = 30_000;

type TargetKind = 'groups' | 'apps';
type TargetApi = OktaSdkClient['roleTargetApi'];
/** The target list of one assignment (`roleId`) held by a client, a group or a user (`key`). */
type TargetList = (api: TargetApi, key: string, roleId: string) => Promise<unknown>;

const TARGET_LISTS: Record<TargetKind, Record<PrincipalKind, TargetList>> = {
  groups: {
    SERVICE_APP: (api, clientId, roleAssignmentId) =>
      api.listGroupTargetRoleForClient({ clientId, roleAssignmentId }),
    GROUP: (api, groupId, roleId) => api.listGroupTargetsForGroupRole({ groupId, roleId }),
    USER: (api, userId, roleId) => api.listGroupTargetsForRole({ userId, roleId }),
  },
  apps: {
    SERVICE_APP: (api, clientId, roleAssignmentId) =>
      api.listAppTargetRoleToClient({ clientId, roleAssignmentId }),
    GROUP: (api, groupId, roleId) =>
      api.listApplicationTargetsForApplicationAdministratorRoleForGroup({ groupId, roleId }),
    USER: (api, userId, roleId) =>
      api.listApplicationTargetsForApplicationAdministratorRoleForUser({ userId, roleId }),
  },
};
const TARGET_OF: Record<TargetKind, (item: unknown) => RoleTarget> = {
  groups: groupTargetOf,
  apps: appTargetOf,
};
const PATH_OF: Record<PrincipalKind, string> = { SERVICE_APP: 'clients', GROUP: 'groups', USER: 'users' };

export class RoleAssignmentReader {
  /**
   * Target reads by URL: a group's targeted role shows on every member's list, and each member's
   * list would otherwise read the same targets again. Null when `targetReadTtlMs` is 0.
   */
  private readonly targetReads: LRUCache<string, Promise<RoleTarget[]>> | null;

  /** `targetReadTtlMs`: how long one read of an assignment's targets is shared, ms; 0 shares none. */
  constructor(
    private readonly sdk: OktaSdkClient,
    targetReadTtlMs = TARGET_READ_TTL_MS,
  ) {
    this.targetReads = targetReadTtlMs > 0 ? new LRUCache({ max: 2_000, ttl: targetReadTtlMs }) : null;
  }

  private sharedTargets(key: string, read: () => Promise<RoleTarget[]>): Promise<RoleTarget[]> {
    const reads = this.targetReads;
    if (!reads) return read();
    let pending = reads.get(key);
    if (!pending) {
      pending = read();
      reads.set(key, pending);
      pending.catch(() => reads.delete(key));
    }
    return pending;
  }

  async forUser(userId: string): Promise<RoleAssignmentRecord[]> {
    const list: RoleList = (expand) =>
      collectAll(this.sdk.roleAssignmentApi.listAssignedRolesForUser({ userId, ...(expand && { expand }) }));
    return call(`GET /api/v1/users/${userId}/roles`, () => this.expanded('USER', userId, list));
  }

  async forGroup(groupId: string): Promise<RoleAssignmentRecord[]> {
    const list: RoleList = (expand) =>
      collectAll(this.sdk.roleAssignmentApi.listGroupAssignedRoles({ groupId, ...(expand && { expand }) }));
    return call(`GET /api/v1/groups/${groupId}/roles`, () => this.expanded('GROUP', groupId, list));
  }

  async forClient(clientId: string): Promise<RoleAssignmentRecord[]> {
    const raw = await emptyOnNotFound(() =>
      call(`GET /oauth2/v1/clients/${clientId}/roles`, () =>
        collectAll(this.sdk.roleAssignmentApi.listRolesForClient({ clientId })),
      ),
    );
    const records = raw.map((a) => toRoleAssignmentRecord(a, 'SERVICE_APP', clientId));
    return call(`GET /oauth2/v1/clients/${clientId}/roles/{id}/targets`, () =>
      Promise.all(records.map((r) => this.withFetchedTargets(r))),
    );
  }

  /**
   * Okta documents `expand=targets/...` but not what an assignment without `_embedded` targets
   * means: none, or an org that ignores the expansion. A list that embeds targets anywhere shows
   * the expansion honoured, so there none embedded means org-wide; on a list that embeds none,
   * each targetable assignment has its targets read from the target endpoints.
   */
  private async expanded(kind: PrincipalKind, key: string, list: RoleList): Promise<RoleAssignmentRecord[]> {
    const withGroups = await list('targets/groups');
    if (!withGroups.some(hasEmbeddedTargets)) {
      return Promise.all(
        withGroups.map((a) => this.withFetchedTargets(toRoleAssignmentRecord(a, kind, key))),
      );
    }
    const needApps = withGroups.some((a) => APP_TARGETABLE.has(String((a as { type?: unknown }).type)));
    const withApps = needApps ? await list('targets/catalog/apps') : [];
    const appsByAssignment = new Map<string, RoleTarget[] | undefined>();
    for (const a of withApps) {
      const rec = toRoleAssignmentRecord(a, kind, key);
      appsByAssignment.set(identity(rec), embeddedTargetsOf(a).apps);
    }
    return Promise.all(
      withGroups.map(async (a) => {
        const rec = toRoleAssignmentRecord(a, kind, key);
        if (GROUP_TARGETABLE.has(rec.type)) {
          return { ...rec, targets: nonEmpty(embeddedTargetsOf(a).groups ?? []) };
        }
        if (APP_TARGETABLE.has(rec.type)) {
          // Missing from the second list (changed in between): ask for its targets directly.
          if (!appsByAssignment.has(identity(rec))) return this.withFetchedTargets(rec);
          return { ...rec, targets: nonEmpty(appsByAssignment.get(identity(rec)) ?? []) };
        }
        return rec;
      }),
    );
  }

  /** One call per targetable assignment, against the principal that holds it (a group's for inherited ones). */
  private async withFetchedTargets(rec: RoleAssignmentRecord): Promise<RoleAssignmentRecord> {
    const which: TargetKind | null = GROUP_TARGETABLE.has(rec.type)
      ? 'groups'
      : APP_TARGETABLE.has(rec.type)
        ? 'apps'
        : null;
    if (!which) return rec;
    const [kind, key]: [PrincipalKind, string] = rec.inheritedFromGroupId
      ? ['GROUP', rec.inheritedFromGroupId]
      : [rec.principalKind, rec.principalKey];
    const targets = await this.sharedTargets(`${PATH_OF[kind]}/${key}/roles/${rec.id}/${which}`, async () =>
      (await collectAll(TARGET_LISTS[which][kind](this.sdk.roleTargetApi, key, rec.id))).map(
        TARGET_OF[which],
      ),
    );
    return { ...rec, targets: nonEmpty(targets) };
  }
}

/** Okta reuses assignment ids, so an assignment on one list is its id plus where it comes from. */
function identity(rec: RoleAssignmentRecord): string {
  return `${rec.id}|${rec.assignmentType}|${rec.inheritedFromGroupId ?? ''}`;
}
