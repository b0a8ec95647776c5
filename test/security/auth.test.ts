import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// Count the constant-time comparisons authenticate() makes, and the lengths it compares.
const compared: number[][] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.push([a.byteLength, b.byteLength]);
      return actual.timingSafeEqual(a, b);
    },
  };
});

const { authenticate, parseApiKeys } = await import('../../src/http/auth.ts');

const KEYS = ['first-key-0123456789abcdef', 'second-key-0123456789abcdef', 'third-key-0123456789abcdef'];
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

describe('caller keys', () => {
  it('are compared with timingSafeEqual over sha256 digests (source check)', () => {
    const source = readFileSync(new URL('../../src/http/auth.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/timingSafeEqual\(presented, digest\)/);
    expect(source).toMatch(/createHash\('sha256'\)/);
    expect(source).not.toMatch(/===\s*digest|digest\s*===|\.equals\(/);
  });

  it('compares every configured key, 32 bytes against 32 bytes, whichever matches and whatever is sent', () => {
    const keys = parseApiKeys(KEYS);
    const presented = [
      '',
      'x',
      KEYS[0],
      KEYS[2],
      'y'.repeat(10_000),
      `${KEYS[1]}\u0000`,
      'ünïcödé-key-0123456789',
    ];
    for (const key of presented) {
      compared.length = 0;
      authenticate(keys, `Bearer ${key}`);
      if (key === '') continue; // no token at all: nothing to compare
      expect(compared).toEqual(KEYS.map(() => [32, 32]));
    }
  });

  it('accepts exactly the configured keys, with the Bearer scheme', () => {
    const keys = parseApiKeys(KEYS);
    expect(authenticate(keys, `Bearer ${KEYS[1]}`)?.keyFingerprint).toBe(
      sha256Hex(KEYS[1] as string).slice(0, 8),
    );
    expect(authenticate(keys, `bearer ${KEYS[2]}`)).not.toBeNull();
    expect(authenticate(keys, KEYS[0] as string)).toBeNull();
    expect(authenticate(keys, `Basic ${KEYS[0]}`)).toBeNull();
    expect(authenticate(keys, `Bearer ${KEYS[0]}x`)).toBeNull();
    expect(authenticate(keys, `Bearer ${(KEYS[0] as string).slice(0, -1)}`)).toBeNull();
    expect(authenticate(keys, null)).toBeNull();
  });

  it('accepts keys given hashed as sha256:<hex>, in either case, and never the digest itself as a key', () => {
    const key = 'hashed-key-0123456789abcdef';
    for (const entry of [`sha256:${sha256Hex(key)}`, `sha256:${sha256Hex(key).toUpperCase()}`]) {
      const keys = parseApiKeys([entry]);
      expect(authenticate(keys, `Bearer ${key}`)).not.toBeNull();
      expect(authenticate(keys, `Bearer ${sha256Hex(key)}`)).toBeNull();
      expect(authenticate(keys, `Bearer ${entry}`)).toBeNull();
    }
  });

  it('refuses bad entries naming their position, never their value', () => {
    expect(() => parseApiKeys(['good-key-0123456789abcdef', 'sha256:abc123'])).toThrow(
      /^GATEWAY_API_KEYS: entry 2: sha256: needs 64 hex digits$/,
    );
    expect(() => parseApiKeys(['short-secret'])).toThrow(/^GATEWAY_API_KEYS: entry 1: .*16 characters$/);
    try {
      parseApiKeys(['short-secret']);
    } catch (error) {
      expect((error as Error).message).not.toContain('short-secret');
    }
  });
});
