// One Schemathesis run against the API, and what it found: its JSON report, and the files that
// the hooks of test/fuzz/hooks.py write (each call's outcome, each failed check's request and
// answer).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { KEY_VARIABLE } from './inputs';
import { SCHEMATHESIS } from './venv';

const HOOKS = path.join(PROJECT_ROOT, 'test', 'fuzz', 'hooks.py');
const running = new Set<ChildProcess>();

/** Stops a run still going: the fuzz run is ending (Ctrl-C) and must leave nothing behind. */
export function stopSchemathesis(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** The checks of hooks.py the run fails on; Schemathesis' own GraphQL checks count typed
 *  errors such as BAD_USER_INPUT or FORBIDDEN as failures, which here are the right answers. */
export const CHECKS = {
  no_server_error_status: 'no HTTP 5xx',
  answer_is_json: 'every answer is a JSON object with data or errors',
  no_unexpected_error: 'no crash behind a 200 (INTERNAL_SERVER_ERROR, null in a non-null field)',
} as const;
export type CheckName = keyof typeof CHECKS;

/**
 * The API ends a request at its QUERY_TIMEOUT_MS (15 s) with an error of its own; a request
 * still unanswered well after that is a hang, which Schemathesis reports as an error.
 */
const REQUEST_TIMEOUT_S = 60;

export interface FuzzSettings {
  /** Test cases per operation and phase. */
  examples: number;
  /** Schemathesis' --max-time: fuzz on until it is spent. */
  maxTimeS: number | null;
  seed: string | null;
  workers: number;
  /** A run still going after this is stopped, and fails. */
  limitS: number;
}

export interface Finding {
  check: CheckName;
  reason: string;
  request: { method: string; url: string; key: boolean; body: string | null };
  answer: { status: number; contentType: string | null; body: string };
}

interface Call {
  operation: string;
  status: number;
  data: boolean;
}

export interface RunResult {
  /** Schemathesis' JSON report; null when it wrote none (it did not start, or was stopped). */
  report: {
    complete: boolean;
    stop_reason: string;
    /** As written: a 128-bit number, more than a JavaScript number holds exactly. */
    seed: string;
    operations: { total: number; tested: number; errored: number };
    test_cases: { generated: number };
    errors: unknown[];
  } | null;
  exitCode: number | null;
  timedOut: boolean;
  calls: Call[];
  findings: Finding[];
}

function readLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

export async function runSchemathesis(opts: {
  name: string;
  dir: string;
  schemaFile: string;
  configFile: string;
  seedIdsFile: string;
  url: string;
  key: string | null;
  settings: FuzzSettings;
  log: (line: string) => void;
}): Promise<RunResult> {
  const { name, dir, settings } = opts;
  const file = (suffix: string) => path.join(dir, `${name}-${suffix}`);
  const reportFile = file('report.json');
  const callsFile = file('calls.ndjson');
  const findingsFile = file('findings.ndjson');
  for (const f of [reportFile, callsFile, findingsFile]) rmSync(f, { force: true });

  const args = [
    '--config-file',
    opts.configFile,
    'run',
    opts.schemaFile,
    '--url',
    opts.url,
    '--checks',
    Object.keys(CHECKS).join(','),
    '--max-examples',
    String(settings.examples),
    '--workers',
    String(settings.workers),
    '--request-timeout',
    String(REQUEST_TIMEOUT_S),
    '--report',
    'json',
    '--report-json-path',
    reportFile,
    '--no-color',
    // Examples kept from earlier runs would be replayed first: a run is what its seed makes.
    '--generation-database',
    'none',
    ...(settings.seed === null ? [] : ['--seed', settings.seed]),
    ...(settings.maxTimeS === null ? [] : ['--max-time', String(settings.maxTimeS)]),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SCHEMATHESIS_HOOKS: HOOKS,
    FUZZ_FINDINGS: findingsFile,
    FUZZ_CALLS: callsFile,
    FUZZ_SEED_IDS: opts.seedIdsFile,
    PYTHONUNBUFFERED: '1',
  };
  delete env[KEY_VARIABLE];
  if (opts.key !== null) env[KEY_VARIABLE] = opts.key;

  // In var/fuzz, where Schemathesis keeps what it caches (.schemathesis/).
  const child = spawn(SCHEMATHESIS, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const logFile = createWriteStream(file('output.log'));
  const echo = (chunk: Buffer) => {
    logFile.write(chunk);
    process.stdout.write(chunk);
  };
  child.stdout.on('data', echo);
  child.stderr.on('data', echo);
  let timedOut = false;
  const limit = setTimeout(() => {
    timedOut = true;
    opts.log(`${name}: still running after ${settings.limitS} s; stopping it.`);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  }, settings.limitS * 1000);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  }).finally(() => {
    running.delete(child);
    clearTimeout(limit);
    logFile.end();
  });

  let report: RunResult['report'] = null;
  if (existsSync(reportFile)) {
    const text = readFileSync(reportFile, 'utf8');
    const seed = /"seed":\s*(\d+)/.exec(text)?.[1] ?? 'unknown';
    report = { ...(JSON.parse(text) as NonNullable<RunResult['report']>), seed };
  }
  return {
    report,
    exitCode,
    timedOut,
    calls: readLines<Call>(callsFile),
    findings: readLines<Finding>(findingsFile),
  };
}
