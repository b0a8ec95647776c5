/**
 * The demo org generator: a realistic, seeded Okta org (users, groups, apps, service apps, custom
 * roles, resource sets, role assignments, a few System Log events) with the named principals of
 * `demo-principals.ts` set up exactly as they state. Same seed and sizes give byte-identical JSON.
 */
import { DEMO_GROUPS, DEMO_USERS } from './demo-principals.ts';
import { buildNamedPart, type NamedOrgPart } from './demo-setup.ts';
import { generateAccess } from './generate-access.ts';
import { DEPARTMENTS, FIRST_NAMES, GROUP_KINDS, LAST_NAMES, TEAM_WORDS } from './generate-names.ts';
import { ID_PREFIX, OktaIdFactory, randomTimestamp, SeededRandom, UniqueNames } from './generate-random.ts';
import {
  type OrgSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotGroup,
  type SnapshotMembership,
  type SnapshotOrg,
  type SnapshotUser,
} from './snapshot-format.ts';

export { type DemoPrincipalIds, demoPrincipalIds } from './demo-ids.ts';

/** Sizes of the generated org. Each count has a floor that leaves room for the named principals. */
export interface GenerateOptions {
  /** Seed of every random choice. Default `'demo'`. */
  seed?: string | number;
  /** Users, the named ones included (at least named + 1). Default 2000. */
  users?: number;
  /** Groups, Everyone and the named groups included. Default 150. */
  groups?: number;
  /** Apps other than service apps, the named Slack and Salesforce included (at least 2). Default 60. */
  apps?: number;
  /** OAuth service apps, the seven named ones included (at least 7). Default 7. */
  serviceApps?: number;
  /** Custom roles beyond the three named Lumos roles. Default 3. */
  customRoles?: number;
  /** Resource sets beyond the five named ones. Default 3. */
  resourceSets?: number;
  /** Random admin principals (users, a few groups, a few service apps) beyond the named ones. Default 25. */
  admins?: number;
}

export const DEFAULT_SEED = 'demo';

const USER_STATUSES: readonly (readonly [SnapshotUser['status'], number])[] = [
  ['ACTIVE', 880],
  ['STAGED', 40],
  ['PROVISIONED', 20],
  ['SUSPENDED', 20],
  ['DEPROVISIONED', 30],
  ['LOCKED_OUT', 5],
  ['PASSWORD_EXPIRED', 5],
];
const DEPARTMENT_WEIGHTS = [30, 18, 8, 5, 4, 5, 12, 2, 7, 6, 3] as const;
const DEPARTMENT_PICKS = DEPARTMENTS.map((_, index) => [index, DEPARTMENT_WEIGHTS[index] ?? 1] as const);
/** How many team groups a random user joins: none, one, two or three. */
const TEAM_GROUP_COUNTS = [
  [0, 15],
  [1, 35],
  [2, 30],
  [3, 20],
] as const;

export function generateDemoOrg(options: GenerateOptions = {}): OrgSnapshot {
  const seed = options.seed ?? DEFAULT_SEED;
  const issued = new Set<string>();
  const namedIds = new OktaIdFactory(new SeededRandom(seed, 'named'), issued);
  const org: SnapshotOrg = {
    id: namedIds.next(ID_PREFIX.org),
    companyName: 'Demo Org',
    subdomain: 'demo',
    partition: 'okta',
  };
  const named = buildNamedPart(org, namedIds);
  const random = new SeededRandom(seed, 'population');
  const ids = new OktaIdFactory(random, issued);

  const namedUserCount = Object.keys(DEMO_USERS).length;
  const users = generateUsers(random, ids, Math.max(count(options.users, 2000), namedUserCount + 1), named);
  const groups = generateGroups(
    random,
    ids,
    Math.max(count(options.groups, 150), named.groups.length),
    named,
  );
  const memberships = buildMemberships(random, users, groups, named);
  const access = generateAccess({
    random,
    ids,
    org,
    named,
    randomUserIds: users.randomUserIds,
    allUsers: users.list,
    groups: groups.list,
    randomGroupIds: groups.randomGroupIds,
    apps: Math.max(count(options.apps, 60), 2),
    serviceApps: Math.max(count(options.serviceApps, 7), 7),
    customRoles: count(options.customRoles, 3),
    resourceSets: count(options.resourceSets, 3),
    admins: count(options.admins, 25),
  });

  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    org,
    users: users.list,
    groups: groups.list,
    memberships,
    ...access,
  };
}

function count(value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`generateDemoOrg: sizes must be whole numbers >= 0, got ${n}`);
  return n;
}

interface GeneratedUsers {
  list: SnapshotUser[];
  randomUserIds: string[];
  /** Department index of each random user, parallel to randomUserIds. */
  departments: Uint8Array;
  /** Whether each random user is a help desk agent (IT Support Specialist). */
  helpDeskAgents: Uint8Array;
}

