import { DEMO_USERS } from '../sim/demo-principals.ts';

/** One saved GraphiQL tab. */
export interface ExampleTab {
  query: string;
  variables?: string;
}

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

const EFFECTIVE_PERMISSIONS = `# One principal's effective permissions, with scope and provenance.
query EffectivePermissions($login: String!) {
  user(idOrLogin: $login) {
    displayName
    effectivePermissions {
      permission { name description }
      scope
      grantedBy { role { label } assignmentType inheritedFrom { name } resourceSet { label } }
    }
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
    remediation
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

const READINESS_OVERVIEW = `# Every demo readiness situation at once: READY, PARTIAL, NOT_READY, UNSUPPORTED.
query ReadinessOverview {
  superDirect: lumosReadiness(principal: "${DEMO_USERS.superDirect.login}") { status warnings { code } }
  superViaGroup: lumosReadiness(principal: "${DEMO_USERS.superViaGroup.login}") { status warnings { code } }
  readOnly: lumosReadiness(principal: "${DEMO_USERS.readOnly.login}") { status remediation }
  noRole: lumosReadiness(principal: "${DEMO_USERS.noRole.login}") { status missingRoles }
  lumosStandard: lumosReadiness(principal: "${DEMO_USERS.lumosStandard.login}") { status missingRoles }
  lumosTargeted: lumosReadiness(principal: "${DEMO_USERS.lumosTargeted.login}") { status warnings { code } }
  lumosCustom: lumosReadiness(principal: "${DEMO_USERS.lumosCustom.login}") { status warnings { code } }
  me: lumosReadiness(principal: "me") { status connection }
  serviceApps {
    displayName
    clientId
    grantedScopes
    full: lumosReadiness { status missingScopes warnings { code } }
    readOnly: lumosReadiness(access: READ_ONLY) { status access }
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

const vars = (value: Record<string, unknown>) => JSON.stringify(value, null, 2);

/** The tabs GraphiQL opens with: they show the product on the demo org. */
export function graphiqlExampleTabs(): ExampleTab[] {
  return [
    { query: ADMIN_REPORT },
    { query: EFFECTIVE_PERMISSIONS, variables: vars({ login: DEMO_USERS.lumosCustom.login }) },
    { query: READINESS_OVERVIEW },
    { query: READINESS, variables: vars({ principal: DEMO_USERS.lumosTargeted.login, access: 'FULL' }) },
    { query: RESOURCE_SET, variables: vars({ idOrLabel: LUMOS_RESOURCE_SET }) },
    { query: GATEWAY_ACCESS },
  ];
}

export const DEFAULT_EXAMPLE_QUERY = ADMIN_REPORT;
