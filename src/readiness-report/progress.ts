import { SingleBar } from 'cli-progress';

export interface Progress {
  tick(): void;
  /** Sets the phase label and its total (the snapshot walks several lists). */
  phase(label: string, total: number, done?: number): void;
  stop(): void;
}

const silent: Progress = { tick() {}, phase() {}, stop() {} };

/** A progress bar on `stream` when it is a terminal; silent otherwise (CI logs stay clean). */
export function startProgress(stream: NodeJS.WriteStream, label: string, total: number): Progress {
  if (!stream.isTTY) return silent;
  const bar = new SingleBar(
    {
      stream,
      format: '{label} [{bar}] {value}/{total}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: false,
    },
    undefined,
  );
  bar.start(total, 0, { label });
  return {
    tick: () => bar.increment(),
    phase: (next, nextTotal, done = 0) => {
      bar.setTotal(nextTotal);
      bar.update(done, { label: next });
    },
    stop: () => bar.stop(),
  };
}
