/** Shared helpers for the simulator's HTTP tests. */
import type { Simulator } from '../../src/sim/index.ts';

export async function get(sim: Simulator, path: string, token = sim.apiToken, scheme = 'SSWS') {
  const res = await fetch(`${sim.url}${path}`, { headers: { Authorization: `${scheme} ${token}` } });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect bodies ad hoc
  return { status: res.status, headers: res.headers, body: body as any, text };
}

/** The rel="next" URL of a Link header, if any. */
export function nextLink(headers: Headers): string | undefined {
  return /<([^>]+)>;\s*rel="next"/.exec(headers.get('link') ?? '')?.[1];
}
