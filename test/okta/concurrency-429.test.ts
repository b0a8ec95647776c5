import { describe, expect, it } from 'vitest';
import { isConcurrency429 } from '../../src/okta/executor.ts';

const answer = (headers: Record<string, string>) => ({ headers: new Headers(headers) });

describe('telling a concurrency 429 from an exhausted window', () => {
  it("reads Limit 0 as Okta's concurrency 429, whatever its reset", () => {
    expect(
      isConcurrency429(
        answer({
          'x-rate-limit-limit': '0',
          'x-rate-limit-remaining': '0',
          'x-rate-limit-reset': '1999999999',
        }),
      ),
    ).toBe(true);
  });

  it('reads a 429 that still shows requests left in its window as one too', () => {
    expect(isConcurrency429(answer({ 'x-rate-limit-limit': '600', 'x-rate-limit-remaining': '412' }))).toBe(
      true,
    );
  });

  it('reads an exhausted window, or a 429 without rate-limit headers, as a window to wait for', () => {
    expect(isConcurrency429(answer({ 'x-rate-limit-limit': '600', 'x-rate-limit-remaining': '0' }))).toBe(
      false,
    );
    expect(isConcurrency429(answer({}))).toBe(false);
  });
});
