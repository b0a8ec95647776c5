/** Peak resident memory of the gateway alone during a large-org sweep (simulator in another process). */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const TSX = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`child exited ${code} before answering`)));
  });
}

export interface SweepMemory {
  admins: number;
  ms: number;
  beforeRssMB: number;
  peakRssMB: number;
}

export async function sweepMemory(org: 'demo' | 'large', runs: number): Promise<SweepMemory[]> {
  const sim = spawn(process.execPath, [TSX, here('./sim-child.ts'), org], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const target = JSON.parse(await firstLine(sim)) as { url: string; apiToken: string };
    const results: SweepMemory[] = [];
    for (let i = 0; i < runs; i++) {
      const child = spawn(process.execPath, [TSX, here('./sweep-child.ts'), target.url, target.apiToken], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      results.push(JSON.parse(await firstLine(child)) as SweepMemory);
    }
    return results;
  } finally {
    sim.kill('SIGTERM');
  }
}
