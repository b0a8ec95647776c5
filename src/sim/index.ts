/**
 * The Okta org simulator: a real HTTP server on loopback speaking the Okta Management API wire
 * format over an OrgSnapshot. Imports nothing from src/iam, src/okta or src/schema.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { DEMO_USERS } from './demo-principals.ts';
import { serverError } from './errors.ts';
import { FaultInjector, type FaultSpec } from './faults.ts';
import { RateLimiter, type RateLimitOptions } from './rate-limit.ts';
import { RequestLog, type RequestLogEntry, type SimCounters } from './request-log.ts';
import { Router } from './router.ts';
import { SIM_ROUTES } from './routes.ts';
import { createRequestHandler } from './server.ts';
import type { OrgSnapshot } from './snapshot-format.ts';
import { SimStore } from './store.ts';
import { TokenRegistry } from './tokens.ts';
import { applyOrgVariants } from './variant-org.ts';
import { OKTA_VARIANTS, type OktaVariant, parseVariants } from './variants.ts';

export type { FaultKind, FaultSpec } from './faults.ts';
export { parseFaultSpec } from './faults.ts';
export type { BucketName, RateLimitOptions } from './rate-limit.ts';
export { OKTA_WORKFORCE_LIMITS } from './rate-limit.ts';
export type { RequestLogEntry, SimCounters } from './request-log.ts';
export { CUSTOM_CLIENT_ID, NEW_PERMISSION, NEW_ROLE_RESOURCE_SET, NEW_ROLE_TYPE } from './variant-org.ts';
export { OKTA_VARIANTS, type OktaVariant, parseVariants, STRICT } from './variants.ts';

export interface SimulatorOptions {
  /** Default 0 (a random free port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default: generateDemoOrg({ seed }) from ./generate.ts. */
  org?: OrgSnapshot;
  /** Seeds the demo org and the fault PRNG; default 'demo'. */
  seed?: string | number;
  /** Added to every API response, ms; default 0. */
  latencyMs?: number;
  /** Injected faults (objects or the CLI string form); default none. */
  faults?: FaultSpec[] | string;
  /** false turns limits off; default Okta's published Workforce figures, concurrency 75, 60 s windows. */
  rateLimits?: Partial<RateLimitOptions> | false;
  /** The SSWS token of the gateway principal; default a random token generated at start. */
  apiToken?: string;
  /** Login or id the apiToken belongs to; default iam.gateway@demo.example, else the first user with a direct SUPER_ADMIN. */
  apiTokenPrincipal?: string;
  /**
   * Okta variants (OKTA_VARIANTS; `'strict'` for all), as a list or comma-separated; default none.
   * An unknown name throws, listing the valid ones. See docs/okta-assumptions.md.
   */
  variants?: readonly string[] | string;
}

export interface Simulator {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  /** The org served: the given or demo org, as the variants changed it. */
  org: OrgSnapshot;
  /** The variants on, in OKTA_VARIANTS order. */
  variants: OktaVariant[];
  apiToken: string;
  /** Mints (and registers) an SSWS token for any user. */
  tokenFor(loginOrId: string): string;
  /** Generates an RSA key pair and registers the public JWK on the app for private_key_jwt. */
  createServiceAppKey(
    clientId: string,
  ): Promise<{ privateKeyPem: string; privateJwk: JsonWebKey; keyId: string }>;
  /** Live array, appended as requests finish. */
  requestLog: RequestLogEntry[];
  counters(): SimCounters;
  /** Clears the log and counters (incl. inFlightPeak) and restarts the rate-limit windows. */
  resetLog(): void;
  setFaults(faults: FaultSpec[] | string): void;
  close(): Promise<void>;
}

async function defaultOrg(seed: string | number): Promise<OrgSnapshot> {
  const { generateDemoOrg } = await import('./generate.ts');
  return generateDemoOrg({ seed });
}

function defaultPrincipal(store: SimStore): string {
  const gateway = store.userByIdOrLogin(DEMO_USERS.gateway.login);
  if (gateway) return gateway.id;
  const superAdmin = store.org.roleAssignments.find(
    (ra) => ra.principalType === 'USER' && ra.type === 'SUPER_ADMIN' && ra.status === 'ACTIVE',
  );
  const first = superAdmin?.principalId ?? store.users[0]?.id;
  if (!first) throw new Error('the org has no users to own the API token');
  return first;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 'demo';
  const variants = parseVariants(options.variants);
  const org = applyOrgVariants(options.org ?? (await defaultOrg(seed)), variants);
  const store = new SimStore(org);
  const tokens = new TokenRegistry(store);
  const principalRef = options.apiTokenPrincipal;
  const principal = principalRef ? store.userByIdOrLogin(principalRef)?.id : defaultPrincipal(store);
  if (!principal) throw new Error(`apiTokenPrincipal ${principalRef} is not a user of the org`);
  const apiToken = tokens.registerApiToken(principal, options.apiToken);
  const log = new RequestLog();
  const limiter = new RateLimiter(options.rateLimits, variants.has('concurrency-429'));
  const faults = new FaultInjector(seed, options.faults);
  const timers = new Set<NodeJS.Timeout>();
  let url = '';
  const router = new Router([...SIM_ROUTES]);
  const handle = createRequestHandler({
    store,
    tokens,
    limiter,
    faults,
    log,
    router,
    latencyMs: options.latencyMs ?? 0,
    url: () => url,
    timers,
    variants,
  });
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ...serverError(), errorCauses: [{ errorSummary: String(err) }] }));
    });
  });
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    org,
    variants: OKTA_VARIANTS.filter((v) => variants.has(v)),
    apiToken,
    requestLog: log.entries,
    tokenFor(loginOrId) {
      const user = store.userByIdOrLogin(loginOrId);
      if (!user) throw new Error(`no user ${loginOrId} in the simulated org`);
      return tokens.registerApiToken(user.id);
    },
    async createServiceAppKey(clientId) {
      const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
      const keyId = randomUUID();
      const publicJwk = { ...(await exportJWK(publicKey)), kid: keyId, alg: 'RS256', use: 'sig' };
      store.addClientKey(clientId, publicJwk);
      const privateJwk = { ...(await exportJWK(privateKey)), kid: keyId, alg: 'RS256' } as JsonWebKey;
      return { privateKeyPem: await exportPKCS8(privateKey), privateJwk, keyId };
    },
    counters: () => log.counters(),
    resetLog() {
      log.reset();
      limiter.reset();
    },
    setFaults: (f) => faults.set(f),
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
