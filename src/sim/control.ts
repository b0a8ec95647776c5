/**
 * /__sim/*: the simulator's own control endpoints, unauthenticated: the request log, counters,
 * reset, faults, and changes to the org that write the System Log (org-changes.ts). The gateway
 * never calls them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector, FaultSpec } from './faults.ts';
import {
  changeBinding,
  changeMembership,
  changeResource,
  changeRolePermission,
  changeScopeGrant,
  grantRole,
  OrgChangeError,
  revokeRole,
  startSession,
} from './org-changes.ts';
import type { RequestLog } from './request-log.ts';
import type { SnapshotLogEvent } from './snapshot-format.ts';
import type { SimStore } from './store.ts';

export interface ControlDeps {
  log: RequestLog;
  faults: FaultInjector;
  resetLimits: () => void;
  store: SimStore;
}

type OrgChange = (store: SimStore, body: Record<string, unknown>) => SnapshotLogEvent;

/** `POST /__sim/<path>` with a JSON body: the change made, answered with the System Log event written. */
const ORG_CHANGES: Record<string, OrgChange> = {
  '/__sim/roles/grant': grantRole,
  '/__sim/roles/revoke': revokeRole,
  '/__sim/groups/members/add': (store, body) => changeMembership(store, body, true),
  '/__sim/groups/members/remove': (store, body) => changeMembership(store, body, false),
  '/__sim/custom-roles/permissions/add': (store, body) => changeRolePermission(store, body, true),
  '/__sim/custom-roles/permissions/remove': (store, body) => changeRolePermission(store, body, false),
  '/__sim/resource-sets/resources/add': (store, body) => changeResource(store, body, true),
  '/__sim/resource-sets/resources/remove': (store, body) => changeResource(store, body, false),
  '/__sim/resource-sets/bindings/add': (store, body) => changeBinding(store, body, true),
  '/__sim/resource-sets/bindings/remove': (store, body) => changeBinding(store, body, false),
  '/__sim/grants/grant': (store, body) => changeScopeGrant(store, body, true),
  '/__sim/grants/revoke': (store, body) => changeScopeGrant(store, body, false),
  '/__sim/sessions/start': startSession,
};

async function answerOrgChange(
  req: IncomingMessage,
  res: ServerResponse,
  change: OrgChange,
  store: SimStore,
) {
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req)) || '{}');
  } catch {
    return send(res, 400, { error: 'expected a JSON object' });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return send(res, 400, { error: 'expected a JSON object' });
  }
  try {
    return send(res, 200, { ok: true, event: change(store, body as Record<string, unknown>) });
  } catch (e) {
    if (e instanceof OrgChangeError) return send(res, e.status, { error: e.message });
    throw e;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `POST /__sim/faults` takes a JSON array of FaultSpec, `{ "faults": ... }`, a JSON string, or a raw spec string. */
function faultsFromBody(text: string): FaultSpec[] | string {
  const trimmed = text.trim();
  if (!trimmed) return [];
  try {
    const parsed = JSON.parse(trimmed) as unknown;
    if (Array.isArray(parsed) || typeof parsed === 'string') return parsed as FaultSpec[] | string;
    if (parsed && typeof parsed === 'object' && 'faults' in parsed)
      return (parsed as { faults: FaultSpec[] | string }).faults;
    throw new Error('expected an array of faults, { faults }, or a spec string');
  } catch (e) {
    if (e instanceof SyntaxError) return trimmed;
    throw e;
  }
}

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  deps: ControlDeps,
) {
  const route = `${req.method} ${pathname}`;
  if (route === 'GET /__sim/log') return send(res, 200, deps.log.entries);
  if (route === 'GET /__sim/counters') return send(res, 200, deps.log.counters());
  if (route === 'GET /__sim/faults') return send(res, 200, deps.faults.list());
  if (route === 'POST /__sim/reset') {
    deps.log.reset();
    deps.resetLimits();
    return send(res, 200, { ok: true });
  }
  const change = req.method === 'POST' ? ORG_CHANGES[pathname] : undefined;
  if (change) return answerOrgChange(req, res, change, deps.store);
  if (route === 'POST /__sim/faults') {
    try {
      deps.faults.set(faultsFromBody(await readBody(req)));
      return send(res, 200, { ok: true, faults: deps.faults.list() });
    } catch (e) {
      return send(res, 400, { error: (e as Error).message });
    }
  }
  return send(res, 404, { error: `no control endpoint ${route}` });
}
