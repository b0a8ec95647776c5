/** The operations users run, as the GraphQL a portal or script would send. */
import { graphiqlExampleTabs } from '../src/http/graphiql-examples.ts';
import type { OrgSnapshot } from '../src/sim/snapshot-format.ts';
import type { BenchGateway } from './gateway.ts';

export const SWEEP_QUERY = `{ admins { key lumosReadiness { status capabilities { name available } } } }`;

/** The admin report GraphiQL opens with (every admin, its roles, through what, on which targets). */
export const ADMIN_REPORT_QUERY: string = (() => {
  const tab = graphiqlExampleTabs().find((t) => /query AdminReport\b/.test(t.query));
  if (!tab) throw new Error('the GraphiQL examples have no AdminReport query');
  return tab.query;
})();

export const READINESS_QUERY = `query Readiness($principal: String!) {
  lumosReadiness(principal: $principal) { status capabilities { name available } missingPermissions }
}`;

export const CATALOG_QUERY = `{
  roles { key label permissions { name } }
  resourceSets {
    id label
    resources { orn }
    bindings { role { key } members { key kind displayName } }
  }
}`;

export const USERS_PAGE_QUERY = `query Users($after: String) {
  users(first: 200, after: $after) { edges { node { id login } } pageInfo { hasNextPage endCursor } }
}`;

/** The principal of the single-principal figures: a custom role on a resource set, plus standard roles. */
export const BENCH_PRINCIPAL = 'lumos.custom@demo.example';

/** The whoCan question: who can manage the membership of group Engineering (a named group of every generated org)? */
export const WHO_CAN_PERMISSION = 'okta.groups.members.manage';
export const WHO_CAN_GROUP = 'Engineering';

export const WHO_CAN_QUERY = `query WhoCan($permission: String!, $resource: String!) {
  whoCan(permission: $permission, resource: $resource) {
    principal { kind key displayName }
    matchedScope
    grantedBy { role { key label } resourceSet { label } targets }
  }
}`;

/** The question's group, as its ORN (the id is the org's). */
export function whoCanResource(org: OrgSnapshot): string {
  const group = org.groups.find((g) => g.profile.name === WHO_CAN_GROUP);
  if (!group) throw new Error(`the org has no group ${WHO_CAN_GROUP}`);
  return `orn:${org.org.partition}:directory:${org.org.id}:groups:${group.id}`;
}

export type OperationName =
  | 'sweep'
  | 'adminReport'
  | 'principalCold'
  | 'principalWarm'
  | 'catalog'
  | 'usersPaging'
  | 'whoCanCold'
  | 'whoCanWarm';

export const OPERATION_LABELS: Record<OperationName, string> = {
  sweep: 'Admin readiness sweep',
  adminReport: 'Admin report (admins, role assignments)',
  principalCold: 'One principal, cold',
  principalWarm: 'One principal, warm',
  catalog: 'Catalog (roles, resource sets)',
  usersPaging: 'All users, 200 a page',
  whoCanCold: "Who can manage a group's membership, cold",
  whoCanWarm: "Who can manage a group's membership, warm",
};

export interface OperationResult {
  /** Gateway requests sent (pages for paging, else 1). */
  gatewayRequests: number;
  /** Items in the answer (admins, users, ...), a sanity check printed beside the figures. */
  items: number;
}

export async function runSweep(gw: BenchGateway): Promise<OperationResult> {
  const data = await gw.query(SWEEP_QUERY);
  return { gatewayRequests: 1, items: (data.admins as unknown[]).length };
}

export async function runAdminReport(gw: BenchGateway): Promise<OperationResult> {
  const data = await gw.query(ADMIN_REPORT_QUERY);
  return { gatewayRequests: 1, items: (data.admins as unknown[]).length };
}

export async function runReadiness(gw: BenchGateway, principal = BENCH_PRINCIPAL): Promise<OperationResult> {
  const data = await gw.query(READINESS_QUERY, { principal });
  return {
    gatewayRequests: 1,
    items: (data.lumosReadiness as { capabilities: unknown[] }).capabilities.length,
  };
}

export async function runCatalog(gw: BenchGateway): Promise<OperationResult> {
  const data = await gw.query(CATALOG_QUERY);
  return { gatewayRequests: 1, items: (data.resourceSets as unknown[]).length };
}

export async function askWhoCan(gw: BenchGateway, resource: string): Promise<OperationResult> {
  const data = await gw.query(WHO_CAN_QUERY, { permission: WHO_CAN_PERMISSION, resource });
  return { gatewayRequests: 1, items: (data.whoCan as unknown[]).length };
}

export const runWhoCan = (gw: BenchGateway, org: OrgSnapshot) => askWhoCan(gw, whoCanResource(org));

interface UsersPage {
  users: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export async function runUsersPaging(gw: BenchGateway): Promise<OperationResult> {
  let after: string | null = null;
  let pages = 0;
  let items = 0;
  for (;;) {
    const data = (await gw.query(USERS_PAGE_QUERY, { after })) as unknown as UsersPage;
    pages++;
    items += data.users.edges.length;
    if (!data.users.pageInfo.hasNextPage) return { gatewayRequests: pages, items };
    after = data.users.pageInfo.endCursor;
  }
}
