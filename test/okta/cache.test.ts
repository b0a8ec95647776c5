import { describe, expect, it } from 'vitest';
import { createCatalogCache } from '../../src/okta/cache.ts';
import { createUpstreamCounters } from '../../src/okta/metrics.ts';

describe('the catalog cache', () => {
  it('runs one load for concurrent misses of one key', async () => {
    const cache = createCatalogCache();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 20));
      return ['cr0a'];
    };
    const results = await Promise.all([1, 2, 3, 4].map(() => cache.fetch('catalog', 'roles', load)));
    expect(loads).toBe(1);
    expect(results.every((r) => r[0] === 'cr0a')).toBe(true);
    expect(cache.stats()).toMatchObject({ hits: 3, misses: 1, size: 1 });
  });

  it('forgets an entry after its ttl and does not cache failures', async () => {
    const counters = createUpstreamCounters();
    const cache = createCatalogCache({ roleAssignmentTtlMs: 30, metrics: counters });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.fetch('roleAssignment', 'user:1', load)).toBe(1);
    expect(await cache.fetch('roleAssignment', 'user:1', load)).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(await cache.fetch('roleAssignment', 'user:1', load)).toBe(2);
    await expect(cache.fetch('catalog', 'x', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await cache.fetch('catalog', 'x', async () => 'ok')).toBe('ok');
    expect(counters.snapshot().cache['roleAssignment']).toEqual({ hits: 1, misses: 2 });
  });

  it('keeps at most max entries', async () => {
    const cache = createCatalogCache({ max: 3 });
    for (let i = 0; i < 10; i++) await cache.fetch('catalog', `k${i}`, async () => i);
    expect(cache.stats().size).toBe(3);
  });
});

describe('clearing the catalog cache', () => {
  it('drops every stored entry, so the next fetch of each key loads again', async () => {
    const cache = createCatalogCache();
    let loads = 0;
    const load = async () => ++loads;
    await cache.fetch('catalog', 'roles', load);
    await cache.fetch('principal', 'user:1', load);
    expect(cache.stats().size).toBe(2);
    cache.clear();
    expect(cache.stats().size).toBe(0);
    expect(await cache.fetch('catalog', 'roles', load)).toBe(3);
    expect(await cache.fetch('principal', 'user:1', load)).toBe(4);
  });

  it('keeps a load that was in flight when it was cleared from storing its answer or sharing it', async () => {
    const cache = createCatalogCache();
    let release: (value: string) => void = () => {};
    const before = cache.fetch('catalog', 'k', () => new Promise<string>((resolve) => (release = resolve)));
    cache.clear();
    let loads = 0;
    // Not shared with the load in flight before the clear: a load of its own.
    const after = await cache.fetch('catalog', 'k', async () => {
      loads++;
      return 'after';
    });
    release('before');
    expect(await before).toBe('before');
    expect(after).toBe('after');
    expect(loads).toBe(1);
    // The answer of the load from before the clear, landing last, did not replace the newer one.
    expect(await cache.fetch('catalog', 'k', async () => 'again')).toBe('after');
  });
});
