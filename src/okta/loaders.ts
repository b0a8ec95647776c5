/**
 * Per-request DataLoaders over an OktaDirectory (usually the cached one). Create a fresh set for
 * every GraphQL request: a loader remembers every key it saw for its whole life.
 * Every batch function returns one result per key, in key order, with an Error in the slot of a
 * key that failed.
 */
import DataLoader from 'dataloader';
import type {
  AppRecord,
  GrantRecord,
  GroupRecord,
  ResourceRecord,
  ResourceSetBindingRecord,
  RoleAssignmentRecord,
  ServiceAppRecord,
  UserRecord,
} from '../iam/model.ts';
import type { OktaDirectory } from './directory.ts';
import { toUpstreamError } from './errors.ts';

export interface Loaders {
  /** Batched into `search=id eq "a" or ...` (chunks of 50; single gets on a 400). */
  userById: DataLoader<string, UserRecord | null>;
  userByLogin: DataLoader<string, UserRecord | null>;
  groupById: DataLoader<string, GroupRecord | null>;
  appById: DataLoader<string, AppRecord | null>;
  serviceAppByClientId: DataLoader<string, ServiceAppRecord | null>;
  /** Direct and group-inherited, targets included. */
  userRoles: DataLoader<string, RoleAssignmentRecord[]>;
  groupRoles: DataLoader<string, RoleAssignmentRecord[]>;
  clientRoles: DataLoader<string, RoleAssignmentRecord[]>;
  userGroups: DataLoader<string, GroupRecord[]>;
  appGrants: DataLoader<string, GrantRecord[]>;
  customRolePermissions: DataLoader<string, string[]>;
  resourceSetResources: DataLoader<string, ResourceRecord[]>;
  resourceSetBindings: DataLoader<string, ResourceSetBindingRecord[]>;
}

const asError = (reason: unknown, context: string): Error =>
  reason instanceof Error ? reason : toUpstreamError(reason, context);

/** A loader whose keys are fetched one call each (Okta has no batch for these), errors per key. */
function perKey<V>(name: string, load: (key: string) => Promise<V>): DataLoader<string, V> {
  return new DataLoader<string, V>(async (keys) => {
    const settled = await Promise.allSettled(keys.map((k) => load(k)));
    return settled.map((s, i) =>
      s.status === 'fulfilled' ? s.value : asError(s.reason, `${name} ${keys[i]}`),
    );
  });
}

/** A loader whose whole batch is one directory call; a failed call fails every key of it. */
function batched<V>(name: string, load: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
  return new DataLoader<string, V>(async (keys) => {
    try {
      const values = await load(keys);
      if (values.length !== keys.length)
        throw new Error(`${name}: ${values.length} results for ${keys.length} keys`);
      return values;
    } catch (err) {
      const error = asError(err, `${name} (${keys.length} keys)`);
      return keys.map(() => error);
    }
  });
}

export function createLoaders(directory: OktaDirectory): Loaders {
  const userById = batched('users by id', (ids) => directory.getUsersByIds(ids));
  const groupById = batched('groups by id', (ids) => directory.getGroupsByIds(ids));
  const userByLogin = perKey('user by login', async (login) => {
    const user = await directory.getUserByLogin(login);
    if (user) userById.prime(user.id, user);
    return user;
  });
  const userGroups = perKey('groups of user', async (userId) => {
    const groups = await directory.listUserGroups(userId);
    for (const g of groups) groupById.prime(g.id, g);
    return groups;
  });
  return {
    userById,
    userByLogin,
    groupById,
    appById: perKey('app', (id) => directory.getApp(id)),
    serviceAppByClientId: perKey('service app', (id) => directory.getServiceApp(id)),
    userRoles: perKey('roles of user', (id) => directory.listUserRoles(id)),
    groupRoles: perKey('roles of group', (id) => directory.listGroupRoles(id)),
    clientRoles: perKey('roles of client', (id) => directory.listClientRoles(id)),
    userGroups,
    appGrants: perKey('grants of app', (id) => directory.listAppGrants(id)),
    customRolePermissions: perKey('permissions of role', (id) => directory.listCustomRolePermissions(id)),
    resourceSetResources: perKey('resources of set', (id) => directory.listResourceSetResources(id)),
    resourceSetBindings: perKey('bindings of set', (id) => directory.listResourceSetBindings(id)),
  };
}
