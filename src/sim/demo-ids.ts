/**
 * Finds the demo org's named principals (and the objects their setups refer to) in a snapshot, so
 * tests and examples can address them by key instead of by id.
 */
import { DEMO_GROUPS, DEMO_SERVICE_APPS, DEMO_USERS } from './demo-principals.ts';
import { DEMO_EXTRAS } from './demo-setup.ts';
import type { OrgSnapshot } from './snapshot-format.ts';

type IdsOf<T> = Record<keyof T, string>;

export interface DemoPrincipalIds {
  users: IdsOf<typeof DEMO_USERS>;
  groups: IdsOf<typeof DEMO_GROUPS>;
  /** Client ids; for Okta service apps the client id is the app id. */
  serviceApps: IdsOf<typeof DEMO_SERVICE_APPS>;
  /** The other named objects the setups refer to. */
  extras: {
    everyoneGroup: string;
    engineeringGroup: string;
    salesGroup: string;
    slackApp: string;
    salesforceApp: string;
    lumosRole: string;
    lumosRoleNoAppAssignment: string;
    lumosResourceSet: string;
    accessRequestsResourceSet: string;
    accessCertificationsResourceSet: string;
    lumosRoleNoLifecycle: string;
    lumosUsersAndGroupsResourceSet: string;
    workflowsResourceSet: string;
  };
}

function idsByKey<T extends Record<string, unknown>>(
  entries: T,
  nameOf: (entry: T[keyof T]) => string,
  index: Map<string, string>,
  what: string,
): IdsOf<T> {
  const ids = {} as IdsOf<T>;
  for (const key of Object.keys(entries) as (keyof T)[]) {
    const name = nameOf(entries[key]);
    const id = index.get(name);
    if (id === undefined) throw new Error(`demo org: no ${what} "${name}" in this snapshot`);
    ids[key] = id;
  }
  return ids;
}

/** Finds the named principals in a generated org by login, group name and app label. */
export function demoPrincipalIds(org: OrgSnapshot): DemoPrincipalIds {
  const usersByLogin = new Map(org.users.map((user) => [user.profile.login, user.id]));
  const groupsByName = new Map(org.groups.map((group) => [group.profile.name, group.id]));
  const appsByLabel = new Map(org.apps.map((app) => [app.label, app.oauthClient?.clientId ?? app.id]));
  const rolesByLabel = new Map(org.customRoles.map((role) => [role.label, role.id]));
  const setsByLabel = new Map(org.resourceSets.map((set) => [set.label, set.id]));
  const find = (index: Map<string, string>, name: string, what: string) => {
    const id = index.get(name);
    if (id === undefined) throw new Error(`demo org: no ${what} "${name}" in this snapshot`);
    return id;
  };
  return {
    users: idsByKey(DEMO_USERS, (user) => user.login, usersByLogin, 'user'),
    groups: idsByKey(DEMO_GROUPS, (group) => group.name, groupsByName, 'group'),
    serviceApps: idsByKey(DEMO_SERVICE_APPS, (app) => app.label, appsByLabel, 'service app'),
    extras: {
      everyoneGroup: find(groupsByName, DEMO_EXTRAS.everyoneGroup, 'group'),
      engineeringGroup: find(groupsByName, DEMO_EXTRAS.engineeringGroup, 'group'),
      salesGroup: find(groupsByName, DEMO_EXTRAS.salesGroup, 'group'),
      slackApp: find(appsByLabel, DEMO_EXTRAS.slackApp, 'app'),
      salesforceApp: find(appsByLabel, DEMO_EXTRAS.salesforceApp, 'app'),
      lumosRole: find(rolesByLabel, DEMO_EXTRAS.lumosRole, 'custom role'),
      lumosRoleNoAppAssignment: find(rolesByLabel, DEMO_EXTRAS.lumosRoleNoAppAssignment, 'custom role'),
      lumosResourceSet: find(setsByLabel, DEMO_EXTRAS.lumosResourceSet, 'resource set'),
      accessRequestsResourceSet: find(setsByLabel, DEMO_EXTRAS.accessRequestsResourceSet, 'resource set'),
      accessCertificationsResourceSet: find(
        setsByLabel,
        DEMO_EXTRAS.accessCertificationsResourceSet,
        'resource set',
      ),
      lumosRoleNoLifecycle: find(rolesByLabel, DEMO_EXTRAS.lumosRoleNoLifecycle, 'custom role'),
      lumosUsersAndGroupsResourceSet: find(
        setsByLabel,
        DEMO_EXTRAS.lumosUsersAndGroupsResourceSet,
        'resource set',
      ),
      workflowsResourceSet: find(setsByLabel, DEMO_EXTRAS.workflowsResourceSet, 'resource set'),
    },
  };
}
