/** Peak resident memory of the gateway alone during a sweep (simulator in another process). */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { OrgName } from './orgs.ts';
import { benchScript, repoPath } from './paths.ts';
import { firstLine, startSimProcess } from './sim-process.ts';

export interface SweepMemory {
  admins: number;
  ms: number;
  beforeRssMB: number;
  peakRssMB: number;
}

/**
 * The node flags `npm start` runs the server with (package.json's start script, e.g. its heap cap),
 * so the sweep measures the gateway as the server runs it.
 */
export function serverNodeFlags(): string {
  const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { scripts: { start: string } };
  return (pkg.scripts.start.match(/--[a-z-]+=\S+/g) ?? []).join(' ');
}

/** `nodeOptions`: NODE_OPTIONS for the gateway's process, e.g. a heap cap. */
export async function sweepMemory(org: OrgName, runs: number, nodeOptions = ''): Promise<SweepMemory[]> {
  const sim = await startSimProcess(org);
  try {
    const results: SweepMemory[] = [];
    for (let i = 0; i < runs; i++) {
      const child = spawn(process.execPath, [...benchScript('sweep-child'), sim.url, sim.apiToken], {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, NODE_OPTIONS: nodeOptions },
      });
      results.push(JSON.parse(await firstLine(child)) as SweepMemory);
    }
    return results;
  } finally {
    sim.close();
  }
}
