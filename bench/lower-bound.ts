/**
 * The fewest Okta requests an answer needs, from the org's shape and Okta's page sizes. Each
 * term names the endpoint it pays for, so the report can show the formula and the rate-limit
 * bucket each term counts against. Page sizes: what Okta allows at most where a `limit` exists
 * (users 200, clients 200, assignees 100, resources 100); Okta's default page where the API
 * takes no `limit` (/iam/roles, /iam/resource-sets, bindings, members: 20, as the simulator).
 */
import { effectiveAssignments, type OrgShape, type ShapeAssignment } from './org-shape.ts';

export interface BoundTerm {
  /** What the calls fetch, e.g. `roles per assignee user`. */
  what: string;
  /** An example path of the calls (for their rate-limit bucket). */
  path: string;
  count: number;
}

export interface LowerBound {
  total: number;
  terms: BoundTerm[];
  /** Longest chain of calls that must follow one another (paging, then what the pages name). */
  serialSteps: number;
}

const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));
const PAGE = { users: 200, clients: 200, assignees: 100, resources: 100, iamDefault: 20 } as const;
/** Ids per `search=id eq ... or ...` call (the gateway's chunk; Okta documents no maximum). */
export const IDS_PER_SEARCH = 50;

/** Roles Okta's expanded role lists cannot embed targets for, besides group targets. */
const hasAppAdmin = (list: readonly ShapeAssignment[]) => list.some((a) => a.type === 'APP_ADMIN');
const TARGETABLE = new Set(['USER_ADMIN', 'HELP_DESK_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'APP_ADMIN']);

function bound(terms: BoundTerm[], serialSteps: number): LowerBound {
  const kept = terms.filter((t) => t.count > 0);
  return { total: kept.reduce((sum, t) => sum + t.count, 0), terms: kept, serialSteps };
}

/** Distinct custom roles and resource sets of some assignments. */
function catalogOf(assignments: readonly ShapeAssignment[]) {
  return {
    roles: new Set(assignments.map((a) => a.customRoleId).filter((id) => id !== null)),
    sets: new Set(assignments.map((a) => a.resourceSetId).filter((id) => id !== null)),
  };
}

function resourcePages(shape: OrgShape, setIds: Iterable<string>): number {
  let n = 0;
  for (const id of setIds)
    n += pages(shape.resourceSets.find((s) => s.id === id)?.resources ?? 0, PAGE.resources);
  return n;
}

/** Resource sets, their bindings and binding members: how admin groups without members are found. */
function bindingTerms(shape: OrgShape): BoundTerm[] {
  const bindings = shape.resourceSets.flatMap((s) => s.bindings);
  return [
    {
      what: 'resource set pages',
      path: '/api/v1/iam/resource-sets',
      count: pages(shape.resourceSets.length, PAGE.iamDefault),
    },
    {
      what: 'binding pages per resource set',
      path: '/api/v1/iam/resource-sets/x/bindings',
      count: shape.resourceSets.reduce((n, s) => n + pages(s.bindings.length, PAGE.iamDefault), 0),
    },
    {
      what: 'member pages per binding',
      path: '/api/v1/iam/resource-sets/x/bindings/y/members',
      count: bindings.reduce((n, b) => n + pages(b.members, PAGE.iamDefault), 0),
    },
  ];
}

/**
 * The admin readiness sweep: every admin principal's readiness. Okta has no list of admin groups
 * or service apps, so every assignee user's roles are read (their GROUP assignments name the
 * admin groups), every group a binding names, and every service app's client roles.
 */
export function sweepBound(shape: OrgShape): LowerBound {
  const candidateGroups = new Set<string>();
  let userAppTargets = 0;
  let adminUsersAssignments: ShapeAssignment[] = [];
  for (const userId of shape.assignees) {
    const own = shape.direct.get(`USER:${userId}`) ?? [];
    for (const g of shape.groupsOfUser.get(userId) ?? [])
      if (shape.direct.has(`GROUP:${g}`)) candidateGroups.add(g);
    if (own.length === 0) continue;
    // An admin's APP_ADMIN targets need the second, app-expanded list (group ones come from the group).
    if (hasAppAdmin(own)) userAppTargets++;
    adminUsersAssignments = adminUsersAssignments.concat(effectiveAssignments(shape, userId));
  }
  for (const [key] of shape.direct)
    if (key.startsWith('GROUP:') && isBindingMember(shape, key)) candidateGroups.add(key.slice(6));
  const groupAssignments = [...candidateGroups].flatMap((g) => shape.direct.get(`GROUP:${g}`) ?? []);
  const groupAppTargets = [...candidateGroups].filter((g) =>
    hasAppAdmin(shape.direct.get(`GROUP:${g}`) ?? []),
  ).length;
  const adminApps = shape.serviceApps.filter((id) => (shape.direct.get(`CLIENT:${id}`)?.length ?? 0) > 0);
  const appAssignments = adminApps.flatMap((id) => shape.direct.get(`CLIENT:${id}`) ?? []);
  const clientTargets = appAssignments.filter(
    (a) => a.resourceSetId === null && TARGETABLE.has(a.type),
  ).length;
  const used = catalogOf([...adminUsersAssignments, ...groupAssignments, ...appAssignments]);
  return bound(
    [
      {
        what: 'role assignee pages',
        path: '/api/v1/iam/assignees/users',
        count: pages(shape.assignees.length, PAGE.assignees),
      },
      { what: 'roles per assignee user', path: '/api/v1/users/x/roles', count: shape.assignees.length },
      {
        what: 'app targets per admin user with APP_ADMIN',
        path: '/api/v1/users/x/roles',
        count: userAppTargets,
      },
      { what: 'roles per candidate group', path: '/api/v1/groups/x/roles', count: candidateGroups.size },
      {
        what: 'app targets per group with APP_ADMIN',
        path: '/api/v1/groups/x/roles',
        count: groupAppTargets,
      },
      { what: 'OAuth client pages', path: '/oauth2/v1/clients', count: pages(shape.clients, PAGE.clients) },
      { what: 'roles per service app', path: '/oauth2/v1/clients/x/roles', count: shape.serviceApps.length },
      {
        what: 'targets per targetable service app assignment',
        path: '/oauth2/v1/clients/x/roles/y/targets/groups',
        count: clientTargets,
      },
      { what: 'scope grants per admin service app', path: '/api/v1/apps/x/grants', count: adminApps.length },
      ...bindingTerms(shape),
      {
        what: 'permissions per custom role held',
        path: '/api/v1/iam/roles/x/permissions',
        count: used.roles.size,
      },
      {
        what: 'resource pages per resource set held',
        path: '/api/v1/iam/resource-sets/x/resources',
        count: resourcePages(shape, used.sets),
      },
      { what: 'the org (its id is in every ORN)', path: '/api/v1/org', count: 1 },
    ],
    // assignee pages in turn, then each admin's roles, its app targets, then its catalog reads.
    pages(shape.assignees.length, PAGE.assignees) + 3,
  );
}

function isBindingMember(shape: OrgShape, groupKey: string): boolean {
  return (shape.direct.get(groupKey) ?? []).some((a) => a.resourceSetId !== null);
}

/** One user's readiness with nothing cached: the user, its roles, the org and what its roles name. */
export function principalColdBound(shape: OrgShape, userId: string): LowerBound {
  const assignments = effectiveAssignments(shape, userId);
  const used = catalogOf(assignments);
  return bound(
    [
      { what: 'the user, by login', path: '/api/v1/users/x', count: 1 },
      { what: 'its roles (direct and inherited)', path: '/api/v1/users/x/roles', count: 1 },
      {
        what: 'app targets of its APP_ADMIN',
        path: '/api/v1/users/x/roles',
        count: hasAppAdmin(assignments) ? 1 : 0,
      },
      { what: 'the org', path: '/api/v1/org', count: 1 },
      {
        what: 'permissions per custom role held',
        path: '/api/v1/iam/roles/x/permissions',
        count: used.roles.size,
      },
      {
        what: 'resource pages per resource set held',
        path: '/api/v1/iam/resource-sets/x/resources',
        count: resourcePages(shape, used.sets),
      },
    ],
    3,
  );
}

/** The same question again within the cache's ttl: everything it needs can be kept, so 0. */
export function principalWarmBound(): LowerBound {
  return bound([], 0);
}

/** Custom roles with permissions; resource sets with resources, bindings and bound principals. */
export function catalogBound(shape: OrgShape): LowerBound {
  const m = shape.bindingMembers;
  return bound(
    [
      {
        what: 'custom role pages',
        path: '/api/v1/iam/roles',
        count: pages(shape.customRoles.length, PAGE.iamDefault),
      },
      {
        what: 'permissions per custom role',
        path: '/api/v1/iam/roles/x/permissions',
        count: shape.customRoles.length,
      },
      ...bindingTerms(shape),
      {
        what: 'resource pages per resource set',
        path: '/api/v1/iam/resource-sets/x/resources',
        count: resourcePages(
          shape,
          shape.resourceSets.map((s) => s.id),
        ),
      },
      {
        what: `bound users by id (${IDS_PER_SEARCH} a search)`,
        path: '/api/v1/users',
        count: m.users ? pages(m.users, IDS_PER_SEARCH) : 0,
      },
      {
        what: `bound groups by id (${IDS_PER_SEARCH} a search)`,
        path: '/api/v1/groups',
        count: m.groups ? pages(m.groups, IDS_PER_SEARCH) : 0,
      },
      {
        what: 'bound service apps (gets or client pages, fewer)',
        path: '/oauth2/v1/clients/x',
        count: m.clients ? Math.min(m.clients, pages(shape.clients, PAGE.clients)) : 0,
      },
    ],
    3,
  );
}

/** Every user, 200 a page: pages follow one another (each needs the previous cursor). */
export function usersPagingBound(shape: OrgShape): LowerBound {
  const n = pages(shape.users, PAGE.users);
  return bound([{ what: 'user pages of 200', path: '/api/v1/users', count: n }], n);
}
