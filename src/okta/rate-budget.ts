/**
 * The Okta budget a process spends beside the executor's own in-process state: each rate-limit
 * bucket's window and the org's requests in flight. Alone, a process needs none (the executor's
 * own state is the whole story). Beside other replicas, the budget is shared through Redis
 * (src/okta/shared/shared-budget.ts), or, while Redis is out of reach, this process keeps to its
 * own share of it (createShareBudget).
 */

/** What a bucket's window allows now. */
export interface BudgetVerdict {
  /** 0: one request was taken from the window, send it; otherwise wait this long, ms, and ask again. */
  waitMs: number;
  /** Requests left in the window as the budget counts them, and its limit (for the error message). */
  remaining: number;
  limit: number;
}

/** One bucket's window as an answer's X-Rate-Limit headers describe it. */
export interface BucketWindow {
  limit: number;
  remaining: number;
  /** Epoch ms when the window resets. */
  resetAt: number;
}

export interface RateBudget {
  /** Takes one request from `bucket`'s window, or says how long until it may. */
  spend(bucket: string): Promise<BudgetVerdict>;
  /**
   * Waits for an in-flight slot; resolves with its release, to call once the answer is read. A
   * next page (`urgent`) is served before the others waiting.
   */
  slot(urgent: boolean): Promise<() => void>;
  /** What an answer (or an exhausted window's 429) said about `bucket`. */
  observe(bucket: string, window: BucketWindow): void;
  /** Okta refused a request for too many in flight: fewer at once for a while. */
  concurrencyRefused(): void;
}

export interface ShareBudgetOptions {
  /** The share of the org's budget this process may spend, 0..1 (1 / the expected replica count). */
  share: number;
  /** The org-wide in-flight cap the share is taken of. */
  maxConcurrency: number;
  /** Share of each window left to the org's other integrations, 0..0.5 (as the executor's). */
  reserve: number;
  /** Epoch ms. Default Date.now. */
  now?: () => number;
}

interface OwnWindow {
  limit: number;
  resetAt: number;
  /** Requests this process sent in the window. */
  sent: number;
  /** The reset is a guess (Okta's minute) until an answer of the window names it. */
  estimated: boolean;
}

/** A slot budget with its line of waiters, next pages first: the in-process half of both budgets. */
export class SlotLine {
  private readonly waiting: (() => void)[] = [];
  active = 0;

  constructor(public cap: number) {}

  async take(urgent: boolean): Promise<() => void> {
    while (this.active >= this.cap) {
      await new Promise<void>((resolve) =>
        urgent ? this.waiting.unshift(resolve) : this.waiting.push(resolve),
      );
    }
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.wake();
    };
  }

  /** Wakes as many waiters as there are free slots (each checks again). */
  wake(): void {
    const free = Math.max(1, this.cap - this.active);
    for (const next of this.waiting.splice(0, free)) next();
  }

  get waiters(): number {
    return this.waiting.length;
  }
}

/**
 * A process's own share of the org's budget, kept in memory: at most share × the in-flight cap at
 * once, and share × each window's usable part (above the reserve) per window. What replicas do
 * while they cannot reach Redis, so that together they still stay under the org's limits.
 */
export function createShareBudget(options: ShareBudgetOptions): RateBudget {
  const now = options.now ?? Date.now;
  const share = Math.min(1, Math.max(0, options.share));
  const line = new SlotLine(Math.max(1, Math.floor(options.maxConcurrency * share)));
  const windows = new Map<string, OwnWindow>();
  const allowance = (w: OwnWindow) =>
    Math.max(1, Math.floor((w.limit - Math.floor(w.limit * options.reserve)) * share));
  return {
    async spend(bucket) {
      const w = windows.get(bucket);
      const t = now();
      if (!w || w.limit <= 0) return { waitMs: 0, remaining: 0, limit: 0 };
      if (w.resetAt <= t) {
        w.sent = 0;
        w.resetAt = t + 60_000;
        w.estimated = true;
      }
      const left = allowance(w) - w.sent;
      if (left > 0) {
        w.sent++;
        return { waitMs: 0, remaining: left - 1, limit: w.limit };
      }
      return { waitMs: w.resetAt - t, remaining: 0, limit: w.limit };
    },
    slot: (urgent) => line.take(urgent),
    observe(bucket, window) {
      const w = windows.get(bucket);
      if (!w || (!w.estimated && window.resetAt > w.resetAt)) {
        windows.set(bucket, { limit: window.limit, resetAt: window.resetAt, sent: 1, estimated: false });
        return;
      }
      w.limit = window.limit;
      if (w.estimated && window.resetAt > now()) {
        w.resetAt = window.resetAt;
        w.estimated = false;
      }
    },
    concurrencyRefused() {},
  };
}
