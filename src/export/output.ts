// Writing to a stream with backpressure: a writer waits for 'drain' when the stream's buffer is
// full, so a slow disk or a slow HTTP client holds the export back instead of the export filling
// memory.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stringify, type Stringifier } from 'csv-stringify';

export async function writeOut(out: Writable, chunk: string): Promise<void> {
  if (chunk === '' || out.write(chunk)) return;
  // once() rejects if the stream errors (the client went away) while we wait.
  await once(out, 'drain');
}

/**
 * Collects what a callback-style writer (xmlbuilder's callback document) produces, to be flushed to the
 * stream at points where waiting is possible.
 */
export class Pending {
  private chunks: string[] = [];

  readonly push = (chunk: string): void => {
    this.chunks.push(chunk);
  };

  async flushTo(out: Writable): Promise<void> {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join('');
    this.chunks = [];
    await writeOut(out, text);
  }
}

/** How far an export is: nodes, edges or events written of a known total. */
export interface ExportProgress {
  add(n: number): void;
}

export const NO_PROGRESS: ExportProgress = { add: () => {} };

/** A csv-stringify stream into `out` (which it leaves open), starting with its header row. */
export function table(columns: readonly string[], out: Writable, delimiter = ','): Stringifier {
  const s = stringify({ header: true, columns: [...columns], delimiter, record_delimiter: 'unix' });
  s.pipe(out, { end: false });
  return s;
}

/** One record into a table, waiting while its buffer is full. */
export async function put(s: Stringifier, record: object): Promise<void> {
  if (!s.write(record)) await once(s, 'drain');
}

/** Ends a table once everything it made has gone into its stream. */
export async function endTable(s: Stringifier): Promise<void> {
  s.end();
  await finished(s);
}
