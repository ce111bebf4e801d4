// `mediagraph` commands run as a user runs them (bin/mediagraph.js over the build), as children
// whose output is kept for the checks. Every child is tracked, so none outlives the run.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

const BIN = path.join(PROJECT_ROOT, 'bin', 'mediagraph.js');
const children = new Set<ChildProcess>();

export interface CliChild {
  readonly pid: number;
  output(): string;
  /** When the output first matched `pattern` (ms since the epoch), or null. */
  seenAt(pattern: RegExp): number | null;
  running(): boolean;
  /** The exit code, or null when a signal ended it. */
  readonly exited: Promise<number | null>;
  /** Resolves when the output matches; rejects when the child exits first or time runs out. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** The exit code; rejects when the child still runs after timeoutMs. */
  exitWithin(timeoutMs: number): Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv): CliChild {
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd: PROJECT_ROOT });
  if (child.pid === undefined) throw new Error(`could not start mediagraph ${args.join(' ')}`);
  children.add(child);
  let text = '';
  const arrivals: { at: number; end: number }[] = [];
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    arrivals.push({ at: Date.now(), end: text.length });
    listeners.forEach((l) => l());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      done = true;
      children.delete(child);
      listeners.forEach((l) => l());
      resolve(code);
    }),
  );
  const name = `mediagraph ${args[0] ?? ''}`;
  return {
    pid: child.pid,
    output: () => text,
    seenAt: (pattern) => {
      const m = pattern.exec(text);
      if (!m) return null;
      const end = m.index + m[0].length;
      return arrivals.find((a) => a.end >= end)?.at ?? null;
    },
    running: () => !done,
    exited,
    waitFor: (pattern, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error('timed out')), timeoutMs);
        const check = () => {
          if (pattern.test(text)) finish(null);
          else if (done) finish(new Error('it exited'));
        };
        const finish = (e: Error | null) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (e) reject(new Error(`${name}: ${e.message} before printing ${pattern}:\n${text}`));
          else resolve();
        };
        listeners.add(check);
        check();
      }),
    exitWithin: async (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${name} still runs after ${timeoutMs / 1000} s:\n${text}`)),
          timeoutMs,
        );
      });
      try {
        return await Promise.race([exited, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    kill: (signal) => {
      if (!done) child.kill(signal);
    },
  };
}

/** Kills every child still running: the run is ending and must leave nothing behind. */
export async function killAllChildren(): Promise<void> {
  const left = [...children];
  await Promise.all(
    left.map(
      (c) =>
        new Promise<void>((resolve) => {
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
    ),
  );
}

export interface GqlAnswer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** GraphQL over HTTP. The time limit is generous: with Neo4j down an answer takes ~10 s. */
export async function graphql(base: string, query: string): Promise<GqlAnswer> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(60_000),
  });
  return (await res.json()) as GqlAnswer;
}

export async function httpStatus(url: string): Promise<number> {
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  await res.arrayBuffer();
  return res.status;
}
