/**
 * The fewest Okta requests an answer needs, from the org's shape and Okta's page sizes. Each
 * term names the endpoint it pays for, so the report can show the formula and the rate-limit
 * bucket each term counts against. Page sizes: what Okta allows at most where a `limit` exists
 * (users 200, clients 200, assignees 100, resources 100, role targets 200, groups 10,000); Okta's
 * default page where the API takes no `limit` (/iam/roles, /iam/resource-sets, bindings, members:
 * 20, as the simulator).
 */
import type { OrgSnapshot } from '../src/sim/snapshot-format.ts';
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
const PAGE = {
  users: 200,
  clients: 200,
  assignees: 100,
  resources: 100,
  iamDefault: 20,
  /** `GET /api/v1/groups?expand=stats&limit=10000`: Okta's maximum for groups. */
  groups: 10_000,
  /** `/roles/{id}/targets/groups` and `/targets/catalog/apps` take `limit` up to 200. */
  targets: 200,
} as const;
/** Ids per `search=id eq ... or ...` call (the gateway's chunk; Okta documents no maximum). */
export const IDS_PER_SEARCH = 50;

/** Standard roles Okta lets you narrow to groups (`/targets/groups`), and to apps (`/targets/catalog/apps`). */
const GROUP_TARGETABLE = new Set(['USER_ADMIN', 'HELP_DESK_ADMIN', 'GROUP_MEMBERSHIP_ADMIN']);
const isAppAdmin = (a: ShapeAssignment) => a.type === 'APP_ADMIN' && a.resourceSetId === null;
const isGroupTargetable = (a: ShapeAssignment) => GROUP_TARGETABLE.has(a.type) && a.resourceSetId === null;
const hasAppAdmin = (list: readonly ShapeAssignment[]) => list.some(isAppAdmin);
/**
 * Whether a role list read with `expand=targets/groups` embeds targets anywhere: Okta embeds them
 * only on assignments that have group targets. A list that embeds some is trusted (none embedded
 * means org-wide); on a list that embeds none, every targetable assignment's targets are read.
 */
const embedsTargets = (list: readonly ShapeAssignment[]) => list.some((a) => a.groupTargets > 0);

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

/** The catalog reads the held assignments name: each custom role's permissions, each resource set's resources. */
function heldCatalogTerms(shape: OrgShape, used: ReturnType<typeof catalogOf>): BoundTerm[] {
  return [
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
  ];
}

/** What the targets of some principals' role lists cost beyond the lists, by endpoint (requests). */
interface TargetCost {
  /** Second lists with `expand=targets/catalog/apps` (a list that embeds, with an APP_ADMIN). */
  appLists: number;
  /** `/roles/{id}/targets/groups` pages (a list that embeds none). */
  groupTargets: number;
  /** `/roles/{id}/targets/catalog/apps` pages (a list that embeds none). */
  appTargets: number;
  /** Principals with a read after their list (targets), for the chain. */
  principals: number;
}

const noTargets = (): TargetCost => ({ appLists: 0, groupTargets: 0, appTargets: 0, principals: 0 });

/**
 * Adds one role list's target reads: `held` are the assignments whose targets the answer needs
 * and that this list must supply (a user's own; inherited ones come from the group's own list,
 * read anyway, and a target read is shared by URL), `embeds` whether the list embeds targets.
 */
function addTargets(cost: TargetCost, held: readonly ShapeAssignment[], embeds: boolean): void {
  const before = cost.appLists + cost.groupTargets + cost.appTargets;
  if (embeds) {
    if (hasAppAdmin(held)) cost.appLists++;
  } else {
    for (const a of held) {
      if (isGroupTargetable(a)) cost.groupTargets += pages(a.groupTargets, PAGE.targets);
      if (isAppAdmin(a)) cost.appTargets += pages(a.appTargets, PAGE.targets);
    }
  }
  if (cost.appLists + cost.groupTargets + cost.appTargets > before) cost.principals++;
}

