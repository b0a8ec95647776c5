import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/okta/errors.ts';
import { createLoaders } from '../../src/okta/loaders.ts';
import { type DemoPrincipalIds, demoPrincipalIds } from '../../src/sim/generate.ts';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { apiTokenAccess, measured, oktaAccess } from './sim-harness.ts';

let sim: Simulator;
let ids: DemoPrincipalIds;

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false, seed: 'okta-resilience' });
  ids = demoPrincipalIds(sim.org);
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.setFaults([]);
  sim.resetLog();
});

describe('rate limits', () => {
  it('waits out short 429s, stays under the wait cap and still answers right', async () => {
    const cap = 3_000;
    const { directory, counters } = apiTokenAccess(sim, { maxRateLimitWaitMs: cap, retries: 6 });
    sim.setFaults([{ kind: '429', rate: 0.3, match: '/api/v1/*', resetSeconds: 1 }]);
    const wanted = sim.org.users.slice(0, 40);
    const [users, roles, apps] = await Promise.all([
      createLoaders(directory).userById.loadMany(wanted.map((u) => u.id)),
      Promise.all(
        [ids.users.lumosTargeted, ids.users.helpDesk, ids.users.superViaGroup].map((id) =>
          directory.listUserRoles(id),
        ),
      ),
      Promise.all(sim.org.apps.slice(0, 4).map((a) => directory.getApp(a.id))),
    ]);
    expect(users.map((u) => (u as { id: string } | null)?.id)).toEqual(wanted.map((u) => u.id));
    expect(roles[1]?.[0]?.targets).toEqual([{ kind: 'GROUP', groupId: ids.groups.supportStaff }]);
    expect(apps.map((a) => a?.id)).toEqual(sim.org.apps.slice(0, 4).map((a) => a.id));

    const snapshot = counters.snapshot();
    const statuses = Object.values(snapshot.requests).flatMap((byStatus) => Object.keys(byStatus));
    expect(statuses).toContain('429');
    const waits = Object.values(snapshot.waits);
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits.map((w) => w.maxMs))).toBeLessThanOrEqual(cap);
  }, 60_000);

  it('retries a concurrency 429 after short pauses, never waits for its estimated reset, and gives up in bounded time', async () => {
    const { directory } = apiTokenAccess(sim);
    sim.setFaults([{ kind: 'concurrency429', rate: 1, match: '/api/v1/groups*', resetSeconds: 120 }]);
    const started = Date.now();
    const err = await directory.listGroups(null, { limit: 5 }).catch((e: unknown) => e);
    // 10 retries after pauses of 50-250 ms: about 1.5 s, far from the 120 s estimate.
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).code).toBe('UPSTREAM_RATE_LIMITED');
    expect(sim.requestLog).toHaveLength(11);
    expect(sim.requestLog.every((e) => e.status === 429)).toBe(true);
  });

  it('answers once a concurrency 429 clears', async () => {
    const { directory } = apiTokenAccess(sim);
    sim.setFaults([{ kind: 'concurrency429', rate: 0.5, match: '/api/v1/groups*', resetSeconds: 60 }]);
    const started = Date.now();
    const page = await directory.listGroups(null, { limit: 5 });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(page.items).toHaveLength(5);
  });
});

