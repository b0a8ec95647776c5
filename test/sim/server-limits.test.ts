import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim/index.ts';
import { bucketOf } from '../../src/sim/rate-limit.ts';
import { tinyOrg } from './fixtures/tiny-org.ts';
import { get } from './http.ts';

describe('rate limits', () => {
  it('puts endpoints in Okta buckets', () => {
    expect(bucketOf('GET', '/api/v1/users')).toBe('users');
    expect(bucketOf('GET', '/api/v1/users/me')).toBe('user');
    expect(bucketOf('GET', '/api/v1/users/00u1/roles')).toBe('other');
    expect(bucketOf('GET', '/api/v1/groups')).toBe('groups');
    expect(bucketOf('GET', '/api/v1/groups/00g1')).toBe('group');
    expect(bucketOf('GET', '/api/v1/apps/0oa1')).toBe('app');
    expect(bucketOf('GET', '/api/v1/apps/0oa1/grants')).toBe('apps');
    expect(bucketOf('GET', '/oauth2/v1/clients/x/roles')).toBe('clients');
    expect(bucketOf('POST', '/oauth2/v1/token')).toBe('token');
    expect(bucketOf('GET', '/api/v1/iam/roles')).toBe('other');
  });

  it('answers 429 E0000047 past the per-minute limit of a bucket, with the window reset time', async () => {
    const sim = await startSimulator({
      org: tinyOrg(),
      rateLimits: { buckets: { users: 3 }, windowMs: 1500 },
    });
    try {
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await get(sim, '/api/v1/users');
        expect(res.status).toBe(200);
        remaining.push(res.headers.get('x-rate-limit-remaining') as string);
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const limited = await get(sim, '/api/v1/users');
      expect(limited.status).toBe(429);
      expect(limited.body.errorCode).toBe('E0000047');
      expect(limited.headers.get('x-rate-limit-limit')).toBe('3');
      expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
      const reset = Number(limited.headers.get('x-rate-limit-reset'));
      const now = Date.now() / 1000;
      expect(reset).toBeGreaterThanOrEqual(Math.floor(now));
      expect(reset).toBeLessThanOrEqual(Math.ceil(now + 1.5));
      // Other buckets are unaffected.
      expect((await get(sim, '/api/v1/users/me')).status).toBe(200);
      await new Promise((r) => setTimeout(r, Math.max(0, reset * 1000 - Date.now()) + 50));
      expect((await get(sim, '/api/v1/users')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('answers 429 to requests beyond the concurrency limit', async () => {
    const sim = await startSimulator({ org: tinyOrg(), latencyMs: 200, rateLimits: { concurrency: 2 } });
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => get(sim, '/api/v1/users/me')));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 429, 429, 429]);
      const limited = results.find((r) => r.status === 429);
      expect(limited?.body.errorCode).toBe('E0000047');
      expect(sim.counters().inFlightPeak).toBe(5);
    } finally {
      await sim.close();
    }
  });

  it('turns limits off with rateLimits: false', async () => {
    const sim = await startSimulator({ org: tinyOrg(), rateLimits: false });
    try {
      const results = await Promise.all(Array.from({ length: 120 }, () => get(sim, '/api/v1/iam/roles')));
      expect(results.every((r) => r.status === 200)).toBe(true);
    } finally {
      await sim.close();
    }
  });
});
