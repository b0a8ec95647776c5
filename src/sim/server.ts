/**
 * The simulator's request handler: control endpoints, faults, rate limits, authentication,
 * routing, Okta's headers, latency, and the request log.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleControl, readBody } from './control.ts';
import {
  forbidden,
  methodNotAllowed,
  OktaHttpError,
  oktaErrorBody,
  rateLimited,
  serverError,
} from './errors.ts';
import type { FaultInjector, FaultSpec } from './faults.ts';
import { answerTokenRequest } from './oauth.ts';
import { bucketOf, concurrencyLimitHeaders, type RateLimiter } from './rate-limit.ts';
import type { RequestLog } from './request-log.ts';
import type { Caller, OwnerNeed, Router } from './router.ts';
import type { SimStore } from './store.ts';
import type { TokenRegistry } from './tokens.ts';
import type { Variants } from './variants.ts';

export interface ServerDeps {
  store: SimStore;
  tokens: TokenRegistry;
  limiter: RateLimiter;
  faults: FaultInjector;
  log: RequestLog;
  router: Router;
  /** Added to every API answer, ms. */
  latencyMs: number;
  /** The simulator's own URL (accepted as the token audience besides the Host-derived one). */
  url: () => string;
  /** Timers of delayed or hanging requests, cleared on close. */
  timers: Set<NodeJS.Timeout>;
  variants: Variants;
}

interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string | string[]>;
}

function authKind(header: string | undefined): 'SSWS' | 'Bearer' | 'none' {
  if (header?.startsWith('SSWS ')) return 'SSWS';
  if (header?.startsWith('Bearer ')) return 'Bearer';
  return 'none';
}

function insufficientScope(base: string, scope: string): OktaHttpError {
  return forbidden({
    'WWW-Authenticate': `Bearer authorization_uri="${base}/oauth2/v1/authorize", realm="IdpTokenRealm", scope="${scope}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes."`,
  });
}

/** A Bearer token needs the operation's scope (okta.users.read) or its .manage sibling. */
function checkScope(caller: Caller, scope: string, base: string): void {
  if (caller.auth !== 'Bearer') return;
  const scopes = caller.scopes ?? new Set<string>();
  if (!scopes.has(scope) && !scopes.has(scope.replace(/\.read$/, '.manage'))) {
    throw insufficientScope(base, scope);
  }
}

/** Role and IAM reads need SUPER_ADMIN or okta.iam.read; app grants need SUPER_ADMIN. */
function ownerMayRead(caller: Caller, need: OwnerNeed | undefined): boolean {
  if (need === 'superAdmin') return caller.superAdmin;
  if (need === 'roleReader') return caller.superAdmin || caller.iamRead;
  return true;
}

async function answerApi(req: IncomingMessage, url: URL, base: string, deps: ServerDeps): Promise<Answer> {
  const pathname = url.pathname;
  if (pathname === '/oauth2/v1/token') {
    if (req.method !== 'POST') throw methodNotAllowed();
    const form = new URLSearchParams(await readBody(req));
    const audiences = [`${base}/oauth2/v1/token`, `${deps.url()}/oauth2/v1/token`];
    const answer = await answerTokenRequest(form, deps.store, deps.tokens, audiences);
    return { ...answer, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } };
  }
  if (pathname === WELL_KNOWN_ORG) {
    if (req.method !== 'GET') throw methodNotAllowed();
    return { status: 200, body: wellKnownOrgMetadata(deps.store), headers: {} };
  }
  const caller = deps.tokens.resolve(req.headers.authorization);
  if (req.method !== 'GET') throw methodNotAllowed();
  const match = deps.router.match(pathname);
  if (!match) {
    throw new OktaHttpError(
      404,
      oktaErrorBody('E0000007', `Not found: Resource not found: ${pathname} (GET)`),
    );
  }
  const { route, params } = match;
  checkScope(caller, route.scope, base);
  if (!caller.admin && !route.allowNonAdmin?.(params)) {
    if (route.emptyForNoRole && caller.auth === 'Bearer') {
      return { status: 200, body: [], headers: { Link: [`<${base}${pathname}${url.search}>; rel="self"`] } };
    }
    throw forbidden();
  }
  if (!ownerMayRead(caller, route.ownerNeeds)) throw forbidden();
  const result = route.handler({
    store: deps.store,
    base,
    pathname,
    params,
    query: url.searchParams,
    caller,
    variants: deps.variants,
  });
  return {
    status: result.status ?? 200,
    body: result.body,
    headers: result.link ? { Link: result.link } : {},
  };
}

