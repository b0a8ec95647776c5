/** /api/v1/iam/*: custom roles, resource sets, bindings, assignees (body-paged with `_links.next`). */
import { notFound } from './errors.ts';
import { listPage, nextHref, parseLimit } from './paging.ts';
import type { Route, RouteContext } from './router.ts';
import {
  customRoleJson,
  permissionJson,
  principalHref,
  resourceJson,
  resourceSetJson,
} from './shapes-iam.ts';
import type { SnapshotBinding, SnapshotResourceSet } from './snapshot-format.ts';
import { bindingMemberId } from './store.ts';
import { isPredefinedResourceSet } from './variants.ts';

/** Page size of the iam lists that take no `limit` (Okta's is not documented; small pages exercise paging). */
const IAM_PAGE = 20;

function resourceSetOr404(ctx: RouteContext): SnapshotResourceSet {
  const rs = ctx.store.resourceSet(ctx.params.rs as string);
  if (!rs) throw notFound(ctx.params.rs as string);
  return rs;
}

function bindingOr404(ctx: RouteContext, rs: SnapshotResourceSet): SnapshotBinding {
  const wanted = ctx.params.role as string;
  const roleId = ctx.store.customRole(wanted)?.id ?? wanted;
  const binding = rs.bindings.find((b) => b.role === roleId);
  if (!binding) throw notFound(wanted);
  return binding;
}

/** One page of an iam list and its `_links.next`, to spread into `_links`: Okta pages these in the body. */
function bodyPage<T>(
  ctx: RouteContext,
  items: readonly T[],
  idOf: (item: T) => string,
  defaultLimit = IAM_PAGE,
) {
  const page = listPage(items, idOf, ctx.query.get('after'), parseLimit(ctx.query, defaultLimit, 100));
  const next = nextHref(ctx.base, ctx.pathname, ctx.query, page.nextAfter);
  return { items: page.items, nextLink: next ? { next } : {} };
}

const rsHref = (ctx: RouteContext, rs: SnapshotResourceSet) =>
  `${ctx.base}/api/v1/iam/resource-sets/${rs.id}`;

function memberJson(
  ctx: RouteContext,
  rs: SnapshotResourceSet,
  b: SnapshotBinding,
  m: SnapshotBinding['members'][0],
) {
  return {
    id: bindingMemberId(rs.id, b.role, m.type, m.id),
    created: rs.created,
    lastUpdated: rs.created,
    _links: { self: { href: principalHref(ctx.base, m.type, m.id) } },
  };
}

const routes: Route[] = [
  {
    pattern: '/api/v1/iam/assignees/users',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const { store } = ctx;
      const assignees = ctx.variants.has('assignees-direct')
        ? store.directlyAssignedUserIds
        : store.assignedUserIds;
      const { items, nextLink } = bodyPage(ctx, assignees, (id) => id, 100);
      return {
        body: {
          value: items.map((id) => ({
            id,
            orn: `orn:${store.org.org.partition}:directory:${store.org.org.id}:users:${id}`,
            _links: {
              self: { href: `${ctx.base}/api/v1/users/${id}` },
              roles: { href: `${ctx.base}/api/v1/users/${id}/roles` },
            },
          })),
          _links: nextLink,
        },
      };
    },
  },
  {
    pattern: '/api/v1/iam/roles',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const { items, nextLink } = bodyPage(ctx, ctx.store.customRoles, (r) => r.id);
      return { body: { roles: items.map((r) => customRoleJson(ctx.base, r)), _links: nextLink } };
    },
  },
  {
    pattern: '/api/v1/iam/roles/:role',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const role = ctx.store.customRole(ctx.params.role as string);
      if (!role) throw notFound(ctx.params.role as string);
      return { body: customRoleJson(ctx.base, role) };
    },
  },
  {
    pattern: '/api/v1/iam/roles/:role/permissions',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const role = ctx.store.customRole(ctx.params.role as string);
      if (!role) throw notFound(ctx.params.role as string);
      return { body: { permissions: role.permissions.map((p) => permissionJson(ctx.base, role, p)) } };
    },
  },
  {
    pattern: '/api/v1/iam/resource-sets',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const { items, nextLink } = bodyPage(ctx, ctx.store.resourceSets, (r) => r.id);
      return {
        body: {
          'resource-sets': items.map((r) => resourceSetJson(ctx.base, r)),
          _links: nextLink,
        },
      };
    },
  },
  {
    pattern: '/api/v1/iam/resource-sets/:rs',
    scope: 'okta.roles.read',
    handler: (ctx) => ({ body: resourceSetJson(ctx.base, resourceSetOr404(ctx)) }),
  },
  {
    pattern: '/api/v1/iam/resource-sets/:rs/resources',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const rs = resourceSetOr404(ctx);
      if (ctx.variants.has('iam-policy-404') && isPredefinedResourceSet(rs.id)) throw notFound(rs.id);
      const resources = rs.resources.map((orn) => resourceJson(ctx.base, rs, orn));
      const { items, nextLink } = bodyPage(ctx, resources, (r) => r.id, 100);
      return {
        body: {
          resources: items,
          _links: { ...nextLink, 'resource-set': { href: rsHref(ctx, rs) } },
        },
      };
    },
  },
  {
    pattern: '/api/v1/iam/resource-sets/:rs/bindings',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const rs = resourceSetOr404(ctx);
      const { items, nextLink } = bodyPage(ctx, rs.bindings, (b) => b.role);
      return {
        body: {
          roles: items.map((b) => ({
            id: b.role,
            _links: {
              self: { href: `${ctx.base}/api/v1/iam/roles/${b.role}` },
              members: { href: `${rsHref(ctx, rs)}/bindings/${b.role}/members` },
            },
          })),
          _links: {
            self: { href: `${rsHref(ctx, rs)}/bindings` },
            'resource-set': { href: rsHref(ctx, rs) },
            ...nextLink,
          },
        },
      };
    },
  },
  {
    pattern: '/api/v1/iam/resource-sets/:rs/bindings/:role',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const rs = resourceSetOr404(ctx);
      const b = bindingOr404(ctx, rs);
      const self = `${rsHref(ctx, rs)}/bindings/${b.role}`;
      return {
        body: {
          id: b.role,
          _links: {
            self: { href: self },
            members: { href: `${self}/members` },
            'resource-set': { href: rsHref(ctx, rs) },
          },
        },
      };
    },
  },
  {
    pattern: '/api/v1/iam/resource-sets/:rs/bindings/:role/members',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const rs = resourceSetOr404(ctx);
      const b = bindingOr404(ctx, rs);
      const members = b.members.map((m) => memberJson(ctx, rs, b, m));
      const { items, nextLink } = bodyPage(ctx, members, (m) => m.id);
      const self = `${rsHref(ctx, rs)}/bindings/${b.role}`;
      return {
        body: {
          members: items,
          _links: { self: { href: `${self}/members` }, binding: { href: self }, ...nextLink },
        },
      };
    },
  },
  {
    pattern: '/api/v1/iam/resource-sets/:rs/bindings/:role/members/:member',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const rs = resourceSetOr404(ctx);
      const b = bindingOr404(ctx, rs);
      const member = b.members.map((m) => memberJson(ctx, rs, b, m)).find((m) => m.id === ctx.params.member);
      if (!member) throw notFound(ctx.params.member as string);
      return { body: member };
    },
  },
];

/** Every /api/v1/iam read needs a Super Administrator or okta.iam.read of the token's owner. */
export const iamRoutes: Route[] = routes.map((route) => ({ ...route, ownerNeeds: 'roleReader' }));
