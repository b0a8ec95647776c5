import { describe, expect, it } from 'vitest';
import { compareQuick, quickCounts, readQuickBaseline } from '../../bench/quick.ts';

describe('upstream cost on the demo org (bench/quick-baseline.json)', () => {
  it('makes no more upstream requests than the committed baseline, and no fewer without updating it', async () => {
    const baseline = readQuickBaseline();
    const current = await quickCounts();
    const { more, fewer } = compareQuick(baseline, current);
    expect(more, `upstream requests went up:\n${more.join('\n')}`).toEqual([]);
    expect(
      fewer,
      `upstream requests went down (good): run \`npm run bench -- --quick\` and commit bench/quick-baseline.json\n${fewer.join('\n')}`,
    ).toEqual([]);
  });

  it('repeats no upstream request within one operation', async () => {
    const current = await quickCounts();
    expect(current.duplicates).toEqual(
      Object.fromEntries(Object.keys(current.duplicates).map((op) => [op, 0])),
    );
  });
});
