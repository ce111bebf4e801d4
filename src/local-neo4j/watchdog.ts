// A small process beside the local Neo4j that stops it when the mediagraph process that started
// it dies without doing so: SIGKILL, a crash, the out-of-memory killer. Node cannot ask the
// kernel to signal a child when its parent dies, but a pipe closes with the process that holds
// it. The watchdog reads a pipe that mediagraph never writes to; when it ends, mediagraph is
// gone, or has seen Neo4j exit and closed it. The watchdog then stops Neo4j if it still runs.
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, openSync } from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import { STOP_GRACE_MS } from './conf';
import { isOurNeo4j } from './pid-file';
import { terminate, waitForExit } from './processes';

export interface Watchdog {
  /**
   * Neo4j has exited: the watchdog finds nothing to stop, and leaves. Resolves once it has, so
   * that a stopped mediagraph leaves no process of its own behind.
   */
  release(): Promise<void>;
}

/** Starts the watchdog of the Neo4j `javaPid` on `home`; it writes what it does to `logFile`. */
export function startWatchdog(
  javaPid: number,
  home: string,
  logFile: string,
  log: (line: string) => void,
): Watchdog {
  // From the sources (jest, tsx) this file is TypeScript, which node runs through tsx; the
  // build runs it as JavaScript.
  const runner =
    path.extname(__filename) === '.ts' ? ['--require', require.resolve('tsx/cjs')] : [];
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...runner, __filename, String(javaPid), home], {
    stdio: ['pipe', out, out],
  });
  closeSync(out);
  child.on('error', (e) => {
    // Neo4j runs all the same; only a death of this process would now leave it behind, until
    // the next start stops it.
    log(`The watchdog of the local Neo4j could not start: ${e.message}`);
  });
  const pipe = child.stdin as Socket;
  // A watchdog killed on its own makes the end of the pipe fail: there is nobody left to tell.
  pipe.on('error', () => {});
  // Neither the watchdog nor its pipe may keep this process running.
  child.unref();
  pipe.unref();
  return {
    release: async () => {
      pipe.end();
      // Polled rather than awaited as an event: the watchdog is unref'd, and a wait on it alone
      // would let this process end before it is through.
      if (child.pid !== undefined && !(await waitForExit(child.pid, 5_000))) child.kill('SIGKILL');
    },
  };
}

function watch(javaPid: number, home: string): void {
  const parent = process.ppid;
  const note = (line: string) => appendFileSync(1, `${new Date().toISOString()} ${line}\n`);
  // Ctrl-C and a closed terminal reach the whole process group. mediagraph then stops Neo4j in
  // order, and the watchdog has to outlive it to be of any use.
  process.on('SIGINT', () => {});
  process.on('SIGHUP', () => {});
  process.stdin.on('end', () => {
    void (async () => {
      if (isOurNeo4j(javaPid, home)) {
        note(`mediagraph (pid ${parent}) is gone: stopping its Neo4j (pid ${javaPid}).`);
        await terminate(javaPid, STOP_GRACE_MS);
        note(`Neo4j (pid ${javaPid}) has stopped.`);
      }
      process.exit(0);
    })();
  });
  process.stdin.resume();
}

if (require.main === module) {
  const [pid, home] = process.argv.slice(2);
  if (!pid || !/^\d+$/.test(pid) || !home) {
    process.stderr.write('usage: watchdog JAVA_PID NEO4J_HOME\n');
    process.exit(2);
  }
  watch(Number(pid), home);
}
