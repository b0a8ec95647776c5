/**
 * A principal's role assignments with their targets, in as few calls as Okta allows: user and
 * group lists embed targets with `expand=targets/groups` (and `targets/catalog/apps`, asked only
 * when an APP_ADMIN is on the list); client lists cannot expand, so targets are fetched per
 * targetable assignment there.
 */
import type { PrincipalKind, RoleAssignmentRecord, RoleTarget } from '../iam/model.ts';
import type { OktaSdkClient } from './client.ts';
import { toUpstreamError } from './errors.ts';
import { appTargetOf, embeddedTargetsOf, groupTargetOf, toRoleAssignmentRecord } from './mappers.ts';
import { collectAll, type PagedCollection } from './pagination.ts';

/** Standard roles Okta lets you narrow to groups, and to apps. */
const GROUP_TARGETABLE = new Set(['USER_ADMIN', 'HELP_DESK_ADMIN', 'GROUP_MEMBERSHIP_ADMIN']);
const APP_TARGETABLE = new Set(['APP_ADMIN']);

type RoleList = (expand: string | undefined) => Promise<unknown[]>;

async function all(collection: Promise<unknown>): Promise<unknown[]> {
  return collectAll(await (collection as Promise<PagedCollection<unknown>>));
}

const nonEmpty = (targets: RoleTarget[]): RoleTarget[] | null => (targets.length ? targets : null);

export class RoleAssignmentReader {
  constructor(private readonly sdk: OktaSdkClient) {}

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
    return this.withContext(`GET /oauth2/v1/clients/${clientId}/roles`, async () => {
      const raw = await all(this.sdk.roleAssignmentApi.listRolesForClient({ clientId }));
      const records = raw.map((a) => toRoleAssignmentRecord(a, 'SERVICE_APP', clientId));
      return Promise.all(records.map((r) => this.withFetchedTargets(r)));
    });
  }

  private async withContext<T>(context: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw toUpstreamError(err, context);
    }
  }

  private async expanded(kind: PrincipalKind, key: string, list: RoleList): Promise<RoleAssignmentRecord[]> {
    const withGroups = await list('targets/groups');
    const needApps = withGroups.some((a) => APP_TARGETABLE.has(String((a as { type?: unknown }).type)));
    const withApps = needApps ? await list('targets/catalog/apps') : [];
    const appsByAssignment = new Map<string, RoleTarget[] | undefined>();
    for (const a of withApps) {
      const rec = toRoleAssignmentRecord(a, kind, key);
      appsByAssignment.set(identity(rec), embeddedTargetsOf(a).apps);
    }
    // Okta embeds targets only where there are some: on an expanded list, none means org-wide.
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

  /** Fallback: one call per targetable assignment, against the principal that holds it. */
  private async withFetchedTargets(rec: RoleAssignmentRecord): Promise<RoleAssignmentRecord> {
    const roleId = rec.id;
    const api = this.sdk.roleTargetApi;
    const viaGroup = rec.inheritedFromGroupId;
    if (GROUP_TARGETABLE.has(rec.type)) {
      const targets =
        rec.principalKind === 'SERVICE_APP'
          ? api.listGroupTargetRoleForClient({ clientId: rec.principalKey, roleAssignmentId: roleId })
          : viaGroup || rec.principalKind === 'GROUP'
            ? api.listGroupTargetsForGroupRole({ groupId: viaGroup ?? rec.principalKey, roleId })
            : api.listGroupTargetsForRole({ userId: rec.principalKey, roleId });
      return { ...rec, targets: nonEmpty((await all(targets)).map(groupTargetOf)) };
    }
    if (APP_TARGETABLE.has(rec.type)) {
      const targets =
        rec.principalKind === 'SERVICE_APP'
          ? api.listAppTargetRoleToClient({ clientId: rec.principalKey, roleAssignmentId: roleId })
          : viaGroup || rec.principalKind === 'GROUP'
            ? api.listApplicationTargetsForApplicationAdministratorRoleForGroup({
                groupId: viaGroup ?? rec.principalKey,
                roleId,
              })
            : api.listApplicationTargetsForApplicationAdministratorRoleForUser({
                userId: rec.principalKey,
                roleId,
              });
      return { ...rec, targets: nonEmpty((await all(targets)).map(appTargetOf)) };
    }
    return rec;
  }
}

/** Okta reuses assignment ids, so an assignment on one list is its id plus where it comes from. */
function identity(rec: RoleAssignmentRecord): string {
  return `${rec.id}|${rec.assignmentType}|${rec.inheritedFromGroupId ?? ''}`;
}
