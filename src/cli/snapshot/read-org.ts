/**
 * Reads an org's IAM data into the simulator's snapshot format (v1), read-only, through the
 * access layer (OktaDirectory + the whole-org sweeps of snapshot-reads). This is not the
 * simulator: it only shares the file format. Nothing secret is ever kept: no token, no client
 * secret, no private key member of a JWK.
 */

import pMap from 'p-map';
import type { RoleAssignmentRecord } from '../../iam/model.ts';
import type { OktaDirectory } from '../../okta/directory.ts';
import { bindingMemberRef } from '../../okta/mappers.ts';
import { emptyOnNotFound } from '../../okta/not-found.ts';
import type { SnapshotReads } from '../../okta/snapshot-reads.ts';
import {
  type OrgSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotApp,
  type SnapshotBinding,
  type SnapshotGrant,
  type SnapshotGroup,
  type SnapshotMembership,
  type SnapshotRoleAssignment,
  type SnapshotUser,
} from '../../sim/snapshot-format.ts';
import { publicJwk } from './public-jwk.ts';

export interface ReadOrgOptions {
  /** Per-principal reads in flight at once; the client's own cap still applies. Default 8. */
  concurrency?: number;
  /** Called as each phase advances: `done` of `total` items of `phase`. */
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Stands in for timestamps Okta does not return (assignments' and grants' `created`). Default now. */
  now?: Date;
}

/** Okta paginates members with a cursor; this walks every page. */
async function allMembers(directory: OktaDirectory, groupId: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const page = await directory.listGroupMembers(groupId, { limit: 1000, after });
    ids.push(...page.items.map((u) => u.id));
    after = page.nextCursor;
  } while (after);
  return ids;
}

/** Standard roles held by the principal itself; custom and IAM-based ones come back through bindings. */
function ownStandardAssignments(
  records: RoleAssignmentRecord[],
  principalType: SnapshotRoleAssignment['principalType'],
  principalId: string,
  created: string,
): SnapshotRoleAssignment[] {
  return records
    .filter((r) => r.assignmentType === principalType && r.customRoleId === null && r.resourceSetId === null)
    .map((r) => {
      const groupTargets = r.targets?.flatMap((t) => (t.kind === 'GROUP' ? [t.groupId] : [])) ?? [];
      const appTargets =
        r.targets?.flatMap((t) =>
          t.kind === 'APP' ? [t.appId ? { name: t.appName, appId: t.appId } : { name: t.appName }] : [],
        ) ?? [];
      return {
        principalType,
        principalId,
        type: r.type,
        status: r.status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE',
        created,
        ...(groupTargets.length > 0 ? { groupTargets } : {}),
        ...(appTargets.length > 0 ? { appTargets } : {}),
      };
    });
}

const MEMBER_TYPES = { USER: 'USER', GROUP: 'GROUP', SERVICE_APP: 'CLIENT' } as const;

/** A binding member as Okta links it: /api/v1/users/{id}, /api/v1/groups/{id} or /oauth2/v1/clients/{id}. */
export function bindingMemberFromHref(href: string): SnapshotBinding['members'][number] | null {
  const ref = bindingMemberRef(href);
  return ref && { type: MEMBER_TYPES[ref.kind], id: ref.key };
}

