/** A simulator in a child process (bench/sim-child.ts), so the gateway's process holds only the gateway. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { UpstreamTarget } from './gateway.ts';
import type { OrgName } from './orgs.ts';
import { benchScript } from './paths.ts';

/** The first line a child prints; rejects if it exits first. */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`child exited ${code} before answering`)));
  });
}

/** A simulator child: its URL and token, the whoCan question's resource on its org, and how to stop it. */
export interface SimProcess extends UpstreamTarget {
  whoCanResource: string;
  close(): void;
}

export async function startSimProcess(org: OrgName): Promise<SimProcess> {
  const child = spawn(process.execPath, [...benchScript('sim-child'), org], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const target = JSON.parse(await firstLine(child)) as Omit<SimProcess, 'close'>;
    return { ...target, close: () => void child.kill('SIGTERM') };
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
}
