import { describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../src/sim/faults.ts';
import { type Simulator, startSimulator } from '../../src/sim/index.ts';
import { tinyOrg } from './fixtures/tiny-org.ts';
import { get } from './http.ts';

async function withSim(
  options: Parameters<typeof startSimulator>[0],
  run: (sim: Simulator) => Promise<void>,
) {
  const sim = await startSimulator({ org: tinyOrg(), rateLimits: false, ...options });
  try {
    await run(sim);
  } finally {
    await sim.close();
  }
}

describe('fault injection', () => {
  it('parses the CLI spec grammar and rejects nonsense', () => {
    expect(parseFaultSpec('429:0.2@/api/v1/users*,5xx:0.1;status=500,latency:1;ms=200;after=3')).toEqual([
      { kind: '429', rate: 0.2, match: '/api/v1/users*' },
      { kind: '5xx', rate: 0.1, status: 500 },
      { kind: 'latency', rate: 1, ms: 200, after: 3 },
    ]);
    expect(() => parseFaultSpec('boom:0.1')).toThrow(/unknown kind/);
    expect(() => parseFaultSpec('429:2')).toThrow(/rate/);
    expect(() => parseFaultSpec('429:0.1;color=red')).toThrow(/unknown option/);
  });

  it('answers injected 429s with a reset resetSeconds ahead, only on matching paths', async () => {
    await withSim(
      { faults: [{ kind: '429', rate: 1, match: '/api/v1/users*', resetSeconds: 30 }] },
      async (sim) => {
        const res = await get(sim, '/api/v1/users');
        expect(res.status).toBe(429);
        expect(res.body.errorCode).toBe('E0000047');
        const reset = Number(res.headers.get('x-rate-limit-reset'));
        expect(reset - Date.now() / 1000).toBeGreaterThan(28);
        expect(reset - Date.now() / 1000).toBeLessThan(32);
        expect((await get(sim, '/api/v1/groups')).status).toBe(200);
      },
    );
  });

  it("mimics Okta's concurrency 429: Limit and Remaining 0, an estimated reset a minute away", async () => {
    await withSim({ faults: 'concurrency429:1' }, async (sim) => {
      const res = await get(sim, '/api/v1/groups');
      expect(res.status).toBe(429);
      expect(res.body.errorCode).toBe('E0000047');
      expect(res.headers.get('x-rate-limit-limit')).toBe('0');
      expect(res.headers.get('x-rate-limit-remaining')).toBe('0');
      const ahead = Number(res.headers.get('x-rate-limit-reset')) - Date.now() / 1000;
      expect(ahead).toBeGreaterThan(58);
      expect(ahead).toBeLessThan(62);
    });
    await withSim({ faults: 'concurrency429:1;resetSeconds=300' }, async (sim) => {
      const res = await get(sim, '/api/v1/groups');
      expect(res.headers.get('x-rate-limit-limit')).toBe('0');
      expect(Number(res.headers.get('x-rate-limit-reset')) - Date.now() / 1000).toBeGreaterThan(298);
    });
  });

  it('answers 5xx with the configured status', async () => {
    await withSim({ faults: '5xx:1;status=500' }, async (sim) => {
      const res = await get(sim, '/api/v1/groups');
      expect(res.status).toBe(500);
      expect(res.body.errorCode).toBe('E0000009');
    });
    await withSim({ faults: '5xx:1' }, async (sim) => {
      expect((await get(sim, '/api/v1/groups')).status).toBe(503);
    });
  });

  it('resets the connection, and logs the request with status 0', async () => {
    await withSim({ faults: 'reset:1' }, async (sim) => {
      await expect(get(sim, '/api/v1/groups')).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 20));
      expect(sim.requestLog.at(-1)).toMatchObject({ path: '/api/v1/groups', status: 0 });
    });
  });

  it('answers 200 with truncated JSON when malformed', async () => {
    await withSim({ faults: 'malformed:1' }, async (sim) => {
      const res = await get(sim, '/api/v1/groups');
      expect(res.status).toBe(200);
      expect(typeof res.body).toBe('string');
      expect(() => JSON.parse(res.text)).toThrow();
    });
  });

  it('hangs on timeout until the client gives up', async () => {
    await withSim({ faults: 'timeout:1;ms=5000' }, async (sim) => {
      const started = Date.now();
      const res = fetch(`${sim.url}/api/v1/groups`, {
        headers: { Authorization: `SSWS ${sim.apiToken}` },
        signal: AbortSignal.timeout(300),
      });
      await expect(res).rejects.toThrow();
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });
  });

  it('adds latency, and only after the Nth matching request', async () => {
    await withSim({ faults: 'latency:1;ms=250;after=1' }, async (sim) => {
      let t = Date.now();
      await get(sim, '/api/v1/groups');
      expect(Date.now() - t).toBeLessThan(200);
      t = Date.now();
      await get(sim, '/api/v1/groups');
      expect(Date.now() - t).toBeGreaterThanOrEqual(240);
    });
  });

  it('is deterministic for a seed and hits about the configured share', async () => {
    const statuses = async (seed: string) => {
      const out: number[] = [];
      await withSim({ seed, faults: '5xx:0.3' }, async (sim) => {
        for (let i = 0; i < 60; i++) out.push((await get(sim, '/api/v1/groups')).status);
      });
      return out;
    };
    const a = await statuses('s1');
    expect(await statuses('s1')).toEqual(a);
    expect(await statuses('s2')).not.toEqual(a);
    const failures = a.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(30);
  });
});

describe('request log, counters and /__sim', () => {
  it('records requests in process and serves log, counters, reset and faults over HTTP', async () => {
    await withSim({}, async (sim) => {
      await get(sim, '/api/v1/users/me');
      await get(sim, '/api/v1/groups?limit=1');
      await get(sim, '/api/v1/users/me', 'bad');
      expect(sim.requestLog.map((e) => `${e.method} ${e.path} ${e.status} ${e.bucket} ${e.auth}`)).toEqual([
        'GET /api/v1/users/me 200 user SSWS',
        'GET /api/v1/groups?limit=1 200 groups SSWS',
        'GET /api/v1/users/me 401 user SSWS',
      ]);
      expect(sim.counters()).toMatchObject({
        total: 3,
        byMethod: { GET: 3 },
        byStatus: { '200': 2, '401': 1 },
        byBucket: { user: 2, groups: 1 },
        inFlight: 0,
      });
      const log = (await (await fetch(`${sim.url}/__sim/log`)).json()) as unknown[];
      expect(log).toHaveLength(3);
      const counters = (await (await fetch(`${sim.url}/__sim/counters`)).json()) as { total: number };
      expect(counters.total).toBe(3);
      const setFaults = await fetch(`${sim.url}/__sim/faults`, {
        method: 'POST',
        body: '5xx:1@/api/v1/groups',
      });
      expect(setFaults.status).toBe(200);
      expect((await get(sim, '/api/v1/groups')).status).toBe(503);
      await fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify([]) });
      expect((await get(sim, '/api/v1/groups')).status).toBe(200);
      expect((await fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: 'nope:1' })).status).toBe(400);
      await fetch(`${sim.url}/__sim/reset`, { method: 'POST' });
      expect(sim.requestLog).toHaveLength(0);
      expect(sim.counters().total).toBe(0);
      sim.setFaults('5xx:1');
      expect((await get(sim, '/api/v1/org')).status).toBe(503);
      sim.resetLog();
      expect(sim.counters().inFlightPeak).toBe(0);
    });
  });
});
