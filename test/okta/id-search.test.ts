import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/okta/errors.ts';
import { batchById, idSearchExpression, isOktaId } from '../../src/okta/id-search.ts';

describe('id search expressions', () => {
  it('quotes each id and joins them with or', () => {
    expect(idSearchExpression(['00u1', '00u2'])).toBe('id eq "00u1" or id eq "00u2"');
  });

  it('refuses an id that could widen the expression', () => {
    expect(() => idSearchExpression(['00u1" or id pr or id eq "x'])).toThrow(/not an Okta id/);
    expect(isOktaId('00u1 or 1')).toBe(false);
    expect(isOktaId('')).toBe(false);
    expect(isOktaId('a'.repeat(65))).toBe(false);
  });
});

describe('batchById', () => {
  const record = (id: string) => ({ id });

  it('searches distinct valid ids in chunks and answers one slot per input, in order', async () => {
    const searched: string[][] = [];
    const singles: string[] = [];
    const ids = Array.from({ length: 120 }, (_, i) => `00u${i}`);
    const result = await batchById(
      [...ids, '00u5', 'bad id', 'unknown1'],
      async (part) => {
        searched.push(part);
        return part.filter((id) => id !== 'unknown1').map(record);
      },
      async (id) => {
        singles.push(id);
        return null;
      },
      () => false,
    );
    expect(searched.map((p) => p.length)).toEqual([50, 50, 21]);
    // The one id the search did not return is read by id once before it is called unknown.
    expect(singles).toEqual(['unknown1']);
    expect(result).toHaveLength(123);
    expect(result[0]).toEqual({ id: '00u0' });
    expect(result[120]).toEqual({ id: '00u5' });
    expect(result[121]).toBeNull();
    expect(result[122]).toBeNull();
  });

  it('falls back to single gets when the search answers 400', async () => {
    const singles: string[] = [];
    const result = await batchById(
      ['00u1', '00u2'],
      async () => {
        throw new UpstreamError('UPSTREAM_ERROR', 'bad search', { status: 400 });
      },
      async (id) => {
        singles.push(id);
        return id === '00u2' ? null : record(id);
      },
      (err) => err instanceof UpstreamError && err.status === 400,
    );
    expect(singles.sort()).toEqual(['00u1', '00u2']);
    expect(result).toEqual([{ id: '00u1' }, null]);
  });

  it('reads by id what a lagging search missed, and only that', async () => {
    const singles: string[] = [];
    const result = await batchById(
      ['00u1', '00u2', '00u3'],
      async (part) => part.filter((id) => id !== '00u2').map(record),
      async (id) => {
        singles.push(id);
        return record(id);
      },
      () => false,
    );
    expect(singles).toEqual(['00u2']);
    expect(result).toEqual([{ id: '00u1' }, { id: '00u2' }, { id: '00u3' }]);
  });
});