function generateUsers(
  random: SeededRandom,
  ids: OktaIdFactory,
  total: number,
  named: NamedOrgPart,
): GeneratedUsers {
  const randomCount = total - named.users.length;
  const logins = new UniqueNames(named.users.map((user) => user.profile.login));
  const list = named.users.slice();
  const randomUserIds: string[] = new Array(randomCount);
  const departments = new Uint8Array(randomCount);
  const helpDeskAgents = new Uint8Array(randomCount);
  for (let i = 0; i < randomCount; i++) {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const departmentIndex = random.weighted(DEPARTMENT_PICKS);
    const department = DEPARTMENTS[departmentIndex]!;
    const title = random.pick(department.titles);
    const local = logins.next(`${firstName}.${lastName}`.toLowerCase(), '');
    const login = `${local}@demo.example`;
    const user: SnapshotUser = {
      id: ids.next(ID_PREFIX.user),
      status: random.weighted(USER_STATUSES),
      created: randomTimestamp(random),
      profile: { login, email: login, firstName, lastName, department: department.name, title },
    };
    list.push(user);
    randomUserIds[i] = user.id;
    departments[i] = departmentIndex;
    helpDeskAgents[i] = title === 'IT Support Specialist' ? 1 : 0;
  }
  return { list, randomUserIds, departments, helpDeskAgents };
}

interface GeneratedGroups {
  list: SnapshotGroup[];
  /** Groups other than Everyone and the named ones: the only groups random roles are assigned to. */
  randomGroupIds: string[];
  /** Group index (in `list`) of each department's group, or -1 when the org has too few groups. */
  departmentGroup: Int32Array;
  /** Indexes in `list` of the team groups random users join. */
  teamGroups: number[];
}

function generateGroups(
  random: SeededRandom,
  ids: OktaIdFactory,
  total: number,
  named: NamedOrgPart,
): GeneratedGroups {
  const list = named.groups.slice();
  const names = new UniqueNames(list.map((group) => group.profile.name));
  const randomGroupIds: string[] = [];
  const departmentGroup = new Int32Array(DEPARTMENTS.length).fill(-1);
  const teamGroups: number[] = [];
  const indexOfName = (name: string) => list.findIndex((group) => group.profile.name === name);
  departmentGroup[DEPARTMENTS.findIndex((d) => d.name === 'Engineering')] = indexOfName('Engineering');
  departmentGroup[DEPARTMENTS.findIndex((d) => d.name === 'Sales')] = indexOfName('Sales');
  const add = (name: string, description: string | null, type: SnapshotGroup['type']) => {
    const group: SnapshotGroup = {
      id: ids.next(ID_PREFIX.group),
      type,
      created: randomTimestamp(random),
      profile: { name: names.next(name), description },
    };
    list.push(group);
    randomGroupIds.push(group.id);
    return list.length - 1;
  };
  DEPARTMENTS.forEach((department, index) => {
    if (departmentGroup[index] !== -1 || list.length >= total) return;
    departmentGroup[index] = add(department.name, `${department.name} department`, 'OKTA_GROUP');
  });
  while (list.length < total) {
    const name = `${random.pick(TEAM_WORDS)} ${random.pick(GROUP_KINDS)}`;
    const imported = random.chance(0.15);
    teamGroups.push(
      imported
        ? add(`AD ${name}`, 'Imported from Active Directory', 'APP_GROUP')
        : add(name, random.chance(0.3) ? null : `${name} members`, 'OKTA_GROUP'),
    );
  }
  return { list, randomGroupIds, departmentGroup, teamGroups };
}

function buildMemberships(
  random: SeededRandom,
  users: GeneratedUsers,
  groups: GeneratedGroups,
  named: NamedOrgPart,
): SnapshotMembership[] {
  const members: string[][] = groups.list.map(() => []);
  const groupIndex = new Map(groups.list.map((group, index) => [group.id, index]));
  for (const membership of named.memberships)
    members[groupIndex.get(membership.groupId)!]!.push(...membership.userIds);
  members[groupIndex.get(named.everyoneGroupId)!] = users.list.map((user) => user.id);
  const supportDepartment = DEPARTMENTS.findIndex((d) => d.name === 'Customer Support');
  const membersOf = (name: string) => members[groups.list.findIndex((group) => group.profile.name === name)]!;
  const supportStaff = membersOf(DEMO_GROUPS.supportStaff.name);
  const helpDeskTeam = membersOf(DEMO_GROUPS.helpDeskTeam.name);
  const { teamGroups } = groups;
  for (let i = 0; i < users.randomUserIds.length; i++) {
    const userId = users.randomUserIds[i]!;
    const department = users.departments[i]!;
    const departmentGroup = groups.departmentGroup[department]!;
    if (departmentGroup !== -1) members[departmentGroup]!.push(userId);
    if (department === supportDepartment) supportStaff.push(userId);
    if (users.helpDeskAgents[i] === 1) helpDeskTeam.push(userId);
    if (teamGroups.length === 0) continue;
    const teams = random.weighted(TEAM_GROUP_COUNTS);
    for (let t = 0; t < teams; t++) {
      const team = members[teamGroups[random.int(0, teamGroups.length - 1)]!]!;
      // Users are visited in order, so a repeat pick shows as this user at the end of the list.
      if (team[team.length - 1] !== userId) team.push(userId);
    }
  }
  const memberships: SnapshotMembership[] = [];
  groups.list.forEach((group, index) => {
    const userIds = members[index]!;
    if (userIds.length > 0) memberships.push({ groupId: group.id, userIds });
  });
  return memberships;
}
