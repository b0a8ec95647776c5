/**
 * The demo org's random apps, service apps, grants, custom roles, resource sets, standard-role
 * assignments and System Log events, added around the named part. Random roles go only to random
 * principals, so the named principals hold exactly what their setup states.
 */
import type { NamedOrgPart } from './demo-setup.ts';
import {
  APP_KINDS,
  CUSTOM_ROLE_LABELS,
  CUSTOM_ROLE_PERMISSIONS,
  OKTA_API_SCOPES,
  SERVICE_APP_LABELS,
  SYSTEM_LOG_EVENTS,
  TEAM_WORDS,
} from './generate-names.ts';
import {
  DEMO_NOW_MS,
  ID_PREFIX,
  type OktaIdFactory,
  randomTimestamp,
  type SeededRandom,
  UniqueNames,
} from './generate-random.ts';
import type {
  OrgSnapshot,
  SnapshotApp,
  SnapshotBinding,
  SnapshotGroup,
  SnapshotOrg,
  SnapshotResourceSet,
  SnapshotRoleAssignment,
  SnapshotUser,
} from './snapshot-format.ts';

export interface AccessInput {
  random: SeededRandom;
  ids: OktaIdFactory;
  org: SnapshotOrg;
  named: NamedOrgPart;
  allUsers: SnapshotUser[];
  randomUserIds: string[];
  groups: SnapshotGroup[];
  randomGroupIds: string[];
  /** Total counts, named ones included, floors already applied. */
  apps: number;
  serviceApps: number;
  /** Extra counts beyond the named ones. */
  customRoles: number;
  resourceSets: number;
  admins: number;
}

type AccessPart = Pick<
  OrgSnapshot,
  'apps' | 'grants' | 'customRoles' | 'resourceSets' | 'roleAssignments' | 'systemLog'
>;

const ROLE_TYPES = [
  ['SUPER_ADMIN', 2],
  ['ORG_ADMIN', 4],
  ['APP_ADMIN', 10],
  ['USER_ADMIN', 10],
  ['HELP_DESK_ADMIN', 10],
  ['GROUP_MEMBERSHIP_ADMIN', 8],
  ['READ_ONLY_ADMIN', 10],
  ['REPORT_ADMIN', 8],
  ['API_ACCESS_MANAGEMENT_ADMIN', 3],
  ['MOBILE_ADMIN', 2],
] as const;
const GROUP_TARGETED_ROLES: ReadonlySet<string> = new Set([
  'USER_ADMIN',
  'HELP_DESK_ADMIN',
  'GROUP_MEMBERSHIP_ADMIN',
]);
const SYSTEM_LOG_EVENT_COUNT = 20;
const ONE_WEEK_MS = 7 * 24 * 3600 * 1000;

