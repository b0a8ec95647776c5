/**
 * How to make each change of a plan in Okta: the Management API call, the Admin Console page for
 * this kind of principal, and one sentence a person can act on.
 */

import type { PrincipalKind, RoleAssignmentRecord, RoleTarget } from '../model.ts';
import { type Change, subjectOf } from './changes.ts';
import type { LumosCapabilityName, ReadinessInput, RemediationStep } from './types.ts';

export interface StepContext {
  input: ReadinessInput;
  /** The org's base URL: the issuer of scope grants. */
  orgUrl: string;
  /** Required capabilities the plan would lack, or have only limited, without this step. */
  gives: readonly LumosCapabilityName[];
  /** Every required capability at the access level. */
  required: readonly LumosCapabilityName[];
  /** Scopes to ask for again: the app holds a REVOKED grant of them or of a scope Lumos accepts instead. */
  revokedScopes: ReadonlySet<string>;
}

/** Whose role list an assignment is on: the principal's, or the group's it comes through. */
interface Owner {
  kind: PrincipalKind;
  key: string;
  name: string;
}

function rolesPath(owner: Owner): string {
  if (owner.kind === 'SERVICE_APP') return `/oauth2/v1/clients/${owner.key}/roles`;
  return owner.kind === 'GROUP' ? `/api/v1/groups/${owner.key}/roles` : `/api/v1/users/${owner.key}/roles`;
}

function principalOwner(input: ReadinessInput): Owner {
  const { kind, key, displayName } = input.principal;
  return { kind, key, name: displayName };
}

function ownerOf(a: RoleAssignmentRecord, input: ReadinessInput): Owner {
  if (input.principal.kind === 'USER' && a.assignmentType === 'GROUP' && a.inheritedFromGroupId) {
    return { kind: 'GROUP', key: a.inheritedFromGroupId, name: a.inheritedFromGroupId };
  }
  return principalOwner(input);
}

const NOUN: Record<PrincipalKind, string> = { USER: 'user', GROUP: 'group', SERVICE_APP: 'service app' };

function named(owner: Owner): string {
  return `${NOUN[owner.kind]} ${owner.name}`;
}

function assignPage(owner: Owner): string {
  return owner.kind === 'SERVICE_APP'
    ? `Applications > ${owner.name} > Admin roles`
    : 'Security > Administrators > Admins > Add Administrator';
}

function editPage(owner: Owner): string {
  if (owner.kind === 'SERVICE_APP') return `Applications > ${owner.name} > Admin roles`;
  return owner.kind === 'GROUP'
    ? `Directory > Groups > ${owner.name} > Admin roles`
    : `Directory > People > ${owner.name} > Admin roles`;
}

function forCapabilities(ctx: StepContext): string {
  if (ctx.gives.length === 0) return '';
  if (ctx.gives.length === ctx.required.length && ctx.required.length > 3)
    return ', for every required capability';
  const list =
    ctx.gives.length === 1
      ? ctx.gives[0]
      : `${ctx.gives.slice(0, -1).join(', ')} and ${ctx.gives[ctx.gives.length - 1]}`;
  return `, for ${list}`;
}

function assignBody(a: RoleAssignmentRecord): string {
  return a.type === 'CUSTOM'
    ? JSON.stringify({ type: 'CUSTOM', role: a.customRoleId, 'resource-set': a.resourceSetId })
    : JSON.stringify({ type: a.type });
}

function targetCalls(path: string, targets: readonly RoleTarget[] | null): string {
  return (targets ?? [])
    .map((t) =>
      t.kind === 'GROUP'
        ? `, then PUT ${path}/{roleAssignmentId}/targets/groups/${t.groupId}`
        : `, then PUT ${path}/{roleAssignmentId}/targets/catalog/apps/${t.appName}${t.appId ? `/${t.appId}` : ''}`,
    )
    .join('');
}

function describeRole(a: RoleAssignmentRecord): string {
  return a.type === 'CUSTOM' ? `custom role "${a.label}" (${a.customRoleId})` : a.type;
}

/** The sentence, the API call and the Console page of one change. */
function parts(change: Change, ctx: StepContext): { what: string; apiCall: string; consolePath: string } {
  const { input } = ctx;
  const caps = forCapabilities(ctx);
  switch (change.action) {
    case 'ASSIGN_ROLE': {
      const owner = principalOwner(input);
      return {
        what: `Assign ${change.role} to ${named(owner)} org-wide${caps}`,
        apiCall: `POST ${rolesPath(owner)} ${JSON.stringify({ type: change.role })}`,
        consolePath: assignPage(owner),
      };
    }
    case 'REMOVE_TARGETS': {
      const a = change.assignment;
      const owner = ownerOf(a, input);
      const path = rolesPath(owner);
      const count = a.targets?.length ?? 0;
      const kind = a.targets?.every((t) => t.kind === 'APP') ? 'apps' : 'groups';
      return {
        what: `Make ${a.type} of ${named(owner)} cover all ${kind} instead of its ${count} target${count === 1 ? '' : 's'}${caps}; Okta keeps at least one target on an assignment, so unassign it and assign it again with none`,
        apiCall: `DELETE ${path}/${a.id}, then POST ${path} ${assignBody(a)}`,
        consolePath: editPage(owner),
      };
    }
    case 'REACTIVATE_ROLE': {
      const a = change.assignment;
      const owner = ownerOf(a, input);
      const path = rolesPath(owner);
      return {
        what: `Reactivate the ${a.status} ${describeRole(a)} assignment of ${named(owner)}${caps}; Okta has no call that reactivates one, so unassign it and assign it again`,
        apiCall: `DELETE ${path}/${a.id}, then POST ${path} ${assignBody(a)}${targetCalls(path, a.targets)}`,
        consolePath: editPage(owner),
      };
    }
    case 'ADD_PERMISSION': {
      const label = change.assignment.label;
      return {
        what: `Add the permission ${change.permission} to custom role "${label}" (${change.customRoleId})${caps}; every holder of the role gains it`,
        apiCall: `POST /api/v1/iam/roles/${change.customRoleId}/permissions/${change.permission}`,
        consolePath: `Security > Administrators > Roles > ${label}`,
      };
    }
    case 'ADD_RESOURCE': {
      const label = change.assignment.label;
      return {
        what: `Add ${change.orn} to resource set ${change.resourceSetId} (bound with custom role "${label}" for ${named(principalOwner(input))})${caps}; every role bound to the set gains it`,
        apiCall: `PATCH /api/v1/iam/resource-sets/${change.resourceSetId}/resources ${JSON.stringify({ additions: [change.orn] })}`,
        consolePath: `Security > Administrators > Resources > ${change.resourceSetId}`,
      };
    }
    case 'GRANT_SCOPE': {
      const { displayName, key, appId } = input.principal;
      const verb = ctx.revokedScopes.has(change.scope)
        ? 'Re-grant the revoked Okta API scope'
        : 'Grant the Okta API scope';
      return {
        what: `${verb} ${change.scope} to ${displayName}`,
        apiCall: `POST /api/v1/apps/${appId ?? key}/grants ${JSON.stringify({ scopeId: change.scope, issuer: ctx.orgUrl })}`,
        consolePath: `Applications > ${displayName} > Okta API Scopes`,
      };
    }
  }
}

export function describeChange(change: Change, ctx: StepContext): RemediationStep {
  const { what, apiCall, consolePath } = parts(change, ctx);
  return {
    action: change.action,
    subject: subjectOf(change),
    apiCall,
    consolePath,
    text: `${what}: ${apiCall} (${consolePath}).`,
  };
}
