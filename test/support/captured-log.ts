// The API's log kept by a test instead of printed. A test that provokes a warning or an error on
// purpose takes the lines it expects and asserts on them; lines nobody took are printed when the
// test ends (`flush`, from afterEach), so an unexpected warning still shows in the test output.
import { format } from 'node:util';
import type { YogaLogger } from 'graphql-yoga';
import { createApiLogger, type LogSink } from '../../src/api/log';
import type { LogLevel } from '../../src/config';

type Level = keyof LogSink;

export interface LoggedLine {
  level: Level;
  /** The line as the console would print it, without the stack of an error. */
  text: string;
  args: unknown[];
}

/** An error as its name and message: its stack is the same in every line and says nothing. */
const shown = (a: unknown) => (a instanceof Error ? `${a.name}: ${a.message}` : a);

export class CapturedLog {
  private readonly kept: LoggedLine[] = [];

  readonly sink: LogSink = {
    debug: (...args: unknown[]) => this.keep('debug', args),
    info: (...args: unknown[]) => this.keep('info', args),
    warn: (...args: unknown[]) => this.keep('warn', args),
    error: (...args: unknown[]) => this.keep('error', args),
  };

  private keep(level: Level, args: unknown[]) {
    this.kept.push({ level, args, text: format(...args.map(shown)) });
  }

  /** The API's logger writing here, at `level` (tests run the API at warn). */
  logger(level: LogLevel = 'warn'): YogaLogger {
    return createApiLogger(level, this.sink);
  }

  /** Takes the lines that match `pattern` out of the log, for the test to assert on. */
  take(pattern: RegExp): LoggedLine[] {
    const taken = this.kept.filter((l) => pattern.test(l.text));
    this.kept.splice(0, this.kept.length, ...this.kept.filter((l) => !taken.includes(l)));
    return taken;
  }

  /** Texts of the lines taken by `pattern`. */
  takeTexts(pattern: RegExp): string[] {
    return this.take(pattern).map((l) => `${l.level} ${l.text}`);
  }

  /** Prints the lines no test took, as the console would have printed them. */
  flush(): void {
    for (const l of this.kept.splice(0)) console[l.level](...l.args);
  }
}
