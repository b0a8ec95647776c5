import { SingleBar } from 'cli-progress';
import type { RateLimitStatus } from '../okta/metrics.ts';

export interface Progress {
  tick(): void;
  /** Sets the phase label and its total (the snapshot walks several lists). */
  phase(label: string, total: number, done?: number): void;
  /** Status beside the bar for `forMs` (e.g. a rate-limit wait); off a terminal, a line at most every 10 s. */
  note(text: string, forMs?: number): void;
  stop(): void;
}

/** Off a terminal: no bar, and notes as plain lines, at most one every 10 s. */
function plain(stream: NodeJS.WriteStream): Progress {
  let lastNoteAt = 0;
  return {
    tick() {},
    phase() {},
    note(text) {
      if (!text || Date.now() - lastNoteAt < 10_000) return;
      lastNoteAt = Date.now();
      stream.write(`${text}\n`);
    },
    stop() {},
  };
}

/** The note a rate-limit wait puts beside the bar. */
export function rateLimitNote(status: RateLimitStatus): string {
  const left =
    status.remaining === null ? '' : `, ${status.remaining} of ${status.limit ?? '?'} requests left`;
  return `waiting ${Math.ceil(status.waitMs / 1000)} s for Okta's rate limit on ${status.bucket}${left}`;
}

/** A progress bar on `stream` when it is a terminal; otherwise only its notes, as lines (CI logs stay clean). */
export function startProgress(stream: NodeJS.WriteStream, label: string, total: number): Progress {
  if (!stream.isTTY) return plain(stream);
  const bar = new SingleBar(
    {
      stream,
      format: '{label} [{bar}] {value}/{total} {note}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: false,
    },
    undefined,
  );
  bar.start(total, 0, { label, note: '' });
  let clearNote: NodeJS.Timeout | undefined;
  return {
    tick: () => bar.increment(),
    phase: (next, nextTotal, done = 0) => {
      bar.setTotal(nextTotal);
      bar.update(done, { label: next });
    },
    note: (text, forMs = 5_000) => {
      bar.update({ note: text });
      clearTimeout(clearNote);
      if (text) clearNote = setTimeout(() => bar.update({ note: '' }), forMs).unref();
    },
    stop: () => bar.stop(),
  };
}
