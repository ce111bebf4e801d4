// Progress of a long load: a bar with rate and time left on a terminal, plain lines otherwise
// (CI logs, pipes), so that neither floods the other.

export interface ProgressReporter {
  /** `done` of `total` items, with `events` written so far. */
  update(done: number, events: number): void;
  finish(done: number, events: number): void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m >= 60
    ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
    : `${m}:${String(s % 60).padStart(2, '0')}`;
}

export function progressLine(
  label: string,
  done: number,
  total: number,
  events: number,
  elapsedS: number,
): string {
  const rate = elapsedS > 0 ? events / elapsedS : 0;
  const articleRate = elapsedS > 0 ? done / elapsedS : 0;
  const left = articleRate > 0 ? (total - done) / articleRate : Infinity;
  const pct = total > 0 ? (100 * done) / total : 100;
  return `${label} ${pct.toFixed(0).padStart(3)}% ${fmt(done)}/${fmt(total)} articles, ${fmt(events)} events, ${fmt(rate)} events/s, ${duration(elapsedS)} elapsed, ${duration(left)} left`;
}

export function createProgress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = () => Date.now(),
): ProgressReporter {
  const start = now();
  const elapsed = () => (now() - start) / 1000;
  if (stream.isTTY) {
    let last = 0;
    const draw = (done: number, events: number) => {
      const width = 24;
      const filled = total > 0 ? Math.round((width * done) / total) : width;
      const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
      stream.write(`\r${bar} ${progressLine(label, done, total, events, elapsed())}\x1b[K`);
    };
    return {
      update(done, events) {
        if (now() - last < 200) return;
        last = now();
        draw(done, events);
      },
      finish(done, events) {
        draw(done, events);
        stream.write('\n');
      },
    };
  }
  // Not a terminal: a line every 10 seconds at most.
  let last = start;
  return {
    update(done, events) {
      if (now() - last < 10_000) return;
      last = now();
      stream.write(`${progressLine(label, done, total, events, elapsed())}\n`);
    },
    finish(done, events) {
      stream.write(`${progressLine(label, done, total, events, elapsed())}\n`);
    },
  };
}

/** For callers that want no output (tests, the API). */
export const silentProgress: ProgressReporter = { update() {}, finish() {} };
