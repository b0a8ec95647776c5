import type { GatewayContext } from '../context.ts';
import type { PrincipalKind, RoleAssignmentRecord } from '../iam/model.ts';
import { bindingMemberRef } from '../okta/mappers.ts';
import type { PrincipalModel } from './principal.ts';

/** A principal holding admin role assignments of its own, as the admin sweep finds it. */
export interface AdminHolding {
  kind: PrincipalKind;
  /** The Okta id or, for a service app, its client id. */
  key: string;
  /** Its own assignments: a user's direct ones (assignmentType USER), a group's, a service app's. */
  assignments: RoleAssignmentRecord[];
  /** Its record; null when Okta no longer knows it. */
  record(): Promise<PrincipalModel | null>;
}

export interface AdminSweepOptions {
  /** Only these kinds; the sweep skips the reads no kind asked for needs. Default all three. */
  kinds?: readonly PrincipalKind[] | null;
  /** Read each admin's record beside its roles (fewer round trips when every record is shown). Default false: on demand. */
  eagerRecords?: boolean;
}

export interface AdminFilter {
  /** Only principals with an own assignment of one of these role types or custom role ids. */
  roles?: readonly string[] | null;
  kinds?: readonly PrincipalKind[] | null;
}

const ALL_KINDS: readonly PrincipalKind[] = ['USER', 'GROUP', 'SERVICE_APP'];

/** SUPER_ADMIN, ... for standard and IAM-based roles; the custom role id (cr0...) for custom roles. */
export const roleKeyOf = (a: RoleAssignmentRecord): string => a.customRoleId ?? a.type;

/**
 * Every principal holding an admin role assignment of its own: users Okta lists as role
 * assignees with a USER-type assignment; groups that hold assignments, found through Okta's admin
 * flag on groups (`expand=stats`), users' GROUP-type assignments and resource-set bindings (the
 * assignee list need not show a group's members, so the flag alone is what Okta documents);
 * service apps with client roles. Each group is read as soon as any source names it. Users in
 * assignee order, then groups by id, then service apps; shared within the request.
 */
export function listAdminHoldings(
  ctx: GatewayContext,
  options: AdminSweepOptions = {},
): Promise<AdminHolding[]> {
  const kinds = new Set(options.kinds ?? ALL_KINDS);
  const eager = options.eagerRecords === true;
  const key = `adminHoldings:${ALL_KINDS.filter((k) => kinds.has(k)).join(',')}:${eager}`;
  return ctx.once(key, () => sweepAdmins(ctx, kinds, eager));
}