export async function readOrgSnapshot(
  directory: OktaDirectory,
  reads: SnapshotReads,
  options: ReadOrgOptions = {},
): Promise<OrgSnapshot> {
  const concurrency = options.concurrency ?? 8;
  const created = (options.now ?? new Date()).toISOString();
  const progress = options.onProgress ?? (() => {});
  const each = async <T, R>(
    phase: string,
    items: readonly T[],
    fn: (item: T) => Promise<R>,
  ): Promise<R[]> => {
    let done = 0;
    progress(phase, 0, items.length);
    return pMap(
      items,
      async (item) => {
        const result = await fn(item);
        progress(phase, ++done, items.length);
        return result;
      },
      { concurrency },
    );
  };

  progress('org', 0, 1);
  const [orgInfo, settings] = await Promise.all([
    directory.getOrg(),
    reads.getOrgSettings().catch(() => null),
  ]);
  const [userDetails, groupDetails, appDetails, clients] = await Promise.all([
    reads.listAllUsers(),
    reads.listAllGroups(),
    reads.listAllApps(),
    reads.listOAuthClients(),
  ]);
  progress('org', 1, 1);

  const users: SnapshotUser[] = userDetails.map((u) => ({
    id: u.id,
    status: u.status as SnapshotUser['status'],
    created: u.created || created,
    profile: u.profile,
  }));
  const groups: SnapshotGroup[] = groupDetails.map((g) => ({
    id: g.id,
    type: g.type as SnapshotGroup['type'],
    created: g.created || created,
    profile: { name: g.name, description: g.description },
  }));

  const memberLists = await each('memberships', groups, (g) => allMembers(directory, g.id));
  const memberships: SnapshotMembership[] = groups
    .map((g, i) => ({ groupId: g.id, userIds: memberLists[i] ?? [] }))
    .filter((m) => m.userIds.length > 0);

  const clientById = new Map(clients.map((c) => [c.clientId, c]));
  const apps: SnapshotApp[] = await each('apps', appDetails, async (a) => {
    const app: SnapshotApp = {
      id: a.id,
      name: a.name,
      label: a.label,
      status: a.status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE',
      signOnMode: a.signOnMode,
      created: a.created || created,
    };
    if (!a.clientId) return app;
    const client = clientById.get(a.clientId);
    const method = (client?.tokenEndpointAuthMethod ?? a.tokenEndpointAuthMethod ?? 'none') as NonNullable<
      SnapshotApp['oauthClient']
    >['tokenEndpointAuthMethod'];
    let keys = client?.jwks ?? null;
    if (!keys && method === 'private_key_jwt') {
      // Orgs (and the simulator) without the app-level JWKS endpoint answer 404: no keys to copy.
      keys = await reads.listAppJwks(a.id).catch((err: { code?: string }) => {
        if (err?.code === 'NOT_FOUND') return [];
        throw err;
      });
    }
    const publicKeys = (keys ?? []).map(publicJwk).filter((k): k is Record<string, unknown> => k !== null);
    app.oauthClient = {
      clientId: a.clientId,
      applicationType: (client?.applicationType ?? a.applicationType ?? 'web') as NonNullable<
        SnapshotApp['oauthClient']
      >['applicationType'],
      tokenEndpointAuthMethod: method,
      ...(publicKeys.length > 0 ? { jwks: { keys: publicKeys } } : {}),
    };
    return app;
  });

  const serviceApps = await directory.listServiceApps();
  const grantLists = await each('grants', serviceApps, (s) => directory.listAppGrants(s.appId));
  const grants: SnapshotGrant[] = serviceApps.flatMap((s, i) =>
    (grantLists[i] ?? []).map((g) => ({
      id: g.id,
      appId: s.appId,
      scopeId: g.scopeId,
      status: g.status === 'REVOKED' ? ('REVOKED' as const) : ('ACTIVE' as const),
      created,
    })),
  );

  const adminUserIds = await directory.listRoleAssigneeUserIds();
  const userRoles = await each('user roles', adminUserIds, async (id) =>
    ownStandardAssignments(await directory.listUserRoles(id), 'USER', id, created),
  );
  const groupRoles = await each('group roles', groups, async (g) =>
    ownStandardAssignments(await directory.listGroupRoles(g.id), 'GROUP', g.id, created),
  );
  const clientRoles = await each('service app roles', serviceApps, async (s) =>
    ownStandardAssignments(await directory.listClientRoles(s.clientId), 'CLIENT', s.clientId, created),
  );

  const customRoleList = await directory.listCustomRoles();
  const customRoles = await each('custom roles', customRoleList, async (r) => ({
    id: r.id,
    label: r.label,
    description: r.description ?? '',
    permissions: await directory.listCustomRolePermissions(r.id),
    created,
  }));

  const resourceSetList = await directory.listResourceSets();
  const resourceSets = await each('resource sets', resourceSetList, async (rs) => {
    const [resources, bindings] = await Promise.all([
      // Okta may not list the resources of an IAM-based role's predefined set (404): none kept.
      emptyOnNotFound(() => directory.listResourceSetResources(rs.id)),
      directory.listResourceSetBindings(rs.id),
    ]);
    return {
      id: rs.id,
      label: rs.label,
      description: rs.description ?? '',
      created,
      resources: resources.map((r) => r.orn),
      bindings: bindings.map((b) => ({
        role: b.roleId,
        members: b.members.flatMap((m) => {
          const member = bindingMemberFromHref(m.href);
          return member ? [member] : [];
        }),
      })),
    };
  });

  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    org: {
      id: settings?.id || orgInfo.id,
      companyName: settings?.companyName || new URL(orgInfo.url).hostname,
      subdomain: settings?.subdomain || new URL(orgInfo.url).hostname.split('.')[0] || 'org',
      partition: orgInfo.partition === 'oktapreview' ? 'oktapreview' : 'okta',
    },
    users,
    groups,
    memberships,
    apps,
    grants,
    customRoles,
    resourceSets,
    roleAssignments: [...userRoles.flat(), ...groupRoles.flat(), ...clientRoles.flat()],
  };
}
