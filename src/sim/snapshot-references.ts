/**
 * Cross-reference checks of an org snapshot that passed the structural schema: unique ids and
 * logins, and no reference to a user, group, app, client or custom role the snapshot lacks.
 * Each problem is reported as `path: what is wrong`, e.g. `grants[4].appId: unknown app 0oa...`.
 */
import type { OrgSnapshot, SnapshotBinding } from './snapshot-format.ts';

/** Stop collecting after this many problems: one broken import can otherwise yield millions. */
const MAX_PROBLEMS = 10;
/** IAM-based standard roles are bound by role type (ACCESS_REQUESTS_ADMIN), custom roles by id. */
const ROLE_TYPE = /^[A-Z][A-Z0-9_]*$/;

type PrincipalType = SnapshotBinding['members'][number]['type'];

export function findReferenceProblems(snapshot: OrgSnapshot): string[] {
  const problems: string[] = [];
  const report = (path: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(`${path}: ${message}`);
  };

  const userIds = indexUnique(snapshot.users, 'users', (user) => user.id, 'id', report);
  indexUnique(snapshot.users, 'users', (user) => user.profile.login.toLowerCase(), 'profile.login', report);
  const groupIds = indexUnique(snapshot.groups, 'groups', (group) => group.id, 'id', report);
  const appsById = new Map(snapshot.apps.map((app) => [app.id, app]));
  indexUnique(snapshot.apps, 'apps', (app) => app.id, 'id', report);
  const clients = snapshot.apps.flatMap((app, index) =>
    app.oauthClient ? [{ index, ...app.oauthClient }] : [],
  );
  const clientIds = new Set<string>();
  for (const client of clients) {
    if (clientIds.has(client.clientId)) {
      report(`apps[${client.index}].oauthClient.clientId`, `duplicate client id ${client.clientId}`);
    }
    clientIds.add(client.clientId);
  }
  indexUnique(snapshot.grants, 'grants', (grant) => grant.id, 'id', report);
  const customRoleIds = indexUnique(snapshot.customRoles, 'customRoles', (role) => role.id, 'id', report);
  indexUnique(snapshot.resourceSets, 'resourceSets', (set) => set.id, 'id', report);
  indexUnique(snapshot.memberships, 'memberships', (m) => m.groupId, 'groupId', report);
  indexUnique(snapshot.systemLog ?? [], 'systemLog', (event) => event.uuid, 'uuid', report);

  const known: Record<PrincipalType, { ids: ReadonlySet<string> | Map<string, number>; noun: string }> = {
    USER: { ids: userIds, noun: 'user' },
    GROUP: { ids: groupIds, noun: 'group' },
    CLIENT: { ids: clientIds, noun: 'client (no app has this oauthClient.clientId)' },
  };
  const checkPrincipal = (path: string, type: PrincipalType, id: string) => {
    if (!known[type].ids.has(id)) report(path, `unknown ${known[type].noun} ${id}`);
  };
  const checkApp = (path: string, appId: string, name?: string) => {
    const app = appsById.get(appId);
    if (!app) report(path, `unknown app ${appId}`);
    else if (name !== undefined && app.name !== name)
      report(path, `app ${appId} is a ${app.name}, not a ${name}`);
  };

  snapshot.memberships.forEach((membership, m) => {
    if (!groupIds.has(membership.groupId))
      report(`memberships[${m}].groupId`, `unknown group ${membership.groupId}`);
    membership.userIds.forEach((userId, u) => {
      checkPrincipal(`memberships[${m}].userIds[${u}]`, 'USER', userId);
    });
  });
  snapshot.grants.forEach((grant, g) => {
    checkApp(`grants[${g}].appId`, grant.appId);
  });
  snapshot.roleAssignments.forEach((assignment, a) => {
    const path = `roleAssignments[${a}]`;
    checkPrincipal(`${path}.principalId`, assignment.principalType, assignment.principalId);
    assignment.groupTargets?.forEach((groupId, t) => {
      checkPrincipal(`${path}.groupTargets[${t}]`, 'GROUP', groupId);
    });
    assignment.appTargets?.forEach((target, t) => {
      if (target.appId !== undefined) checkApp(`${path}.appTargets[${t}].appId`, target.appId, target.name);
    });
  });

  const ornPrefix = `orn:${snapshot.org.partition}:`;
  snapshot.resourceSets.forEach((set, s) => {
    set.resources.forEach((orn, r) => {
      const path = `resourceSets[${s}].resources[${r}]`;
      const [, partition, service, orgId, objectType, first, second] = orn.split(':');
      if (!orn.startsWith(ornPrefix) || orgId !== snapshot.org.id) {
        report(path, `ORN ${orn} is not of this org (expected ${ornPrefix}{service}:${snapshot.org.id}:...)`);
      } else if (!partition || !service || !objectType) {
        report(path, `malformed ORN ${orn}`);
      } else if (service === 'directory' && objectType === 'groups' && first !== undefined) {
        checkPrincipal(path, 'GROUP', first);
      } else if (service === 'idp' && objectType === 'apps' && first !== undefined && second !== undefined) {
        checkApp(path, second, first);
      }
    });
    set.bindings.forEach((binding, b) => {
      const path = `resourceSets[${s}].bindings[${b}]`;
      if (!ROLE_TYPE.test(binding.role) && !customRoleIds.has(binding.role)) {
        report(`${path}.role`, `unknown custom role ${binding.role}`);
      }
      binding.members.forEach((member, m) => {
        checkPrincipal(`${path}.members[${m}].id`, member.type, member.id);
      });
    });
  });
  return problems;
}

/** Maps each key to its first index, reporting repeats as `list[i].field: duplicate ...`. */
function indexUnique<T>(
  items: readonly T[],
  list: string,
  keyOf: (item: T) => string,
  field: string,
  report: (path: string, message: string) => void,
): Map<string, number> {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else report(`${list}[${index}].${field}`, `duplicate ${key} (first at ${list}[${first}])`);
  });
  return seen;
}