/** Resource sets, their bindings and binding members, and the longest chain through them. */
function bindingTerms(shape: OrgShape): { terms: BoundTerm[]; steps: number } {
  const bindings = shape.resourceSets.flatMap((s) => s.bindings);
  // A binding's members can be read once the bindings page naming it has arrived.
  let deepest = 0;
  for (const s of shape.resourceSets) {
    s.bindings.forEach((b, i) => {
      deepest = Math.max(
        deepest,
        Math.floor(i / PAGE.iamDefault) + 1 + (b.members > 0 ? pages(b.members, PAGE.iamDefault) : 0),
      );
    });
    if (s.bindings.length === 0) deepest = Math.max(deepest, 1);
  }
  const setPages = pages(shape.resourceSets.length, PAGE.iamDefault);
  return {
    terms: [
      { what: 'resource set pages', path: '/api/v1/iam/resource-sets', count: setPages },
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
    ],
    steps: shape.resourceSets.length ? setPages + deepest : 1,
  };
}

/** The org: `/api/v1/org` and `/.well-known/okta-organization` side by side (one step). */
const orgTerms = (what: string): BoundTerm[] => [
  { what, path: '/api/v1/org', count: 1 },
  { what: 'the org metadata (its partition)', path: '/.well-known/okta-organization', count: 1 },
];

/**
 * Finding every admin principal with its role assignments and their targets: what the admin
 * readiness sweep and the admin report share. Okta lists role assignees (users), flags groups
 * that hold a group-level role (`expand=stats`, `hasAdminPrivlege`), and lists resource-set
 * bindings; service apps can only be listed and asked one by one.
 */
function adminDiscovery(shape: OrgShape) {
  const adminUsers = shape.assignees.filter((u) => (shape.direct.get(`USER:${u}`)?.length ?? 0) > 0);
  // Every group holding a direct assignment carries the admin flag: all of them are candidates.
  const candidateGroups = [...shape.direct.keys()]
    .filter((k) => k.startsWith('GROUP:') && (shape.direct.get(k)?.length ?? 0) > 0)
    .map((k) => k.slice(6));
  const adminApps = shape.serviceApps.filter((id) => (shape.direct.get(`CLIENT:${id}`)?.length ?? 0) > 0);
  const userTargets = noTargets();
  for (const u of adminUsers)
    addTargets(
      userTargets,
      shape.direct.get(`USER:${u}`) ?? [],
      embedsTargets(effectiveAssignments(shape, u)),
    );
  const groupTargets = noTargets();
  for (const g of candidateGroups) {
    const own = shape.direct.get(`GROUP:${g}`) ?? [];
    addTargets(groupTargets, own, embedsTargets(own));
  }
  // Client role lists never embed targets: each targetable client assignment costs a read.
  const clientTargets = noTargets();
  for (const id of adminApps) addTargets(clientTargets, shape.direct.get(`CLIENT:${id}`) ?? [], false);
  const assigneePages = pages(shape.assignees.length, PAGE.assignees);
  const flagPages = pages(shape.groups, PAGE.groups);
  const clientPages = pages(shape.clients, PAGE.clients);
  const bindings = bindingTerms(shape);
  const terms: BoundTerm[] = [
    { what: 'role assignee pages', path: '/api/v1/iam/assignees/users', count: assigneePages },
    { what: 'roles per assignee user', path: '/api/v1/users/x/roles', count: shape.assignees.length },
    {
      what: 'app-expanded role lists per admin user with an APP_ADMIN of its own, on a list that embeds targets',
      path: '/api/v1/users/x/roles',
      count: userTargets.appLists,
    },
    {
      what: "group target pages per admin user's own group-targetable assignment, on a list that embeds none",
      path: '/api/v1/users/x/roles/y/targets/groups',
      count: userTargets.groupTargets,
    },
    {
      what: "app target pages per admin user's own APP_ADMIN, on a list that embeds none",
      path: '/api/v1/users/x/roles/y/targets/catalog/apps',
      count: userTargets.appTargets,
    },
    {
      what: `group pages with the admin flag (expand=stats, ${PAGE.groups} a page)`,
      path: '/api/v1/groups',
      count: flagPages,
    },
    {
      what: 'roles per flagged group (every group holding a group-level role)',
      path: '/api/v1/groups/x/roles',
      count: candidateGroups.length,
    },
    {
      what: 'app-expanded role lists per flagged group with APP_ADMIN, on a list that embeds targets',
      path: '/api/v1/groups/x/roles',
      count: groupTargets.appLists,
    },
    {
      what: 'group target pages per group-targetable assignment of a flagged group whose list embeds none',
      path: '/api/v1/groups/x/roles/y/targets/groups',
      count: groupTargets.groupTargets,
    },
    {
      what: 'app target pages per APP_ADMIN of a flagged group whose list embeds none',
      path: '/api/v1/groups/x/roles/y/targets/catalog/apps',
      count: groupTargets.appTargets,
    },
    { what: 'OAuth client pages', path: '/oauth2/v1/clients', count: clientPages },
    { what: 'roles per service app', path: '/oauth2/v1/clients/x/roles', count: shape.serviceApps.length },
    {
      what: 'group target pages per group-targetable service app assignment',
      path: '/oauth2/v1/clients/x/roles/y/targets/groups',
      count: clientTargets.groupTargets,
    },
    {
      what: 'app target pages per service app APP_ADMIN',
      path: '/oauth2/v1/clients/x/roles/y/targets/catalog/apps',
      count: clientTargets.appTargets,
    },
    ...bindings.terms,
  ];
  return {
    terms,
    adminUsers,
    candidateGroups,
    adminApps,
    /** Steps before each kind's own lists are known, and whether any follows its list with a read. */
    chains: {
      users: { before: assigneePages, targets: userTargets.principals > 0 },
      groups: { before: flagPages, targets: groupTargets.principals > 0 },
      apps: { before: clientPages, targets: clientTargets.principals > 0 },
      bindings: bindings.steps,
    },
  };
}