export function generateAccess(input: AccessInput): AccessPart {
  const { random, ids, named } = input;
  const apps = named.apps.slice();
  const grants = named.grants.slice();
  const appLabels = new UniqueNames(apps.map((app) => app.label));
  const plainApps = apps.filter((app) => app.oauthClient?.applicationType !== 'service');
  for (let i = plainApps.length; i < input.apps; i++) {
    const kind = random.weighted(APP_KINDS.map((k) => [k, k.weight] as const));
    const base = random.chance(0.5) ? kind.label : `${kind.label} (${random.pick(TEAM_WORDS)})`;
    const app: SnapshotApp = {
      id: ids.next(ID_PREFIX.app),
      name: kind.name,
      label: appLabels.next(base),
      status: random.chance(0.9) ? 'ACTIVE' : 'INACTIVE',
      signOnMode: kind.signOnMode,
      created: randomTimestamp(random),
    };
    if (kind.name === 'oidc_client') {
      const applicationType = random.pick(['web', 'browser', 'native'] as const);
      const tokenEndpointAuthMethod = applicationType === 'web' ? 'client_secret_basic' : 'none';
      app.oauthClient = { clientId: app.id, applicationType, tokenEndpointAuthMethod };
    }
    apps.push(app);
    plainApps.push(app);
  }
  const randomServiceAppIds: string[] = [];
  const namedServiceApps = apps.length - plainApps.length;
  for (let i = namedServiceApps; i < input.serviceApps; i++) {
    const id = ids.next(ID_PREFIX.app);
    const created = randomTimestamp(random);
    apps.push({
      id,
      name: 'oidc_client',
      label: appLabels.next(random.pick(SERVICE_APP_LABELS)),
      status: 'ACTIVE',
      signOnMode: 'OPENID_CONNECT',
      created,
      oauthClient: { clientId: id, applicationType: 'service', tokenEndpointAuthMethod: 'private_key_jwt' },
    });
    randomServiceAppIds.push(id);
    for (const scopeId of random.sample(OKTA_API_SCOPES, random.int(1, 5))) {
      const status = random.chance(0.95) ? 'ACTIVE' : 'REVOKED';
      grants.push({ id: ids.next(ID_PREFIX.grant), appId: id, scopeId, status, created });
    }
  }

  const customRoles = named.customRoles.slice();
  const roleLabels = new UniqueNames(customRoles.map((role) => role.label));
  for (let i = 0; i < input.customRoles; i++) {
    const chosen = new Set(random.sample(CUSTOM_ROLE_PERMISSIONS, random.int(2, 8)));
    const label = roleLabels.next(random.pick(CUSTOM_ROLE_LABELS));
    customRoles.push({
      id: ids.next(ID_PREFIX.customRole),
      label,
      description: `${label} (delegated administration)`,
      permissions: CUSTOM_ROLE_PERMISSIONS.filter((permission) => chosen.has(permission)),
      created: randomTimestamp(random),
    });
  }

  const orn = (service: string, rest: string) =>
    `orn:${input.org.partition}:${service}:${input.org.id}:${rest}`;
  const assignableGroups = input.groups.filter((group) => group.type !== 'BUILT_IN');
  const randomMember = (): SnapshotBinding['members'][number] => {
    const kind = random.weighted([
      ['USER', 80],
      ['GROUP', input.randomGroupIds.length > 0 ? 15 : 0],
      ['CLIENT', randomServiceAppIds.length > 0 ? 5 : 0],
    ] as const);
    if (kind === 'GROUP') return { type: kind, id: random.pick(input.randomGroupIds) };
    if (kind === 'CLIENT') return { type: kind, id: random.pick(randomServiceAppIds) };
    return { type: kind, id: random.pick(input.randomUserIds) };
  };
  const resourceFor = (): string => {
    const group = random.pick(assignableGroups);
    const app = random.pick(plainApps);
    return random.pick([
      orn('directory', 'users'),
      orn('directory', 'groups'),
      orn('directory', `groups:${group.id}`),
      orn('directory', `groups:${group.id}:contained_resources`),
      orn('idp', 'apps'),
      orn('idp', `apps:${app.name}`),
      orn('idp', `apps:${app.name}:${app.id}`),
    ]);
  };
  const extraRoles =
    customRoles.length > named.customRoles.length ? customRoles.slice(named.customRoles.length) : customRoles;
  const resourceSets = named.resourceSets.map((set) => ({ ...set, bindings: set.bindings.slice() }));
  const accessRequests = resourceSets.find((set) => set.id === named.accessRequestsResourceSet.id)!;
  accessRequests.bindings.push({
    role: 'ACCESS_REQUESTS_ADMIN',
    members: [{ type: 'USER', id: random.pick(input.randomUserIds) }],
  });
  const setLabels = new UniqueNames(resourceSets.map((set) => set.label));
  for (let i = 0; i < input.resourceSets; i++) {
    const team = random.pick(TEAM_WORDS);
    const set: SnapshotResourceSet = {
      id: ids.next(ID_PREFIX.resourceSet),
      label: setLabels.next(`${team} delegated admin`),
      description: `Resources the ${team} admins manage`,
      created: randomTimestamp(random),
      resources: [...new Set(Array.from({ length: random.int(1, 4) }, resourceFor))],
      bindings: random.sample(extraRoles, random.int(1, 2)).map((role) => ({
        role: role.id,
        members: dedupeMembers(Array.from({ length: random.int(1, 3) }, randomMember)),
      })),
    };
    resourceSets.push(set);
  }

  const roleAssignments = named.roleAssignments.slice();
  const principals = pickAdminPrincipals(random, input, randomServiceAppIds);
  principals.forEach((principal, index) => {
    const types = random.sample(
      ROLE_TYPES.map(([type]) => type),
      random.chance(0.7) ? 1 : 2,
    );
    // The first admins take each role type in turn, so even a small org shows every type.
    types[0] = index < ROLE_TYPES.length ? ROLE_TYPES[index]![0] : random.weighted(ROLE_TYPES);
    for (const type of new Set(types)) {
      const assignment: SnapshotRoleAssignment = {
        ...principal,
        type,
        status: 'ACTIVE',
        created: randomTimestamp(random),
      };
      if (GROUP_TARGETED_ROLES.has(type) && random.chance(0.6)) {
        assignment.groupTargets = random.sample(assignableGroups, random.int(1, 3)).map((group) => group.id);
      }
      if (type === 'APP_ADMIN' && random.chance(0.5)) {
        assignment.appTargets = random
          .sample(plainApps, random.int(1, 2))
          .map((app) => (random.chance(0.5) ? { name: app.name } : { name: app.name, appId: app.id }));
      }
      roleAssignments.push(assignment);
    }
  });

  const systemLog = Array.from({ length: SYSTEM_LOG_EVENT_COUNT }, () => {
    const event = random.pick(SYSTEM_LOG_EVENTS);
    return {
      uuid: random.uuid(),
      published: randomTimestamp(random, DEMO_NOW_MS - ONE_WEEK_MS),
      eventType: event.eventType,
      displayMessage: event.displayMessage,
      severity: event.severity,
      actorId: random.pick(input.allUsers).id,
    };
  }).sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : 0));

  return { apps, grants, customRoles, resourceSets, roleAssignments, systemLog };
}

function dedupeMembers(members: SnapshotBinding['members']): SnapshotBinding['members'] {
  const seen = new Set<string>();
  return members.filter((member) => !seen.has(member.id) && seen.add(member.id));
}

type Principal = Pick<SnapshotRoleAssignment, 'principalType' | 'principalId'>;

/** Distinct random principals: mostly users, about one in eight a group, a few service apps. */
function pickAdminPrincipals(random: SeededRandom, input: AccessInput, serviceAppIds: string[]): Principal[] {
  const groupCount = Math.min(Math.round(input.admins * 0.12), input.randomGroupIds.length);
  const clientCount = Math.min(Math.round(input.admins * 0.08), serviceAppIds.length);
  const userCount = input.admins - groupCount - clientCount;
  return [
    ...random
      .sample(input.randomUserIds, userCount)
      .map((id): Principal => ({ principalType: 'USER', principalId: id })),
    ...random
      .sample(input.randomGroupIds, groupCount)
      .map((id): Principal => ({ principalType: 'GROUP', principalId: id })),
    ...random
      .sample(serviceAppIds, clientCount)
      .map((id): Principal => ({ principalType: 'CLIENT', principalId: id })),
  ];
}
