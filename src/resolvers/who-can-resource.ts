import type { GatewayContext } from '../context.ts';
import { badUserInput, notFound } from '../errors.ts';
import type { OrgInfo } from '../iam/model.ts';
import { formatOrn, type Orn, OrnError, ornFromRestUrl, parseOrn } from '../iam/orn.ts';
import { findPermission } from '../iam/permissions.ts';
import { appOrn, groupOrn, ornFitsFamily, type ResourceFamily } from '../iam/resource-family.ts';
import { type CoveredResource, ornResource, userResource } from '../iam/who-can.ts';
import { findUser } from './user.ts';

/** A `whoCan` resource argument, read for its form before anything is asked of Okta. */
export type ResourceArg =
  | { form: 'orn'; orn: Orn }
  | { form: 'url'; url: string }
  | { form: 'user' | 'group' | 'app'; name: string };

const FORMS =
  'an ORN (orn:okta:directory:{orgId}:groups:{groupId}), a REST URL on the org (https://{domain}/api/v1/groups/{groupId}), user:{id or login}, group:{id or name} or app:{id}';

const shown = (text: string) => (text.length > 100 ? `${text.slice(0, 97)}...` : text);

function appliesTo(permission: string): string {
  return findPermission(permission)?.applicableResources.join(', ') ?? `the resources of ${permission}`;
}

function wrongFamily(permission: string, resource: string): never {
  throw badUserInput(`${permission} applies to ${appliesTo(permission)}, not to ${shown(resource)}`);
}

/** The form of the argument; a malformed one is BAD_USER_INPUT. */
export function readResourceArg(text: string, permission: string, family: ResourceFamily): ResourceArg {
  const value = text.trim();
  if (value.startsWith('orn:')) {
    let orn: Orn;
    try {
      orn = parseOrn(value);
    } catch (error) {
      if (error instanceof OrnError) throw badUserInput(error.message);
      throw error;
    }
    if (!ornFitsFamily(orn, family)) wrongFamily(permission, value);
    return { form: 'orn', orn };
  }
  if (/^https?:\/\//i.test(value) || value.startsWith('/api/')) return { form: 'url', url: value };
  const named = /^(user|group|app):(.+)$/s.exec(value);
  if (named?.[1] && named[2]?.trim()) {
    const form = named[1] as 'user' | 'group' | 'app';
    const fits = { user: ['users'], group: ['users', 'groups'], app: ['apps'] }[form];
    if (!fits.includes(family)) wrongFamily(permission, value);
    return { form, name: named[2].trim() };
  }
  throw badUserInput(`Not a resource: "${shown(value)}"; expected ${FORMS}`);
}

async function checkOrn(ctx: GatewayContext, org: OrgInfo, orn: Orn, text: string): Promise<void> {
  if (orn.partition !== org.partition || orn.orgId !== org.id) {
    throw badUserInput(
      `${shown(text)} names org ${orn.orgId} (${orn.partition}); the gateway reads org ${org.id} (${org.partition})`,
    );
  }
  if (orn.objectType === 'groups' && orn.objectId !== null) {
    if (!(await ctx.loaders.groupById.load(orn.objectId)))
      throw notFound(`No group ${orn.objectId} in the org`);
  }
  if (orn.objectType === 'apps' && orn.objectId !== null) {
    const app = await ctx.loaders.appById.load(orn.objectId);
    if (!app || app.name !== orn.appName) throw notFound(`No ${orn.appName} app ${orn.objectId} in the org`);
  }
}

/** `/api/v1/users/{id or login}` on the org: a user has a REST URL but no ORN of its own. */
function userOfRestUrl(url: string, org: OrgInfo): string | null {
  try {
    const parsed = new URL(url, `${org.url}/`);
    if (parsed.origin !== new URL(org.url).origin || parsed.search !== '') return null;
    const match = /^\/api\/v1\/users\/([^/]+)\/?$/.exec(parsed.pathname);
    return match?.[1] ? decodeURIComponent(match[1]) : null;
  } catch {
    return null;
  }
}

async function ornOfRestUrl(ctx: GatewayContext, org: OrgInfo, url: string): Promise<string> {
  let appId: string | null = null;
  const orn = ornFromRestUrl(url, org, (id) => {
    appId = id;
    return null;
  });
  if (orn) return orn;
  if (appId === null) {
    throw badUserInput(
      `${shown(url)} is not the REST URL of a resource on the org ${org.url}; expected ${FORMS}`,
    );
  }
  // An app's ORN names its type: the URL names only its id.
  const app = await ctx.loaders.appById.load(appId);
  if (!app) throw notFound(`No app ${appId} in the org`);
  return ornFromRestUrl(url, org, () => app.name)!;
}

async function groupIdOf(ctx: GatewayContext, name: string): Promise<string> {
  if (/^00g[A-Za-z0-9]+$/.test(name)) {
    const byId = await ctx.loaders.groupById.load(name);
    if (byId) return byId.id;
  }
  const search = `profile.name eq "${name.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  const page = await ctx.directory.listGroups(search, { limit: 2 });
  const [group, another] = page.items;
  if (!group) throw notFound(`No group has the id or name "${shown(name)}"`);
  if (another) throw badUserInput(`More than one group is named "${shown(name)}": name it as group:{id}`);
  return group.id;
}

/** The resource as the scope ORNs that cover it; an object Okta does not know is NOT_FOUND. */
export async function coverResource(
  ctx: GatewayContext,
  arg: ResourceArg,
  permission: string,
  family: ResourceFamily,
): Promise<CoveredResource> {
  const org = await ctx.org();
  const ofOrn = async (orn: Orn, text: string) => {
    await checkOrn(ctx, org, orn, text);
    return ornResource(orn, family, org);
  };
  switch (arg.form) {
    case 'orn':
      return ofOrn(arg.orn, formatOrn(arg.orn));
    case 'url': {
      const userName = userOfRestUrl(arg.url, org);
      if (userName !== null) return coverResource(ctx, { form: 'user', name: userName }, permission, family);
      const orn = parseOrn(await ornOfRestUrl(ctx, org, arg.url));
      if (!ornFitsFamily(orn, family)) wrongFamily(permission, arg.url);
      return ofOrn(orn, arg.url);
    }
    case 'user': {
      if (family !== 'users') wrongFamily(permission, `user:${arg.name}`);
      const user = await findUser(ctx, arg.name);
      if (!user) throw notFound(`No user has the id or login "${shown(arg.name)}"`);
      const groups = await ctx.loaders.userGroups.load(user.id);
      return userResource(
        org,
        user.id,
        groups.map((g) => g.id),
      );
    }
    case 'group': {
      // A users permission over a group: the users in it (its contained_resources).
      const id = await groupIdOf(ctx, arg.name);
      return ornResource(parseOrn(groupOrn(org, id, family === 'users')), family, org);
    }
    case 'app': {
      const app = await ctx.loaders.appById.load(arg.name);
      if (!app) throw notFound(`No app ${shown(arg.name)} in the org`);
      return ornResource(parseOrn(appOrn(org, app.name, app.id)), family, org);
    }
  }
}
