/**
 * A principal's role assignments with their targets, in as few calls as Okta allows: user and
 * group lists embed targets with `expand=targets/groups` (and `targets/catalog/apps`, asked only
 * when an APP_ADMIN is on the list); client lists cannot expand, so targets are fetched per
 * targetable assignment there.
 */
import { LRUCache } from 'lru-cache';
import type { PrincipalKind, RoleAssignmentRecord, RoleTarget } from '../iam/model.ts';
import type { OktaSdkClient } from './client.ts';
import { toUpstreamError } from './errors.ts';
import { appTargetOf, embeddedTargetsOf, groupTargetOf, toRoleAssignmentRecord } from './mappers.ts';
import { emptyOnNotFound } from './not-found.ts';
import { collectAll, type PagedCollection } from './pagination.ts';

/** Standard roles Okta lets you narrow to groups, and to apps. */
const GROUP_TARGETABLE = new Set(['USER_ADMIN', 'HELP_DESK_ADMIN', 'GROUP_MEMBERSHIP_ADMIN']);
const APP_TARGETABLE = new Set(['APP_ADMIN']);

type RoleList = (expand: string | undefined) => Promise<unknown[]>;

async function all(collection: Promise<unknown>): Promise<unknown[]> {
  return collectAll(await (collection as Promise<PagedCollection<unknown>>));
}

function hasEmbeddedTargets(assignment: unknown): boolean {
  const { groups, apps } = embeddedTargetsOf(assignment);
  return groups !== undefined || apps !== undefined;
}

const nonEmpty = (targets: RoleTarget[]): RoleTarget[] | null => (targets.length ? targets : null);

/** How long a read of one assignment's targets is shared, ms: as long as role assignments are cached by default. */
const TARGETS_TTL_MS = 30_000;

export class RoleAssignmentReader {
  /**
   * Target reads by URL: a group's targeted role shows on every member's list, and each member's
   * list would otherwise read the same targets again.
   */
  private readonly targetReads = new LRUCache<string, Promise<RoleTarget[]>>({
    max: 2_000,
    ttl: TARGETS_TTL_MS,
  });

  constructor(
    private readonly sdk: OktaSdkClient,
    private readonly shareTargetReads = true,
  ) {}

  private sharedTargets(key: string, read: () => Promise<RoleTarget[]>): Promise<RoleTarget[]> {
    if (!this.shareTargetReads) return read();
    let pending = this.targetReads.get(key);
    if (!pending) {
      pending = read();
      this.targetReads.set(key, pending);
      pending.catch(() => this.targetReads.delete(key));
    }
    return pending;
  }

  async forUser(userId: string): Promise<RoleAssignmentRecord[]> {
    const list: RoleList = (expand) =>
      all(this.sdk.roleAssignmentApi.listAssignedRolesForUser({ userId, ...(expand && { expand }) }));
    return this.withContext(`GET /api/v1/users/${userId}/roles`, () => this.expanded('USER', userId, list));
  }

  async forGroup(groupId: string): Promise<RoleAssignmentRecord[]> {
    const list: RoleList = (expand) =>
      all(this.sdk.roleAssignmentApi.listGroupAssignedRoles({ groupId, ...(expand && { expand }) }));
    return this.withContext(`GET /api/v1/groups/${groupId}/roles`, () =>
      this.expanded('GROUP', groupId, list),
    );
  }

  async forClient(clientId: string): Promise<RoleAssignmentRecord[]> {
    const raw = await emptyOnNotFound(() =>
      this.withContext(`GET /oauth2/v1/clients/${clientId}/roles`, () =>
        all(this.sdk.roleAssignmentApi.listRolesForClient({ clientId })),
      ),
    );
    const records = raw.map((a) => toRoleAssignmentRecord(a, 'SERVICE_APP', clientId));
    return this.withContext(`GET /oauth2/v1/clients/${clientId}/roles/{id}/targets`, () =>
      Promise.all(records.map((r) => this.withFetchedTargets(r))),
    );
  }

  private async withContext<T>(context: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw toUpstreamError(err, context);
    }
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
    const roleId = rec.id;
    const api = this.sdk.roleTargetApi;
    const holder: { kind: PrincipalKind; key: string } = rec.inheritedFromGroupId
      ? { kind: 'GROUP', key: rec.inheritedFromGroupId }
      : { kind: rec.principalKind, key: rec.principalKey };
    const byHolder = { SERVICE_APP: 'clients', GROUP: 'groups', USER: 'users' }[holder.kind];
    const key = `${byHolder}/${holder.key}/roles/${roleId}`;
    if (GROUP_TARGETABLE.has(rec.type)) {
      const targets = await this.sharedTargets(`${key}/groups`, async () => {
        const list =
          holder.kind === 'SERVICE_APP'
            ? api.listGroupTargetRoleForClient({ clientId: holder.key, roleAssignmentId: roleId })
            : holder.kind === 'GROUP'
              ? api.listGroupTargetsForGroupRole({ groupId: holder.key, roleId })
              : api.listGroupTargetsForRole({ userId: holder.key, roleId });
        return (await all(list)).map(groupTargetOf);
      });
      return { ...rec, targets: nonEmpty(targets) };
    }
    if (APP_TARGETABLE.has(rec.type)) {
      const targets = await this.sharedTargets(`${key}/apps`, async () => {
        const list =
          holder.kind === 'SERVICE_APP'
            ? api.listAppTargetRoleToClient({ clientId: holder.key, roleAssignmentId: roleId })
            : holder.kind === 'GROUP'
              ? api.listApplicationTargetsForApplicationAdministratorRoleForGroup({
                  groupId: holder.key,
                  roleId,
                })
              : api.listApplicationTargetsForApplicationAdministratorRoleForUser({
                  userId: holder.key,
                  roleId,
                });
        return (await all(list)).map(appTargetOf);
      });
      return { ...rec, targets: nonEmpty(targets) };
    }
    return rec;
  }
}

/** Okta reuses assignment ids, so an assignment on one list is its id plus where it comes from. */
function identity(rec: RoleAssignmentRecord): string {
  return `${rec.id}|${rec.assignmentType}|${rec.inheritedFromGroupId ?? ''}`;
}
