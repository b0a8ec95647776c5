/** /__sim/*: the simulator's own control endpoints (log, counters, reset, faults), unauthenticated. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector, FaultSpec } from './faults.ts';
import type { RequestLog } from './request-log.ts';

export interface ControlDeps {
  log: RequestLog;
  faults: FaultInjector;
  resetLimits: () => void;
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
