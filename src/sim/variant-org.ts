/**
 * The variants that change the org's data, applied once at start to a copy of the snapshot:
 * `preview` (partition oktapreview), `new-role-types` (WORKFLOWS_ADMIN and an unknown custom-role
 * permission), `client-id-chars` (a custom client id with `$-_.+!*'(),`).
 */
import { DEMO_SERVICE_APPS, DEMO_USERS } from './demo-principals.ts';
import { DEMO_EXTRAS } from './demo-setup.ts';
import type { OrgSnapshot, SnapshotResourceSet } from './snapshot-format.ts';
import type { Variants } from './variants.ts';

/** An IAM-based standard role the gateway does not know, bound like Okta binds IAM-based roles. */
export const NEW_ROLE_TYPE = 'WORKFLOWS_ADMIN';
/** The predefined resource set NEW_ROLE_TYPE is bound on (named like ACCESS_CERTIFICATIONS_IAM_POLICY). */
export const NEW_ROLE_RESOURCE_SET = 'WORKFLOWS_IAM_POLICY';
/** A real-looking `okta.*` permission the gateway's catalog does not list. */
export const NEW_PERMISSION = 'okta.workflows.flows.manage';
/** Okta allows custom client ids with these characters. */
export const CUSTOM_CLIENT_ID = "lumos$svc-1_a.b+c!d*e'f(g),h";

const VARIANT_CREATED = '2024-06-01T00:00:00.000Z';

function toPreviewPartition(org: OrgSnapshot): void {
  org.org.partition = 'oktapreview';
  for (const set of org.resourceSets) {
    set.resources = set.resources.map((orn) => orn.replace(/^orn:okta:/, 'orn:oktapreview:'));
  }
}

/**
 * WORKFLOWS_ADMIN goes to org.admin@demo.example (else the first user with a standard role of
 * its own); the unknown permission to the custom role "Lumos Integration" (else the first one).
 */
function addNewRoleTypes(org: OrgSnapshot): void {
  const holder =
    org.users.find((u) => u.profile.login === DEMO_USERS.orgAdmin.login) ??
    org.users.find((u) =>
      org.roleAssignments.some((ra) => ra.principalType === 'USER' && ra.principalId === u.id),
    ) ??
    org.users[0];
  if (holder) {
    let set = org.resourceSets.find((s) => s.id === NEW_ROLE_RESOURCE_SET);
    if (!set) {
      set = {
        id: NEW_ROLE_RESOURCE_SET,
        label: 'Workflows',
        description: 'Predefined resource set of the IAM-based Workflows Administrator role',
        created: VARIANT_CREATED,
        resources: [`orn:${org.org.partition}:workflow:${org.org.id}:flows`],
        bindings: [],
      } satisfies SnapshotResourceSet;
      org.resourceSets.push(set);
    }
    // Okta binds a role once per set: a holder joins the role's binding when it has one.
    const binding = set.bindings.find((b) => b.role === NEW_ROLE_TYPE);
    if (binding) binding.members.push({ type: 'USER', id: holder.id });
    else set.bindings.push({ role: NEW_ROLE_TYPE, members: [{ type: 'USER', id: holder.id }] });
  }
  const role = org.customRoles.find((r) => r.label === DEMO_EXTRAS.lumosRole) ?? org.customRoles[0];
  if (role && !role.permissions.includes(NEW_PERMISSION)) role.permissions.push(NEW_PERMISSION);
}

/** The "Lumos Connector (full)" service app (else the first service app) gets CUSTOM_CLIENT_ID. */
function giveCustomClientId(org: OrgSnapshot): void {
  const services = org.apps.filter((a) => a.oauthClient?.applicationType === 'service');
  const app = services.find((a) => a.label === DEMO_SERVICE_APPS.full.label) ?? services[0];
  if (!app?.oauthClient) return;
  const old = app.oauthClient.clientId;
  app.oauthClient.clientId = CUSTOM_CLIENT_ID;
  for (const ra of org.roleAssignments) {
    if (ra.principalType === 'CLIENT' && ra.principalId === old) ra.principalId = CUSTOM_CLIENT_ID;
  }
  for (const member of org.resourceSets.flatMap((s) => s.bindings.flatMap((b) => b.members))) {
    if (member.type === 'CLIENT' && member.id === old) member.id = CUSTOM_CLIENT_ID;
  }
}

/** The org the variants serve: a changed copy, or `org` itself when no variant changes data. */
export function applyOrgVariants(org: OrgSnapshot, variants: Variants): OrgSnapshot {
  if (!variants.has('preview') && !variants.has('new-role-types') && !variants.has('client-id-chars')) {
    return org;
  }
  const changed = structuredClone(org);
  if (variants.has('preview')) toPreviewPartition(changed);
  if (variants.has('new-role-types')) addNewRoleTypes(changed);
  if (variants.has('client-id-chars')) giveCustomClientId(changed);
  return changed;
}
