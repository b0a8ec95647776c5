/**
 * Seeded randomness, Okta-style ids, unique names and timestamps for the demo org generator.
 * Everything random in a generated org flows through a `SeededRandom`, so one seed gives
 * byte-identical output.
 */
import { type RandomGenerator, unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Okta ids are 20 characters: a 3-character type prefix and 17 base62 characters. */
const OKTA_ID_BODY_LENGTH = 17;

/** Okta's id prefixes, by object type. */
export const ID_PREFIX = {
  org: '00o',
  user: '00u',
  group: '00g',
  app: '0oa',
  customRole: 'cr0',
  resourceSet: 'iam',
  grant: 'oag',
} as const;

/** 32-bit FNV-1a: turns a seed string into the PRNG's integer seed. */
function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

export class SeededRandom {
  readonly #generator: RandomGenerator;

  /** `stream` separates independent sequences drawn from one seed (named principals vs the rest). */
  constructor(seed: string | number, stream: string) {
    this.#generator = xoroshiro128plus(hashSeed(`${typeof seed}:${String(seed)}\u0000${stream}`));
  }

  /** An integer in [from, to], both inclusive. */
  int(from: number, to: number): number {
    return unsafeUniformIntDistribution(from, to, this.#generator);
  }

  /** True with probability `p` (0..1), at a resolution of one in a million. */
  chance(p: number): boolean {
    return this.int(0, 999_999) < p * 1_000_000;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Picks by weight: `weighted([['A', 9], ['B', 1]])` gives A nine times in ten. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.int(0, total - 1);
    for (const [value, weight] of entries) {
      if (roll < weight) return value;
      roll -= weight;
    }
    throw new Error('weighted pick from an empty list');
  }

  /** Up to `count` distinct items, in the order drawn; `items` is not modified. */
  sample<T>(items: readonly T[], count: number): T[] {
    const wanted = Math.min(count, items.length);
    if (wanted * 3 < items.length) {
      // Few of many: rejection sampling avoids copying a large list.
      const chosen = new Set<number>();
      while (chosen.size < wanted) chosen.add(this.int(0, items.length - 1));
      return [...chosen].map((index) => items[index] as T);
    }
    const copy = items.slice();
    for (let i = 0; i < wanted; i++) {
      const j = this.int(i, copy.length - 1);
      const swap = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = swap;
    }
    return copy.slice(0, wanted);
  }

  base62(length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += BASE62[this.int(0, 61)];
    return text;
  }

  /** A random RFC 4122 version-4 UUID. */
  uuid(): string {
    const hex = (n: number) => {
      let text = '';
      for (let i = 0; i < n; i++) text += this.int(0, 15).toString(16);
      return text;
    };
    const variant = (8 + this.int(0, 3)).toString(16);
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  }
}

/** Hands out Okta-style ids that are unique within one generated org. */
export class OktaIdFactory {
  readonly #random: SeededRandom;
  readonly #issued: Set<string>;

  /** `issued` may be shared between factories so that two streams never produce the same id. */
  constructor(random: SeededRandom, issued: Set<string> = new Set()) {
    this.#random = random;
    this.#issued = issued;
  }

  next(prefix: string): string {
    for (;;) {
      const id = prefix + this.#random.base62(OKTA_ID_BODY_LENGTH);
      if (!this.#issued.has(id)) {
        this.#issued.add(id);
        return id;
      }
    }
  }
}

/** Hands out names unique within one list, suffixing repeats: "Slack", "Slack 2", "Slack 3". */
export class UniqueNames {
  readonly #taken = new Set<string>();
  readonly #nextSuffix = new Map<string, number>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.#taken.add(name);
  }

  next(base: string, separator = ' '): string {
    let name = base;
    let suffix = this.#nextSuffix.get(base) ?? 2;
    while (this.#taken.has(name)) name = `${base}${separator}${suffix++}`;
    this.#nextSuffix.set(base, suffix);
    this.#taken.add(name);
    return name;
  }
}

/** The generated org's "now": every timestamp lies before it, so output never depends on the clock. */
export const DEMO_NOW_MS = Date.UTC(2026, 2, 1);
const ORG_FOUNDED_MS = Date.UTC(2018, 0, 15);

/** An ISO 8601 timestamp, to the second, between `fromMs` (default: the org's founding) and DEMO_NOW_MS. */
export function randomTimestamp(random: SeededRandom, fromMs: number = ORG_FOUNDED_MS): string {
  const seconds = random.int(0, Math.floor((DEMO_NOW_MS - fromMs) / 1000));
  return new Date(fromMs + seconds * 1000).toISOString();
}
