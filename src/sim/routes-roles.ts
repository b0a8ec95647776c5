/** Role assignments and their targets, shared by users, groups and clients. */
import { notFound } from './errors.ts';
import { linkHeader, listPage, parseLimit } from './paging.ts';
import type { Route, RouteContext, RouteResult } from './router.ts';
import { groupJson } from './shapes.ts';
import { assignmentJson } from './shapes-iam.ts';
import type { Assignment, PrincipalType, SimStore } from './store.ts';

interface Listed {
  assignment: Assignment;
  via: PrincipalType;
}

/** The principal's role list, or a 404 if the principal does not exist. */
function assignmentsOf(ctx: RouteContext, type: PrincipalType): Listed[] {
  const id = ctx.params.id as string;
  const { store } = ctx;
  if (type === 'USER') {
    const user = store.userByIdOrLogin(id);
    if (!user) throw notFound(id);
    return store.userAssignments(user.id);
  }
  if (type === 'GROUP') {
    if (!store.group(id)) throw notFound(id);
  } else if (!store.client(id)) throw notFound(id);
  return store.directAssignments(type, id).map((assignment) => ({ assignment, via: type }));
}

function catalogAppJson(base: string, target: { name: string; appId?: string }, store: SimStore) {
  const instance = target.appId ? store.app(target.appId) : undefined;
  return {
    name: target.name,
    displayName: instance?.label ?? target.name,
    description: `${target.name} (simulated catalog entry)`,
    status: 'ACTIVE',
    lastUpdated: instance?.created ?? '2020-01-01T00:00:00.000Z',
    category: 'OTHER',
    verificationStatus: 'OKTA_VERIFIED',
    website: `https://${target.name}.example.com/`,
    signOnModes: instance ? [instance.signOnMode] : [],
    features: [],
    ...(target.appId ? { id: target.appId } : {}),
    _links: {
      logo: [{ name: 'medium', href: `${base}/assets/img/logos/default.png`, type: 'image/png' }],
      self: {
        href: target.appId
          ? `${base}/api/v1/apps/${target.appId}`
          : `${base}/api/v1/catalog/apps/${target.name}`,
      },
    },
  };
}

function embeddedTargets(ctx: RouteContext, a: Assignment) {
  if (ctx.variants.has('no-embedded-targets')) return undefined;
  const expand = ctx.query.get('expand');
  if (expand === 'targets/groups' && a.groupTargets?.length) {
    const groups = a.groupTargets.flatMap((id) => {
      const g = ctx.store.group(id);
      return g ? [groupJson(ctx.base, g)] : [];
    });
    return { targets: { groups } };
  }
  if (expand === 'targets/catalog/apps' && a.appTargets?.length) {
    return {
      targets: { catalog: { apps: a.appTargets.map((t) => catalogAppJson(ctx.base, t, ctx.store)) } },
    };
  }
  return undefined;
}

export function listRoles(type: PrincipalType) {
  return (ctx: RouteContext): RouteResult => {
    const listed = assignmentsOf(ctx, type);
    if (!listed.length && type === 'CLIENT' && ctx.variants.has('no-roles-404')) {
      throw notFound(ctx.params.id as string);
    }
    return {
      body: listed.map(({ assignment, via }) =>
        assignmentJson(ctx.base, assignment, via, embeddedTargets(ctx, assignment)),
      ),
    };
  };
}

function findAssignment(ctx: RouteContext, type: PrincipalType): Listed {
  const raId = ctx.params.raId as string;
  const found = assignmentsOf(ctx, type).find((l) => l.assignment.id === raId);
  if (!found) throw notFound(raId);
  return found;
}

export function getRole(type: PrincipalType) {
  return (ctx: RouteContext): RouteResult => {
    const { assignment, via } = findAssignment(ctx, type);
    return { body: assignmentJson(ctx.base, assignment, via) };
  };
}

export function groupTargets(type: PrincipalType) {
  return (ctx: RouteContext): RouteResult => {
    const { assignment } = findAssignment(ctx, type);
    const groups = (assignment.groupTargets ?? []).flatMap((id) => {
      const g = ctx.store.group(id);
      return g ? [g] : [];
    });
    const page = listPage(groups, (g) => g.id, ctx.query.get('after'), parseLimit(ctx.query, 20, 200));
    return {
      body: page.items.map((g) => groupJson(ctx.base, g)),
      link: linkHeader(ctx.base, ctx.pathname, ctx.query, page.nextAfter),
    };
  };
}

export function appTargets(type: PrincipalType) {
  return (ctx: RouteContext): RouteResult => {
    const { assignment } = findAssignment(ctx, type);
    const targets = assignment.appTargets ?? [];
    const idOf = (t: { name: string; appId?: string }) => t.appId ?? t.name;
    const page = listPage(targets, idOf, ctx.query.get('after'), parseLimit(ctx.query, 20, 200));
    return {
      body: page.items.map((t) => catalogAppJson(ctx.base, t, ctx.store)),
      link: linkHeader(ctx.base, ctx.pathname, ctx.query, page.nextAfter),
    };
  };
}

/** The four role routes under a principal path prefix; reading roles needs a role reader. */
export function roleRoutes(prefix: string, type: PrincipalType): Route[] {
  const route = (pattern: string, handler: Route['handler']): Route => ({
    pattern: `${prefix}${pattern}`,
    scope: 'okta.roles.read',
    ownerNeeds: 'roleReader',
    handler,
  });
  return [
    route('/roles', listRoles(type)),
    route('/roles/:raId', getRole(type)),
    route('/roles/:raId/targets/groups', groupTargets(type)),
    route('/roles/:raId/targets/catalog/apps', appTargets(type)),
  ];
}
