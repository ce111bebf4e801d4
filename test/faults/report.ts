// The tally of the fault checks. Each check states the figures it saw, so the log shows what
// survived, not only that something did. A scenario that throws counts as one failed check and
// the next scenario still runs.
import { isDeepStrictEqual } from 'node:util';

export const log = (line: string) => process.stdout.write(`${line}\n`);

export class Report {
  passed = 0;
  failed = 0;

  check(name: string, ok: boolean, detail: string): boolean {
    if (ok) this.passed++;
    else this.failed++;
    log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
    return ok;
  }

  equal(name: string, actual: unknown, expected: unknown): boolean {
    const ok = isDeepStrictEqual(actual, expected);
    const shown = JSON.stringify(actual);
    return this.check(name, ok, ok ? shown : `${shown}, expected ${JSON.stringify(expected)}`);
  }

  /** Runs a scenario; its result, or undefined when it threw. */
  async scenario<T>(title: string, run: () => Promise<T>): Promise<T | undefined> {
    log(`\n== ${title}`);
    const t0 = Date.now();
    try {
      return await run();
    } catch (e) {
      this.check(`${title} ran to its end`, false, e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      log(`   (${seconds(t0)} s)`);
    }
  }

  closingLine(): string {
    return `faults: ${this.passed} passed, ${this.failed} failed`;
  }
}

/** Seconds since t0, to one decimal. */
export function seconds(t0: number): string {
  return ((Date.now() - t0) / 1000).toFixed(1);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value `done` accepts, or throws after timeoutMs. */
export async function until<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  everyMs = 200,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > end) {
      throw new Error(`${what}: not within ${timeoutMs / 1000} s (last: ${JSON.stringify(value)})`);
    }
    await sleep(everyMs);
  }
}
