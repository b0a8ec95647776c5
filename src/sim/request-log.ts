/** Every API request the simulator finished, and running counters over them. */

export interface RequestLogEntry {
  method: string;
  /** Path and query, as received. */
  path: string;
  /** 0 when the socket was dropped without an answer (reset, timeout faults). */
  status: number;
  durationMs: number;
  bucket: string;
  /** Epoch ms. */
  startedAt: number;
  auth: 'SSWS' | 'Bearer' | 'none';
}

export interface SimCounters {
  total: number;
  byMethod: Record<string, number>;
  byStatus: Record<string, number>;
  byBucket: Record<string, number>;
  inFlight: number;
  inFlightPeak: number;
}

const bump = (map: Record<string, number>, key: string) => {
  map[key] = (map[key] ?? 0) + 1;
};

export class RequestLog {
  /** Live array, appended as requests finish; never replaced (resetLog empties it in place). */
  readonly entries: RequestLogEntry[] = [];
  private counts: SimCounters = RequestLog.zero();
  /** Requests in flight right now (survives resets). */
  inFlight = 0;

  private static zero(): SimCounters {
    return { total: 0, byMethod: {}, byStatus: {}, byBucket: {}, inFlight: 0, inFlightPeak: 0 };
  }

  started(): number {
    this.inFlight++;
    if (this.inFlight > this.counts.inFlightPeak) this.counts.inFlightPeak = this.inFlight;
    return this.inFlight;
  }

  finished(entry: RequestLogEntry): void {
    this.inFlight--;
    this.entries.push(entry);
    this.counts.total++;
    bump(this.counts.byMethod, entry.method);
    bump(this.counts.byStatus, String(entry.status));
    bump(this.counts.byBucket, entry.bucket);
  }

  counters(): SimCounters {
    return structuredClone({ ...this.counts, inFlight: this.inFlight });
  }

  reset(): void {
    this.entries.length = 0;
    this.counts = RequestLog.zero();
    this.counts.inFlightPeak = this.inFlight;
  }
}
