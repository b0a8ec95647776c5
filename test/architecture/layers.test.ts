import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** The layer rules of .dependency-cruiser.cjs over `src` of `cwd`, as `rule: from -> to` lines. */
async function violations(cwd: string): Promise<string[]> {
  const run = await promisify(execFile)(
    process.execPath,
    [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'json'],
    { cwd, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const report = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe('the layers', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('hold in src: no upward import and no import circle, type-only imports included', async () => {
    expect(await violations(ROOT)).toEqual([]);
  }, 60_000);

  it('are enforced: an upward import, a type-only circle and a simulator that knows the gateway all fail', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layers-'));
    dirs.push(dir);
    const files: Record<string, string> = {
      'src/iam/model.ts':
        "import type { Loaders } from '../okta/loaders.ts';\nexport type Model = Loaders;\n",
      'src/okta/loaders.ts': 'export type Loaders = number;\n',
      'src/okta/a.ts': "import type { B } from './b.ts';\nexport type A = B | 1;\n",
      'src/okta/b.ts': "import type { A } from './a.ts';\nexport type B = A | 2;\n",
      'src/resolvers/user.ts':
        "import { toCallerError } from '../http/errors.ts';\nexport const f = toCallerError;\n",
      'src/http/errors.ts': 'export const toCallerError = 1;\n',
      'src/sim/store.ts': "import type { Loaders } from '../okta/loaders.ts';\nexport type S = Loaders;\n",
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    await copyFile(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    expect(await violations(dir)).toEqual([
      'iam-is-pure: src/iam/model.ts -> src/okta/loaders.ts',
      'no-circular: src/okta/a.ts -> src/okta/b.ts',
      'resolvers-below-schema: src/resolvers/user.ts -> src/http/errors.ts',
      'sim-stands-alone: src/sim/store.ts -> src/okta/loaders.ts',
    ]);
  }, 60_000);
});