/** The longest chain: each kind's pages, its role lists, then one more step where some read follows a list. */
function discoveryChain(
  chains: ReturnType<typeof adminDiscovery>['chains'],
  follows: { users: boolean; groups: boolean; apps: boolean },
): number {
  return Math.max(
    chains.users.before + 1 + (chains.users.targets || follows.users ? 1 : 0),
    chains.groups.before + 1 + (chains.groups.targets || follows.groups ? 1 : 0),
    chains.apps.before + 1 + (chains.apps.targets || follows.apps ? 1 : 0),
    chains.bindings,
    1,
  );
}

/**
 * The admin readiness sweep: every admin principal's readiness (`key` and the verdict, so no user
 * or group records: a group's record comes with the flagged list anyway), each admin's catalog
 * (custom role permissions, resource-set resources), service apps' scope grants, and the org.
 */
export function sweepBound(shape: OrgShape): LowerBound {
  const d = adminDiscovery(shape);
  const userHeld = d.adminUsers.map((u) => effectiveAssignments(shape, u));
  const groupHeld = d.candidateGroups.map((g) => shape.direct.get(`GROUP:${g}`) ?? []);
  const appHeld = d.adminApps.map((id) => shape.direct.get(`CLIENT:${id}`) ?? []);
  const used = catalogOf([...userHeld.flat(), ...groupHeld.flat(), ...appHeld.flat()]);
  const needsCatalog = (lists: ShapeAssignment[][]) =>
    lists.some((l) => catalogOf(l).roles.size + catalogOf(l).sets.size > 0);
  return bound(
    [
      ...d.terms,
      {
        what: 'scope grants per admin service app',
        path: '/api/v1/apps/x/grants',
        count: d.adminApps.length,
      },
      ...heldCatalogTerms(shape, used),
      ...orgTerms('the org (its id is in every ORN)'),
    ],
    // Pages in turn, then the role lists, then targets or catalog reads (side by side); grants follow client pages.
    discoveryChain(d.chains, {
      users: needsCatalog(userHeld),
      groups: needsCatalog(groupHeld),
      apps: needsCatalog(appHeld) || d.adminApps.length > 0,
    }),
  );
}

