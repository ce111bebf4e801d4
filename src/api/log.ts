// The API's log. A refused request is routine: one line at info. yoga reports at error level
// every error its masking changes, which includes the failures we expect (a refused write, Neo4j
// down or slow); those are left to their one line and their stack goes to debug. Anything else
// stays an error, with its stack.
import type { YogaLogger } from 'graphql-yoga';
import type { LogLevel } from '../config';
import { expectedCodeOf } from './errors';

/** Where lines go: the console, or a test's collector. */
export type LogSink = Pick<Console, 'debug' | 'info' | 'warn' | 'error'>;

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

export function createApiLogger(level: LogLevel, sink: LogSink = console): YogaLogger {
  const on = (at: Exclude<LogLevel, 'silent'>) => RANK[at] >= RANK[level];
  const debug = (...args: unknown[]) => {
    if (on('debug')) sink.debug('DEBUG', ...args);
  };
  return {
    debug,
    info: (...args: unknown[]) => {
      if (on('info')) sink.info('INFO', ...args);
    },
    warn: (...args: unknown[]) => {
      if (on('warn')) sink.warn('WARN', ...args);
    },
    error: (...args: unknown[]) => {
      if (args.length === 1 && expectedCodeOf(args[0])) debug(...args);
      else if (on('error')) sink.error('ERR', ...args);
    },
  };
}

export interface LoggedRefusal {
  status: number;
  codes: string[];
  message: string;
  method?: string;
  path?: string;
}

/**
 * One line, whatever the message holds: it is quoted as JSON, so a client's newline or control
 * character cannot start a line of its own, and cut short.
 */
export function refusalLine(verb: 'refused' | 'failed', r: LoggedRefusal): string {
  const message = r.message.length > 300 ? `${r.message.slice(0, 300)}...` : r.message;
  const where = r.method ? `${r.method} ${r.path ?? ''} ` : '';
  return `${verb} ${where}${r.status} ${r.codes.join(',')} ${JSON.stringify(message)}`;
}
