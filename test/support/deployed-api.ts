// The API as it is deployed, for the runs that bring their own (the load test, the fuzz run):
// `mediagraph` commands run to their end as an operator runs them, and `mediagraph serve` in a
// process of its own, awaited until /ready says it can answer.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnUntil, stop } from '../../bench/run';
import { PROJECT_ROOT } from '../../src/config';

export const CLI = path.join(PROJECT_ROOT, 'bin', 'mediagraph.js');

/** Runs one CLI command to its end; its output must match `done`, whose match it returns. */
export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  done: RegExp,
): Promise<RegExpExecArray> {
  const run = await spawnUntil(process.execPath, [CLI, ...args], env, done);
  const code = await new Promise<number | null>((resolve) =>
    run.child.exitCode !== null ? resolve(run.child.exitCode) : run.child.once('exit', resolve),
  );
  if (code !== 0) throw new Error(`mediagraph ${args[0]} exited with ${code}:\n${run.output()}`);
  return run.match;
}

export async function waitReady(base: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${base}/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > until) throw new Error(`${base}/ready still answers ${status}`);
    await sleep(250);
  }
}

export interface ServedApi {
  child: ChildProcess;
  /** The GraphQL endpoint, as the API prints it. */
  url: string;
  output: () => string;
}

/**
 * `mediagraph serve` with `env` (HOST, PORT, MEDIAGRAPH_MODE and the rest of its settings),
 * resolved once /ready answers 200. An API that never gets ready is stopped, not left behind.
 */
export async function serveApi(
  env: NodeJS.ProcessEnv,
  nodeFlags: string[] = [],
): Promise<ServedApi> {
  const served = await spawnUntil(
    process.execPath,
    [...nodeFlags, CLI, 'serve'],
    env,
    /GraphQL and GraphiQL: (\S+)/,
  );
  const url = served.match[1]!;
  try {
    await waitReady(new URL(url).origin, 30_000);
  } catch (e) {
    await stop(served.child);
    throw e;
  }
  return { child: served.child, url, output: served.output };
}

/**
 * Runs a suite's `main` and ends the process on its closing line, `NAME: N passed, M failed`,
 * printed last (after its servers have stopped), and also when the run breaks down: then every
 * check it would have made counts as failed, so CI's total never misses them.
 */
export function closeRun(
  name: string,
  main: () => Promise<readonly { ok: boolean }[]>,
  checksWhenBroken: number,
): void {
  const close = (passed: number, failed: number) => {
    process.stdout.write(`${name}: ${passed} passed, ${failed} failed\n`);
    process.exit(failed === 0 ? 0 : 1);
  };
  main().then(
    (checks) => {
      const failed = checks.filter((c) => !c.ok).length;
      close(checks.length - failed, failed);
    },
    (e: unknown) => {
      console.error(e);
      close(0, checksWhenBroken);
    },
  );
}