/**
 * The admin report (bench/operations.ts, the AdminReport example): every admin with its display
 * name and its role assignments (role key and label, through which group, resource set label,
 * target ORNs). Admin users' names need their records (the assignee list carries ids only),
 * found by id; groups' names come with the flagged list; assignment labels come with the role
 * lists; resource set labels with the resource set pages; target ORNs need the org.
 */
export function adminReportBound(shape: OrgShape): LowerBound {
  const d = adminDiscovery(shape);
  const shown = [
    ...d.adminUsers.flatMap((u) => effectiveAssignments(shape, u)),
    ...d.candidateGroups.flatMap((g) => shape.direct.get(`GROUP:${g}`) ?? []),
    ...d.adminApps.flatMap((id) => shape.direct.get(`CLIENT:${id}`) ?? []),
  ];
  const targeted = shown.some((a) => a.groupTargets > 0 || a.appTargets > 0);
  return bound(
    [
      ...d.terms,
      {
        what: `admin users by id (${IDS_PER_SEARCH} a search)`,
        path: '/api/v1/users',
        count: d.adminUsers.length ? pages(d.adminUsers.length, IDS_PER_SEARCH) : 0,
      },
      ...(targeted ? orgTerms('the org (its id is in every target ORN)') : []),
    ],
    // A user's record can be asked once its list shows a role of its own.
    discoveryChain(d.chains, { users: d.adminUsers.length > 0, groups: false, apps: false }),
  );
}

