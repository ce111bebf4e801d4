// The API's log: refusals are one line at info level; expected failures reported by yoga at
// error level are kept to debug; faults stay errors with their stack.
import { GraphQLError } from 'graphql';
import { createApiLogger, refusalLine, type LogSink } from '../../src/api/log';
import { loadConfig } from '../../src/config';
import { GraphError, WriteRefused } from '../../src/graph/errors';

function collector(level: Parameters<typeof createApiLogger>[0]) {
  const lines: [string, ...unknown[]][] = [];
  const at =
    (name: string) =>
    (...args: unknown[]) =>
      lines.push([name, ...args]);
  const sink: LogSink = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { lines, logger: createApiLogger(level, sink) };
}

/** How graphql-js hands a resolver's error on: wrapped, with the original kept. */
const located = (original: Error) =>
  new GraphQLError(original.message, { path: ['x'], originalError: original });

describe('createApiLogger', () => {
  test('an expected failure that yoga reports as an error goes to debug, not error', () => {
    const { lines, logger } = collector('debug');
    const refused = located(new WriteRefused('NOT_FOUND', "There is no event 'x'.", 'eventId'));
    const down = located(
      new GraphError('DATABASE_UNAVAILABLE', 'The graph database cannot be reached.'),
    );
    logger.error(refused);
    logger.error(down);
    expect(lines).toEqual([
      ['debug', 'DEBUG', refused],
      ['debug', 'DEBUG', down],
    ]);
  });

  test('a fault stays an error, with the error itself (and so its stack)', () => {
    const { lines, logger } = collector('info');
    const fault = located(new Error('MATCH failed'));
    const badRow = located(
      new GraphError('UNEXPECTED_ROW', 'Query x returned an unexpected row 0'),
    );
    logger.error(fault);
    logger.error(badRow);
    expect(lines).toEqual([
      ['error', 'ERR', fault],
      ['error', 'ERR', badRow],
    ]);
  });

  test('each level shows itself and those above it', () => {
    const { lines, logger } = collector('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines).toEqual([
      ['warn', 'WARN', 'w'],
      ['error', 'ERR', 'e'],
    ]);
    const silent = collector('silent');
    silent.logger.error('e');
    expect(silent.lines).toEqual([]);
  });

  test('LOG_LEVEL is info unless set, and a bad value names the variable', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});

describe('refusalLine', () => {
  test('is one line whatever the message holds', () => {
    const line = refusalLine('refused', {
      status: 200,
      codes: ['BAD_USER_INPUT'],
      message: "There is no event 'x\nINFO refused forged line\r'.",
      method: 'POST',
      path: '/graphql',
    });
    expect(line).toBe(
      'refused POST /graphql 200 BAD_USER_INPUT "There is no event \'x\\nINFO refused forged line\\r\'."',
    );
  });

  test('cuts a long message short', () => {
    const line = refusalLine('refused', { status: 400, codes: ['X'], message: 'm'.repeat(10_000) });
    expect(line).toBe(`refused 400 X "${'m'.repeat(300)}..."`);
  });
});
