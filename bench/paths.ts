/**
 * Where the benchmarks run from: compiled (dist/bench/*.js, `npm run bench`) or as TypeScript
 * (bench/*.ts, through tsx or vitest). Files of the repository are found from its root either way.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Whether this module runs compiled from dist/ (tsconfig.build.json: rootDir ".", outDir "dist"). */
export const COMPILED = import.meta.url.endsWith('.js');

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** The repository's root: above bench/, or above dist/bench/. */
export const REPO_ROOT = resolve(HERE, COMPILED ? '../..' : '..');

/** A file of the repository, from its root (e.g. `repoPath('BENCHMARKS.md')`). */
export const repoPath = (...parts: string[]) => join(REPO_ROOT, ...parts);

/** tsx's CLI, for running TypeScript in a child process. */
export const TSX_CLI = repoPath('node_modules/tsx/dist/cli.mjs');

/**
 * The arguments to `node` that run the bench script `name` (e.g. `'sim-child'`) the way this
 * module runs: its compiled file with plain node, or its TypeScript source through tsx.
 */
export function benchScript(name: string): string[] {
  const file = fileURLToPath(new URL(`./${name}.${COMPILED ? 'js' : 'ts'}`, import.meta.url));
  return COMPILED ? [file] : [TSX_CLI, file];
}
