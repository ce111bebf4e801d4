// The export's progress on stderr: cli-progress's bar on a terminal, and on anything else (a log,
// a pipe) a plain line at every tenth of the way, so a log is not flooded.
import { SingleBar, Presets } from 'cli-progress';
import type { ExportProgress } from './output';

export interface StoppableProgress extends ExportProgress {
  stop(): void;
}

export function exportProgress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): StoppableProgress {
  let done = 0;
  if (stream.isTTY) {
    const bar = new SingleBar(
      {
        format: `${label} [{bar}] {percentage}% {value}/{total} | {duration_formatted} elapsed, {eta_formatted} left`,
        stream,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), 0);
    return {
      add(n) {
        done += n;
        bar.update(Math.min(done, total));
      },
      stop() {
        bar.stop();
      },
    };
  }
  const t0 = Date.now();
  let next = 0.1;
  const line = () =>
    stream.write(
      `${label} ${total > 0 ? Math.round((100 * done) / total) : 100}% ${done}/${total} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
    );
  return {
    add(n) {
      done += n;
      if (total <= 0 || done / total < next) return;
      // One line however many tenths a batch passes.
      next = Math.floor((done / total) * 10 + 1) / 10;
      if (done < total) line();
    },
    stop() {
      line();
    },
  };
}