/** One user's readiness with nothing cached: the user, its roles, the org and what its roles name. */
export function principalColdBound(shape: OrgShape, userId: string): LowerBound {
  const assignments = effectiveAssignments(shape, userId);
  const used = catalogOf(assignments);
  // Its verdict needs the targets of every assignment on its list, inherited ones too.
  const targets = noTargets();
  addTargets(targets, assignments, embedsTargets(assignments));
  return bound(
    [
      { what: 'the user, by login', path: '/api/v1/users/x', count: 1 },
      { what: 'its roles (direct and inherited)', path: '/api/v1/users/x/roles', count: 1 },
      {
        what: 'app-expanded role list (an APP_ADMIN on a list that embeds targets)',
        path: '/api/v1/users/x/roles',
        count: targets.appLists,
      },
      {
        what: 'group target pages per group-targetable assignment (a list that embeds none)',
        path: '/api/v1/users/x/roles/y/targets/groups',
        count: targets.groupTargets,
      },
      {
        what: 'app target pages per APP_ADMIN (a list that embeds none)',
        path: '/api/v1/users/x/roles/y/targets/catalog/apps',
        count: targets.appTargets,
      },
      ...orgTerms('the org'),
      ...heldCatalogTerms(shape, used),
    ],
    // The user, its roles, then its targets and catalog side by side.
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
  const bindings = bindingTerms(shape);
  const rolePages = pages(shape.customRoles.length, PAGE.iamDefault);
  return bound(
    [
      {
        what: 'custom role pages',
        path: '/api/v1/iam/roles',
        count: rolePages,
      },
      {
        what: 'permissions per custom role',
        path: '/api/v1/iam/roles/x/permissions',
        count: shape.customRoles.length,
      },
      ...bindings.terms,
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
    // Role pages, then permissions; set pages, bindings, members, then the members' records.
    Math.max(rolePages + 1, bindings.steps + (m.users + m.groups + m.clients > 0 ? 1 : 0)),
  );
}

/** Every user, 200 a page: pages follow one another (each needs the previous cursor). */
export function usersPagingBound(shape: OrgShape): LowerBound {
  const n = pages(shape.users, PAGE.users);
  return bound([{ what: 'user pages of 200', path: '/api/v1/users', count: n }], n);
}

/**
 * The principals whose own roles let them manage the membership of one group, read from the
 * snapshot with what design/standard-role-permissions.md says the permission comes through:
 * SUPER_ADMIN, ORG_ADMIN (okta.groups.manage), GROUP_MEMBERSHIP_ADMIN untargeted or targeted to the
 * group, and custom roles holding okta.groups.members.manage or okta.groups.manage on a resource set
 * naming all groups or the group. A group that holds an admin role is left to SUPER_ADMIN holders.
 * Keys `USER:id`, `GROUP:id`, `CLIENT:id`.
 */
export function membershipManagers(org: OrgSnapshot, groupId: string): Set<string> {
  const allGroups = `orn:${org.org.partition}:directory:${org.org.id}:groups`;
  const managing = new Set(
    org.customRoles
      .filter((r) =>
        r.permissions.some((p) => p === 'okta.groups.members.manage' || p === 'okta.groups.manage'),
      )
      .map((r) => r.id),
  );
  const adminGroup =
    org.roleAssignments.some((a) => a.principalType === 'GROUP' && a.principalId === groupId) ||
    org.resourceSets.some((s) =>
      s.bindings.some((b) => b.members.some((m) => m.type === 'GROUP' && m.id === groupId)),
    );
  const holders = new Set<string>();
  for (const a of org.roleAssignments) {
    if (a.status !== 'ACTIVE') continue;
    const gma =
      a.type === 'GROUP_MEMBERSHIP_ADMIN' && (!a.groupTargets?.length || a.groupTargets.includes(groupId));
    if (a.type === 'SUPER_ADMIN' || (!adminGroup && (a.type === 'ORG_ADMIN' || gma))) {
      holders.add(`${a.principalType}:${a.principalId}`);
    }
  }
  if (adminGroup) return holders;
  for (const set of org.resourceSets) {
    if (!set.resources.some((orn) => orn === allGroups || orn === `${allGroups}:${groupId}`)) continue;
    for (const binding of set.bindings)
      if (managing.has(binding.role)) for (const m of binding.members) holders.add(`${m.type}:${m.id}`);
  }
  return holders;
}

/**
 * whoCan: who can manage the membership of one group (bench/operations.ts). The admin sweep's
 * discovery and the catalog its holders name, the org, then what the answer shows: the records of
 * the users in it (50 ids a search) and the scope grants of the service apps whose roles grant it
 * (a service app counts only with a scope that allows it). The group's own record, like the
 * answer's groups', comes with the flagged group list.
 */
export function whoCanBound(shape: OrgShape, org: OrgSnapshot, groupId: string): LowerBound {
  const d = adminDiscovery(shape);
  const userHeld = d.adminUsers.map((u) => shape.direct.get(`USER:${u}`) ?? []);
  const groupHeld = d.candidateGroups.map((g) => shape.direct.get(`GROUP:${g}`) ?? []);
  const appHeld = d.adminApps.map((id) => shape.direct.get(`CLIENT:${id}`) ?? []);
  const used = catalogOf([...userHeld.flat(), ...groupHeld.flat(), ...appHeld.flat()]);
  const holders = [...membershipManagers(org, groupId)];
  const users = holders.filter((h) => h.startsWith('USER:')).length;
  const apps = holders.filter((h) => h.startsWith('CLIENT:')).length;
  const needsCatalog = (lists: ShapeAssignment[][]) =>
    lists.some((l) => catalogOf(l).roles.size + catalogOf(l).sets.size > 0);
  return bound(
    [
      ...d.terms,
      ...heldCatalogTerms(shape, used),
      ...orgTerms('the org (its id is in every ORN)'),
      {
        what: `users in the answer by id (${IDS_PER_SEARCH} a search)`,
        path: '/api/v1/users',
        count: users ? pages(users, IDS_PER_SEARCH) : 0,
      },
      {
        what: 'scope grants per service app whose roles grant the permission',
        path: '/api/v1/apps/x/grants',
        count: apps,
      },
    ],
    // The sweep's chain, then the answer's records and grants side by side.
    discoveryChain(d.chains, {
      users: needsCatalog(userHeld),
      groups: needsCatalog(groupHeld),
      apps: needsCatalog(appHeld),
    }) + 1,
  );
}