async function sweepAdmins(
  ctx: GatewayContext,
  kinds: ReadonlySet<PrincipalKind>,
  eager: boolean,
): Promise<AdminHolding[]> {
  const wantGroups = kinds.has('GROUP');
  const wantUsers = kinds.has('USER');
  const groupReads = new Map<string, Promise<AdminHolding | null>>();
  const readGroup = (id: string) => {
    if (!wantGroups || groupReads.has(id)) return;
    const record = eager ? ctx.loaders.groupById.load(id) : null;
    record?.catch(() => {});
    const read = ctx.loaders.groupRoles
      .load(id)
      .then((roles) =>
        roles.length > 0 ? holding('GROUP', id, roles, () => record ?? ctx.loaders.groupById.load(id)) : null,
      );
    // Awaited below unless another source failed first; then its failure is not news.
    read.catch(() => {});
    groupReads.set(id, read);
  };
  // Every admin's assignments name ORNs: read the org now, not after the admins are known.
  ctx.org().catch(() => {});
  const flagged = wantGroups
    ? ctx.directory.listAdminGroupIds().then((ids) => ids.forEach(readGroup))
    : Promise.resolve();
  // Users are read for their own roles, and for the groups their inherited roles name; a page's
  // users at once, as the page arrives (one promise a page: a large org has thousands of assignees).
  const userHoldings = new Map<string, AdminHolding | null>();
  const userBatches: Promise<void>[] = [];
  const readUsers = (ids: readonly string[]) => {
    const fresh = ids.filter((id) => !userHoldings.has(id));
    for (const id of fresh) userHoldings.set(id, null);
    if (fresh.length === 0) return;
    // The users' records are asked with their roles, not after them: one search per 50 ids.
    const records = eager && wantUsers ? fresh.map((id) => ctx.loaders.userById.load(id)) : null;
    for (const record of records ?? []) record.catch(() => {});
    const batch = Promise.all(fresh.map((id) => ctx.directory.listUserRoles(id))).then((lists) => {
      for (const [i, roles] of lists.entries()) {
        for (const a of roles)
          if (a.assignmentType === 'GROUP' && a.inheritedFromGroupId) readGroup(a.inheritedFromGroupId);
        if (!wantUsers || !roles.some((a) => a.assignmentType === 'USER')) continue;
        const id = fresh[i]!;
        const record = records?.[i];
        const own = roles.filter((a) => a.assignmentType === 'USER');
        userHoldings.set(
          id,
          holding('USER', id, own, () => record ?? ctx.loaders.userById.load(id)),
        );
      }
    });
    // Awaited below unless another source failed first; then its failure is not news.
    batch.catch(() => {});
    userBatches.push(batch);
  };
  const users =
    wantUsers || wantGroups
      ? ctx.directory.listRoleAssigneeUserIds(readUsers).then(async (ids) => {
          readUsers(ids);
          await Promise.all(userBatches);
          return ids.map((id) => userHoldings.get(id));
        })
      : Promise.resolve([]);
  const apps = kinds.has('SERVICE_APP')
    ? ctx
        .once('serviceApps', () => ctx.directory.listServiceApps())
        .then((all) =>
          Promise.all(
            all.map(async (app) => {
              const roles = await ctx.loaders.clientRoles.load(app.clientId);
              return roles.length > 0 ? holding('SERVICE_APP', app.clientId, roles, async () => app) : null;
            }),
          ),
        )
    : Promise.resolve([]);
  const bound = wantGroups
    ? ctx
        .once('resourceSets', () => ctx.directory.listResourceSets())
        .then((sets) =>
          Promise.all(
            sets.map(async (set) => {
              for (const binding of await ctx.loaders.resourceSetBindings.load(set.id))
                for (const m of binding.members) {
                  const ref = bindingMemberRef(m.href);
                  if (ref?.kind === 'GROUP') readGroup(ref.key);
                }
            }),
          ),
        )
    : Promise.resolve();
  const [adminUsers, adminApps] = await Promise.all([users, apps, flagged, bound]);
  const groupIds = [...groupReads.keys()].sort();
  const groups = await Promise.all(groupIds.map((id) => groupReads.get(id)));
  const present = <T>(items: (T | null | undefined)[]): T[] => items.filter((x): x is T => x != null);
  return [...present(adminUsers), ...present(groups), ...present(adminApps)];
}

function holding(
  kind: PrincipalKind,
  key: string,
  assignments: RoleAssignmentRecord[],
  record: () => Promise<PrincipalModel | null>,
): AdminHolding {
  return { kind, key, assignments, record };
}

/**
 * `admins(roles:, kinds:)`: the principals with an admin role assignment of their own, optionally
 * only those holding one of `roles` (role types or custom role ids) and of `kinds`.
 */
export async function listAdmins(ctx: GatewayContext, filter: AdminFilter = {}): Promise<PrincipalModel[]> {
  const roles = filter.roles ? new Set(filter.roles) : null;
  // Every record is shown without a role filter: read each beside its roles. With one, few are.
  const holdings = await listAdminHoldings(ctx, { kinds: filter.kinds, eagerRecords: roles === null });
  const kept = roles ? holdings.filter((h) => h.assignments.some((a) => roles.has(roleKeyOf(a)))) : holdings;
  const records = await Promise.all(kept.map((h) => h.record()));
  return records.filter((r): r is PrincipalModel => r !== null);
}
