import { DEMO_USERS } from '../sim/demo-principals.ts';
import type { ExampleOrg, ExampleTab, ExampleTabs } from './graphiql-tabs.ts';
import { whoCanExampleTabs } from './graphiql-who-can.ts';

const LUMOS_RESOURCE_SET = 'Lumos: all users, groups and apps';

const ADMIN_REPORT = `# Who holds which admin role, and through what.
query AdminReport {
  admins {
    __typename
    kind
    key
    displayName
    roleAssignments {
      role { key label kind }
      assignmentType
      inheritedFrom { name }
      resourceSet { label }
      targets
    }
  }
}`;

const EFFECTIVE_PERMISSIONS = `# One principal's effective permissions, with scope and provenance ("me": the gateway's credential).
query EffectivePermissions($principal: String!) {
  principal(name: $principal) {
    kind
    displayName
    effectivePermissions {
      permission { name description }
      scope
      grantedBy { role { label } assignmentType inheritedFrom { name } resourceSet { label } }
    }
  }
}`;

const SERVICE_APP_PERMISSIONS = `# Service apps act with their roles and their scopes together: allowedByScopes names the granted
# scopes that let the app's token use each permission its roles grant ([]: none does).
query ServiceAppPermissions {
  serviceApps {
    displayName
    clientId
    grantedScopes
    effectivePermissions { permission { name } allowedByScopes grantedBy { role { label } } }
  }
}`;

const READINESS = `# Lumos readiness of one principal: a login, user id, group id, client id, or "me".
query Readiness($principal: String!, $access: LumosAccess = FULL) {
  lumosReadiness(principal: $principal, access: $access) {
    status
    connection
    capabilities { name required available limitedTo missing reason }
    missingRoles
    missingPermissions
    missingScopes
    warnings { code message }
    remediationPlans {
      reaches
      leavesMissing
      steps { action subject apiCall consolePath text }
    }
    undetermined { input reason needs }
  }
}`;

const GATEWAY_ACCESS = `# What the gateway's own Okta credential can read, and what a refused read needs.
query GatewayAccess {
  gatewayAccess {
    connection
    principal { kind key displayName }
    scopes
    reads { name allowed reason needs }
  }
}`;

const PLANS = 'status warnings { code } remediationPlans { reaches leavesMissing steps { action subject } }';

const DEMO_READINESS_OVERVIEW = `# Every demo readiness situation at once, each with its ways to a better verdict.
query ReadinessOverview {
  superDirect: lumosReadiness(principal: "${DEMO_USERS.superDirect.login}") { status warnings { code } }
  superViaGroup: lumosReadiness(principal: "${DEMO_USERS.superViaGroup.login}") { status warnings { code } }
  readOnly: lumosReadiness(principal: "${DEMO_USERS.readOnly.login}") { ${PLANS} }
  noRole: lumosReadiness(principal: "${DEMO_USERS.noRole.login}") { ${PLANS} }
  helpDesk: lumosReadiness(principal: "${DEMO_USERS.helpDesk.login}") { ${PLANS} }
  lumosStandard: lumosReadiness(principal: "${DEMO_USERS.lumosStandard.login}") { ${PLANS} }
  lumosTargeted: lumosReadiness(principal: "${DEMO_USERS.lumosTargeted.login}") { ${PLANS} }
  lumosCustom: lumosReadiness(principal: "${DEMO_USERS.lumosCustom.login}") { ${PLANS} }
  customGap: lumosReadiness(principal: "${DEMO_USERS.lumosCustomGap.login}") { missingPermissions ${PLANS} }
  customOutOfScope: lumosReadiness(principal: "${DEMO_USERS.lumosCustomOutOfScope.login}") { capabilities { name reason } ${PLANS} }
  inactiveRole: lumosReadiness(principal: "${DEMO_USERS.inactiveRole.login}") { ${PLANS} }
  unknownRoleType: lumosReadiness(principal: "${DEMO_USERS.unknownRoleType.login}") { ${PLANS} }
  me: lumosReadiness(principal: "me") { status connection }
  serviceApps {
    displayName
    clientId
    grantedScopes
    full: lumosReadiness { ${PLANS} }
    readOnly: lumosReadiness(access: READ_ONLY) { status access }
  }
}`;

const ANY_READINESS_OVERVIEW = `# The gateway's own credential, then every admin of the org, each with its ways to a better verdict.
query ReadinessOverview {
  me: lumosReadiness(principal: "me") { connection missingScopes ${PLANS} }
  admins {
    kind
    displayName
    lumosReadiness { ${PLANS} }
  }
}`;

const RESOURCE_SET = `# A resource set with its ORNs (parsed, with REST URLs) and its bindings.
query ResourceSet($idOrLabel: String!) {
  resourceSet(idOrLabel: $idOrLabel) {
    key
    label
    resources { orn restUrl parsed { service objectType objectId containedResources } }
    bindings { role { key label permissions { name } } members { kind displayName } }
  }
}`;

const RESOURCE_SETS = `# Every resource set with its ORNs (parsed, with REST URLs) and its bindings.
query ResourceSets {
  resourceSets {
    key
    label
    resources { orn restUrl parsed { service objectType objectId containedResources } }
    bindings { role { key label permissions { name } } members { kind displayName } }
  }
}`;

const vars = (value: Record<string, unknown>) => JSON.stringify(value, null, 2);

/** The admin report, permissions, readiness, resource sets and the gateway's own access. */
function coreTabs(org: ExampleOrg): ExampleTab[] {
  if (org === 'any') {
    return [
      { query: ADMIN_REPORT },
      { query: EFFECTIVE_PERMISSIONS, variables: vars({ principal: 'me' }) },
      { query: SERVICE_APP_PERMISSIONS },
      { query: ANY_READINESS_OVERVIEW },
      { query: READINESS, variables: vars({ principal: 'me', access: 'FULL' }) },
      { query: RESOURCE_SETS },
      { query: GATEWAY_ACCESS },
    ];
  }
  return [
    { query: ADMIN_REPORT },
    { query: EFFECTIVE_PERMISSIONS, variables: vars({ principal: DEMO_USERS.lumosCustom.login }) },
    { query: SERVICE_APP_PERMISSIONS },
    { query: DEMO_READINESS_OVERVIEW },
    { query: READINESS, variables: vars({ principal: DEMO_USERS.lumosTargeted.login, access: 'FULL' }) },
    { query: RESOURCE_SET, variables: vars({ idOrLabel: LUMOS_RESOURCE_SET }) },
    { query: GATEWAY_ACCESS },
  ];
}

/** Each domain's saved operations, in the order GraphiQL opens them; a domain adds its list here. */
const EXAMPLE_TABS: ExampleTabs[] = [coreTabs, whoCanExampleTabs];

/** The tabs GraphiQL opens with: the demo org's named principals, or `me` and what any org lists. */
export function graphiqlExampleTabs(org: ExampleOrg = 'any'): ExampleTab[] {
  return EXAMPLE_TABS.flatMap((tabs) => tabs(org));
}

export const DEFAULT_EXAMPLE_QUERY = ADMIN_REPORT;