/** Okta's org metadata: public (`security: []`), it names the org's Okta domain, and so its partition. */
const WELL_KNOWN_ORG = '/.well-known/okta-organization';

function wellKnownOrgMetadata(store: SimStore) {
  const { id, subdomain, partition } = store.org.org;
  return {
    id,
    pipeline: 'idx',
    _links: { organization: { href: `https://${subdomain}.${partition}.com` } },
  };
}

function faultAnswer(fault: FaultSpec, limitHeaders: Record<string, string>): Answer {
  const seconds = fault.resetSeconds ?? 60;
  if (fault.kind === 'concurrency429') {
    return { status: 429, body: rateLimited(), headers: concurrencyLimitHeaders(seconds) };
  }
  if (fault.kind === '429') {
    return {
      status: 429,
      body: rateLimited(),
      headers: {
        ...limitHeaders,
        'X-Rate-Limit-Remaining': '0',
        'X-Rate-Limit-Reset': String(Math.ceil(Date.now() / 1000) + seconds),
      },
    };
  }
  return { status: fault.status ?? 503, body: serverError(), headers: limitHeaders };
}

export function createRequestHandler(deps: ServerDeps) {
  const later = (ms: number, fn: () => void) => {
    if (ms <= 0) return fn();
    const timer = setTimeout(() => {
      deps.timers.delete(timer);
      fn();
    }, ms);
    deps.timers.add(timer);
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    if (url.pathname.startsWith('/__sim/')) {
      await handleControl(req, res, url.pathname, {
        log: deps.log,
        faults: deps.faults,
        resetLimits: () => deps.limiter.reset(),
        store: deps.store,
      });
      return;
    }
    const startedAt = Date.now();
    const method = req.method ?? 'GET';
    const bucket = bucketOf(method, url.pathname);
    const inFlight = deps.log.started();
    res.on('close', () => {
      deps.log.finished({
        method,
        path: req.url ?? '/',
        status: res.headersSent ? res.statusCode : 0,
        durationMs: Date.now() - startedAt,
        bucket,
        startedAt,
        auth: authKind(req.headers.authorization),
      });
    });
    const base = `http://${req.headers.host ?? new URL(deps.url()).host}`;
    const decision = deps.faults.decide(url.pathname);
    const verdict = deps.limiter.admit(bucket, inFlight);
    const delay = deps.latencyMs + decision.latencyMs;
    const terminal = decision.terminal;

    if (terminal?.kind === 'reset') return later(delay, () => req.socket.destroy());
    if (terminal?.kind === 'timeout')
      return later(delay + (terminal.ms ?? 30_000), () => req.socket.destroy());

    let answer: Answer;
    if (terminal && terminal.kind !== 'malformed') answer = faultAnswer(terminal, verdict.headers);
    else if (!verdict.allowed) answer = { status: 429, body: rateLimited(), headers: verdict.headers };
    else {
      try {
        answer = await answerApi(req, url, base, deps);
      } catch (e) {
        if (!(e instanceof OktaHttpError)) throw e;
        answer = { status: e.status, body: e.body, headers: e.headers };
      }
      answer.headers = { ...verdict.headers, ...answer.headers };
    }
    let text = JSON.stringify(answer.body);
    if (terminal?.kind === 'malformed') {
      answer.status = 200;
      text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    }
    later(delay, () => {
      if (res.destroyed) return;
      res.writeHead(answer.status, {
        'Content-Type': 'application/json',
        'X-Okta-Request-Id': randomBytes(12).toString('base64url'),
        ...answer.headers,
      });
      res.end(text);
    });
  };
}
