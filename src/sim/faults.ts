/**
 * Injected faults, deterministic from the simulator's seed. String form (CLI):
 * comma-separated `kind:rate[@glob][;key=value...]`, e.g.
 * `429:0.2@/api/v1/users*,5xx:0.1;status=500,reset:0.05,latency:1;ms=200,timeout:0.1;ms=5000;after=3`.
 */
import { createHash } from 'node:crypto';
import { type RandomGenerator, xoroshiro128plus } from 'pure-rand';

export type FaultKind = 'latency' | '429' | 'concurrency429' | '5xx' | 'reset' | 'malformed' | 'timeout';

export interface FaultSpec {
  kind: FaultKind;
  /** Share of matching requests, 0..1. */
  rate: number;
  /** Path glob (`*` matches anything, `/` included); default every API path. */
  match?: string;
  /** latency: added delay; timeout: how long the request hangs before the socket is dropped. */
  ms?: number;
  /**
   * 429 / concurrency429: X-Rate-Limit-Reset is now + resetSeconds (default 60). A concurrency429
   * carries Okta's concurrency headers: X-Rate-Limit-Limit and Remaining 0, the reset an estimate.
   */
  resetSeconds?: number;
  /** 5xx: the status, default 503. */
  status?: number;
  /** Only requests after the Nth matching one are eligible. */
  after?: number;
}

const KINDS = new Set<FaultKind>([
  'latency',
  '429',
  'concurrency429',
  '5xx',
  'reset',
  'malformed',
  'timeout',
]);
const NUMERIC_KEYS = new Set(['ms', 'resetSeconds', 'status', 'after']);

export function parseFaultSpec(spec: string): FaultSpec[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const [head = '', ...options] = part.split(';');
      const m = /^([\w]+):([\d.]+)(?:@(.+))?$/.exec(head.trim());
      if (!m) throw new Error(`fault "${part}": expected kind:rate[@glob][;key=value...]`);
      const kind = m[1] as FaultKind;
      if (!KINDS.has(kind))
        throw new Error(`fault "${part}": unknown kind ${kind} (one of ${[...KINDS].join(', ')})`);
      const rate = Number(m[2]);
      if (!(rate >= 0 && rate <= 1)) throw new Error(`fault "${part}": rate must be between 0 and 1`);
      const fault: FaultSpec = { kind, rate, ...(m[3] ? { match: m[3] } : {}) };
      for (const opt of options) {
        const [k = '', v = ''] = opt.split('=', 2).map((x) => x.trim());
        if (!NUMERIC_KEYS.has(k)) throw new Error(`fault "${part}": unknown option ${k}`);
        const n = Number(v);
        if (!Number.isFinite(n)) throw new Error(`fault "${part}": ${k} must be a number`);
        (fault as unknown as Record<string, number>)[k] = n;
      }
      return fault;
    });
}

export function normalizeFaults(faults: FaultSpec[] | string | undefined): FaultSpec[] {
  if (!faults) return [];
  if (typeof faults === 'string') return parseFaultSpec(faults);
  for (const f of faults) {
    if (!KINDS.has(f.kind)) throw new Error(`unknown fault kind ${String(f.kind)}`);
    if (!(f.rate >= 0 && f.rate <= 1)) throw new Error(`fault ${f.kind}: rate must be between 0 and 1`);
  }
  return faults.map((f) => ({ ...f }));
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export interface FaultDecision {
  /** Extra delay before answering (latency faults), ms. */
  latencyMs: number;
  /** At most one fault that replaces or breaks the answer. */
  terminal?: FaultSpec;
}

function seedNumber(seed: string | number): number {
  return createHash('sha256').update(String(seed)).digest().readInt32LE(0);
}

export class FaultInjector {
  private faults: { spec: FaultSpec; re: RegExp; matched: number }[] = [];
  private rng: RandomGenerator;

  constructor(
    private readonly seed: string | number,
    faults: FaultSpec[] | string | undefined,
  ) {
    this.rng = xoroshiro128plus(seedNumber(seed));
    this.set(faults);
  }

  /** Replaces the faults; restarts the random sequence and the `after` counts. */
  set(faults: FaultSpec[] | string | undefined): void {
    this.faults = normalizeFaults(faults).map((spec) => ({
      spec,
      re: globToRegExp(spec.match ?? '*'),
      matched: 0,
    }));
    this.rng = xoroshiro128plus(seedNumber(this.seed));
  }

  list(): FaultSpec[] {
    return this.faults.map((f) => f.spec);
  }

  private random(): number {
    return (this.rng.unsafeNext() >>> 0) / 2 ** 32;
  }

  decide(pathname: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const f of this.faults) {
      if (!f.re.test(pathname)) continue;
      f.matched++;
      if (f.spec.after !== undefined && f.matched <= f.spec.after) continue;
      if (this.random() >= f.spec.rate) continue;
      if (f.spec.kind === 'latency') decision.latencyMs += f.spec.ms ?? 100;
      else decision.terminal ??= f.spec;
    }
    return decision;
  }
}