describe('server errors and network failures', () => {
  it('retries bursts of 5xx and dropped connections and returns the right answer', async () => {
    const { directory, counters } = apiTokenAccess(sim, { retries: 5 });
    sim.setFaults('5xx:0.3@/api/v1/iam/*,reset:0.15@/api/v1/iam/*');
    const sets = await directory.listResourceSets();
    const roles = await directory.listCustomRoles();
    expect(sets.map((s) => s.id)).toEqual(sim.org.resourceSets.map((s) => s.id));
    expect(roles.map((r) => r.id).sort()).toEqual(sim.org.customRoles.map((r) => r.id).sort());
    const retries = Object.values(counters.snapshot().retries).reduce((a, b) => a + b, 0);
    expect(retries).toBeGreaterThan(0);
    expect(sim.requestLog.some((e) => e.status >= 500 || e.status === 0)).toBe(true);
  });

  it('gives up after its retries with UPSTREAM_UNAVAILABLE', async () => {
    const { directory } = apiTokenAccess(sim, { retries: 2 });
    sim.setFaults('5xx:1@/api/v1/iam/roles');
    const err = await directory.listCustomRoles().catch((e: unknown) => e);
    expect((err as UpstreamError).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(sim.requestLog).toHaveLength(3);
  });
});

describe('concurrency', () => {
  it('never has more requests in flight than its cap', async () => {
    const cap = 5;
    const { directory } = apiTokenAccess(sim, { maxConcurrency: cap });
    sim.setFaults([{ kind: 'latency', rate: 1, ms: 30 }]);
    const loaders = createLoaders(directory);
    const apps = sim.org.apps.slice(0, 30);
    const found = await loaders.appById.loadMany(apps.map((a) => a.id));
    expect(found.every((a) => a && !(a instanceof Error))).toBe(true);
    const counters = sim.counters();
    expect(sim.requestLog.filter((e) => e.path.startsWith('/api/v1/apps/'))).toHaveLength(30);
    expect(counters.inFlightPeak).toBeLessThanOrEqual(cap);
    expect(counters.inFlightPeak).toBeGreaterThan(1);
  });
});

describe('OAuth 2.0 service-app mode', () => {
  // Granted to the read-only connector (which holds SUPER_ADMIN).
  const scopes = ['okta.users.read', 'okta.groups.read', 'okta.roles.read'];

  it('signs in with a PEM key and reads with one token for concurrent requests', async () => {
    const key = await sim.createServiceAppKey(ids.serviceApps.readOnly);
    const { directory } = oktaAccess(sim, {
      mode: 'privateKey',
      clientId: ids.serviceApps.readOnly,
      scopes,
      privateKey: key.privateKeyPem,
      keyId: key.keyId,
    });
    expect(directory.ownClientId).toBe(ids.serviceApps.readOnly);
    const { result, log } = await measured(sim, async () => {
      const [users, roles, me] = await Promise.all([
        directory.getUsersByIds([ids.users.superDirect, ids.users.noRole]),
        directory.listClientRoles(ids.serviceApps.readOnly),
        directory.getCurrentUser(),
      ]);
      return { users, roles, me };
    });
    expect(result.users.map((u) => u?.login)).toEqual(['super.direct@demo.example', 'no.role@demo.example']);
    expect(result.roles.map((r) => r.type)).toEqual(['SUPER_ADMIN']);
    expect(result.me).toBeNull();
    const posts = log.filter((e) => e.method !== 'GET');
    expect(posts.map((e) => `${e.method} ${e.path}`)).toEqual(['POST /oauth2/v1/token']);
    expect(log.filter((e) => e.method === 'GET').every((e) => e.auth === 'Bearer' && e.status === 200)).toBe(
      true,
    );
  });

  it('accepts the private key as a JWK', async () => {
    const key = await sim.createServiceAppKey(ids.serviceApps.reporting);
    const { directory } = oktaAccess(sim, {
      mode: 'privateKey',
      clientId: ids.serviceApps.reporting,
      scopes: ['okta.users.read'],
      privateKey: JSON.stringify({ ...key.privateJwk, kid: key.keyId }),
    });
    const [user] = await directory.getUsersByIds([ids.users.readOnly]);
    expect(user?.login).toBe('read.only@demo.example');
  });

  it('fails with UPSTREAM_FORBIDDEN and sends no API request when a scope is not granted', async () => {
    const key = await sim.createServiceAppKey(ids.serviceApps.full);
    const { directory } = oktaAccess(sim, {
      mode: 'privateKey',
      clientId: ids.serviceApps.full,
      scopes: ['okta.users.read'],
      privateKey: key.privateKeyPem,
    });
    const { result: err, log } = await measured(sim, () =>
      directory.getUsersByIds([ids.users.noRole]).catch((e: unknown) => e),
    );
    expect((err as UpstreamError).code).toBe('UPSTREAM_FORBIDDEN');
    expect(log.map((e) => e.method)).toEqual(['POST']);
  });

  it('reports a key the org does not know as UPSTREAM_UNAUTHENTICATED without leaking it', async () => {
    const stranger = await sim.createServiceAppKey(ids.serviceApps.noRole);
    const { directory } = oktaAccess(sim, {
      mode: 'privateKey',
      clientId: ids.serviceApps.readOnly,
      scopes,
      privateKey: stranger.privateKeyPem,
    });
    const err = await directory.getUsersByIds([ids.users.noRole]).catch((e: unknown) => e);
    expect((err as UpstreamError).code).toBe('UPSTREAM_UNAUTHENTICATED');
    const pemBody = stranger.privateKeyPem.split('\n')[1] ?? 'x';
    expect((err as Error).message).not.toContain(pemBody);
  });
});

describe('timeouts', () => {
  it('times out a hanging request', async () => {
    const { directory } = apiTokenAccess(sim, { retries: 0, requestTimeoutMs: 300 });
    sim.setFaults([{ kind: 'timeout', rate: 1, match: '/api/v1/iam/resource-sets', ms: 1_500 }]);
    const started = Date.now();
    const err = await directory.listResourceSets().catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((err as UpstreamError).code).toBe('UPSTREAM_UNAVAILABLE');
  });
});

describe('pacing near a rate limit', () => {
  it("leaves the reserve of a bucket to the org's other integrations", async () => {
    const limited = await startSimulator({
      seed: 'okta-reserve',
      rateLimits: { buckets: { app: 10 }, windowMs: 60_000 },
    });
    try {
      const { directory } = apiTokenAccess(limited, { maxRateLimitWaitMs: 1_000, rateLimitReserve: 0.3 });
      const apps = limited.org.apps.slice(0, 10);
      const answers: unknown[] = [];
      for (const app of apps) answers.push(await directory.getApp(app.id).catch((e: unknown) => e));
      // 10 a window with 3 kept back: 7 requests go out, then the next one fails fast.
      expect(limited.requestLog.filter((e) => e.path.startsWith('/api/v1/apps/'))).toHaveLength(7);
      expect(limited.requestLog.every((e) => e.status === 200)).toBe(true);
      expect((answers[7] as UpstreamError).code).toBe('UPSTREAM_RATE_LIMITED');
      expect((answers[7] as UpstreamError).message).toContain('3 of 10 left');
    } finally {
      await limited.close();
    }
  });

  it('tracks X-Rate-Limit-Remaining and waits for the window instead of drawing 429s', async () => {
    const limited = await startSimulator({
      seed: 'okta-pacing',
      rateLimits: { buckets: { app: 3 }, windowMs: 1_000 },
    });
    try {
      const { directory, counters } = apiTokenAccess(limited, { maxRateLimitWaitMs: 5_000 });
      const apps = limited.org.apps.slice(0, 7);
      limited.resetLog();
      for (const app of apps) expect((await directory.getApp(app.id))?.id).toBe(app.id);
      expect(limited.requestLog.map((e) => e.status)).toEqual(apps.map(() => 200));
      const snapshot = counters.snapshot();
      expect(snapshot.rateLimit['/api/v1/apps/{id}']?.limit).toBe(3);
      expect(snapshot.waits['/api/v1/apps/{id}']?.count).toBeGreaterThanOrEqual(2);
    } finally {
      await limited.close();
    }
  }, 20_000);
});
