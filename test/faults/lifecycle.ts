// Guarantee 3: the local Neo4j lives and dies with the mediagraph process that started it. Run
// with the built CLI as a user runs it, each on its own home and ports (FAULTS_PORT_BASE + 688,
// + 475, the API on + 400), and judged by the processes that are left, read from /proc:
//
//   api-kill    the API SIGKILLed: its Neo4j stops by itself; a start and Ctrl-C after it leave
//               no process and free ports
//   leftover    the API and its watchdog SIGKILLed, so Neo4j is left running: the next start
//               stops it and runs a fresh one, and Ctrl-C leaves nothing
//   neo4j-dies  Java SIGKILLed under `mediagraph start` and under `mediagraph neo4j`: each exits
//               1 and says so, naming the log
//   foreign     a Neo4j that is not ours on the ports (of another home; a pid file that names
//               another process): start refuses, names the port, and leaves it running
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, type LocalNeo4jConfig } from '../../src/config';
import { NEO4J_ENTRY_POINT } from '../../src/local-neo4j/conf';
import { portOpen, stopStrayNeo4j } from '../../src/local-neo4j/server';
import { spawnCli, type CliChild } from './cli';
import { PORT_BASE } from './neo4j';
import { sleep, type Report } from './report';

const HOME = 'var/neo4j-lifecycle';
const OTHER_HOME = 'var/neo4j-lifecycle-other';
const BOLT = PORT_BASE + 688;
const HTTP = PORT_BASE + 475;
const API = PORT_BASE + 400;
/** Generous: Neo4j's first start, or its shutdown, on a busy 2-core machine. */
const START_MS = 300_000;
const STOP_MS = 120_000;
const READY = /Press Ctrl-C to stop/;
const NEO4J_READY = /Ctrl-C stops it/;

function env(home = HOME): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_HOME: home,
    NEO4J_BOLT_PORT: String(BOLT),
    NEO4J_HTTP_PORT: String(HTTP),
    PORT: String(API),
    NEO4J_PASSWORD: 'mediagraph-lifecycle',
    NEO4J_HEAP: '512m',
    NEO4J_PAGECACHE: '128m',
    NEO4J_START_TIMEOUT_S: String(START_MS / 1000),
  };
  // The local Neo4j is the subject here, so none named by the caller's environment is used.
  delete e.NEO4J_URI;
  return e;
}

function localOf(home: string): LocalNeo4jConfig {
  return {
    home: path.join(PROJECT_ROOT, home),
    boltPort: BOLT,
    httpPort: HTTP,
    heap: '512m',
    pagecache: '128m',
    startTimeoutMs: START_MS,
  };
}

interface Proc {
  pid: number;
  args: string[];
}

/** Every process whose arguments name `home`: its Neo4j and its watchdog, whoever started them. */
function processesOf(home: string): Proc[] {
  const abs = path.join(PROJECT_ROOT, home);
  const found: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0$/, '').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    if (args.some((a) => a === abs || a === `--home-dir=${abs}`)) {
      found.push({ pid: Number(entry), args });
    }
  }
  return found;
}

const isJava = (p: Proc) => p.args.includes(NEO4J_ENTRY_POINT);

function shown(procs: Proc[]): string {
  if (procs.length === 0) return 'no process';
  return procs.map((p) => `pid ${p.pid} (${isJava(p) ? 'Java' : p.args.join(' ')})`).join(', ');
}

function runs(pid: number, home: string): boolean {
  return processesOf(home).some((p) => p.pid === pid);
}

/**
 * 'nothing' once no process of `home` runs and the ports are free; otherwise, after timeoutMs
 * (0: at once), what is left.
 */
async function leftOf(home: string, timeoutMs = 0): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const procs = processesOf(home);
    const taken = [];
    for (const port of [BOLT, HTTP]) if (await portOpen(port)) taken.push(port);
    if (procs.length === 0 && taken.length === 0) return 'nothing';
    if (Date.now() >= end) {
      return `${shown(procs)}; ${taken.length > 0 ? `port ${taken.join(' and ')} taken` : 'ports free'}`;
    }
    await sleep(500);
  }
}

/** 'ready' once `pattern` is printed, or the exit code if the child ends first. */
async function settle(
  child: CliChild,
  pattern: RegExp,
  timeoutMs: number,
): Promise<'ready' | number | null> {
  try {
    await child.waitFor(pattern, timeoutMs);
    return 'ready';
  } catch (e) {
    if (child.running()) throw e;
    return child.exited;
  }
}

/** The exit code, or 'still running' (and then it is SIGKILLed, so the scenario can go on). */
async function exitOf(child: CliChild, timeoutMs: number): Promise<number | null | string> {
  try {
    return await child.exitWithin(timeoutMs);
  } catch {
    child.kill('SIGKILL');
    await child.exited;
    return `still running after ${timeoutMs / 1000} s`;
  }
}

function lastLines(text: string, n = 1): string {
  return text.trim().split('\n').slice(-n).join(' | ');
}

/** Ctrl-C, then: exit 0, "Stopped.", and at that moment no process of the home and free ports. */
async function ctrlC(report: Report, api: CliChild, when: string): Promise<void> {
  api.kill('SIGINT');
  const code = await exitOf(api, STOP_MS);
  report.check(
    `${when}: Ctrl-C exits 0 with "Stopped."`,
    code === 0 && api.output().includes('Stopped.'),
    `exit ${code}: ${lastLines(api.output())}`,
  );
  report.equal(`${when}: what is left once it has exited`, await leftOf(HOME), 'nothing');
}

/** Before the scenarios: nothing of an earlier run in either home, and the ports free. */
export async function prepareLifecycle(): Promise<void> {
  for (const home of [HOME, OTHER_HOME]) await stopStrayNeo4j(localOf(home));
  const left = await leftOf(HOME);
  if (left !== 'nothing') {
    throw new Error(`the lifecycle checks need ports ${BOLT} and ${HTTP} free: ${left}`);
  }
}

export async function apiKilled(report: Report): Promise<void> {
  const api = spawnCli(['start'], env());
  await api.waitFor(READY, START_MS);
  const running = processesOf(HOME);
  report.check(
    'start runs Neo4j and a watchdog beside it',
    running.some(isJava) && running.some((p) => !isJava(p)),
    shown(running),
  );
  api.kill('SIGKILL');
  await api.exited;
  report.equal(
    'the API SIGKILLed: what is left of it once Neo4j has had time to stop',
    await leftOf(HOME, STOP_MS),
    'nothing',
  );
  const next = spawnCli(['start'], env());
  await next.waitFor(READY, START_MS);
  await ctrlC(report, next, 'then a start');
}

export async function leftoverStopped(report: Report): Promise<void> {
  const api = spawnCli(['start'], env());
  await api.waitFor(READY, START_MS);
  const running = processesOf(HOME);
  const java = running.find(isJava);
  if (!java) throw new Error(`start runs no Neo4j in ${HOME}: ${shown(running)}`);
  // All but Java, as when a session is torn down and Java alone escapes.
  for (const p of running) if (!isJava(p)) process.kill(p.pid, 'SIGKILL');
  api.kill('SIGKILL');
  await api.exited;
  await sleep(2_000);
  report.check(
    'the API and its watchdog SIGKILLed: their Neo4j is left running',
    runs(java.pid, HOME),
    shown(processesOf(HOME)),
  );

  const next = spawnCli(['start'], env());
  await next.waitFor(READY, START_MS);
  const fresh = processesOf(HOME).filter(isJava);
  report.check(
    'the next start stops the leftover and runs a fresh Neo4j',
    next.output().includes(`Stopping the Neo4j (pid ${java.pid})`) &&
      !runs(java.pid, HOME) &&
      fresh.length === 1 &&
      fresh[0]!.pid !== java.pid,
    `leftover pid ${java.pid} ${runs(java.pid, HOME) ? 'still runs' : 'is gone'}; now ${shown(fresh)}`,
  );
  await ctrlC(report, next, 'then');
}

export async function neo4jDies(report: Report): Promise<void> {
  const logFile = path.join(PROJECT_ROOT, HOME, 'logs', 'neo4j.log');
  for (const [command, ready] of [
    ['start', READY],
    ['neo4j', NEO4J_READY],
  ] as const) {
    const child = spawnCli([command], env());
    await child.waitFor(ready, START_MS);
    const java = processesOf(HOME).find(isJava);
    if (!java) throw new Error(`mediagraph ${command} runs no Neo4j: ${shown(processesOf(HOME))}`);
    process.kill(java.pid, 'SIGKILL');
    const code = await exitOf(child, 60_000);
    const out = child.output();
    const lastLogLine = readFileSync(logFile, 'utf8').trimEnd().split('\n').pop()!;
    report.check(
      `Java SIGKILLed under \`mediagraph ${command}\`: it exits 1, saying so, with the log's end`,
      code === 1 &&
        out.includes(`Java process (pid ${java.pid}) was killed by SIGKILL`) &&
        out.includes(`Its log is ${logFile}; the last lines:`) &&
        out.includes(lastLogLine),
      `exit ${code}: ${out.split('\n').find((l) => l.startsWith('mediagraph:')) ?? lastLines(out)}`,
    );
    report.equal(
      `\`mediagraph ${command}\`: what is left once it has exited`,
      await leftOf(HOME),
      'nothing',
    );
  }
}

export async function foreignRefused(report: Report): Promise<void> {
  const other = spawnCli(['neo4j'], env(OTHER_HOME));
  await other.waitFor(NEO4J_READY, START_MS);
  const theirs = processesOf(OTHER_HOME).find(isJava);
  const pidFile = path.join(PROJECT_ROOT, HOME, 'run', 'mediagraph-neo4j.pid');
  mkdirSync(path.dirname(pidFile), { recursive: true });
  try {
    const cases = [
      { what: 'no pid file', pidFile: null },
      // This run itself: a live process, but no Neo4j. The form is the one older versions wrote.
      { what: 'a pid file naming another process', pidFile: String(process.pid) },
    ];
    for (const c of cases) {
      if (c.pidFile === null) rmSync(pidFile, { force: true });
      else writeFileSync(pidFile, c.pidFile);
      const start = spawnCli(['start'], env());
      const outcome = await settle(start, READY, START_MS);
      if (outcome === 'ready') await exitOf(start, 0);
      const out = start.output();
      report.check(
        `a Neo4j of another home on the ports, ${c.what}: start refuses, naming the port`,
        outcome === 1 &&
          out.includes(`Port ${BOLT} on 127.0.0.1 (NEO4J_BOLT_PORT) is taken`) &&
          out.includes(`NEO4J_URI=bolt://127.0.0.1:${BOLT}`),
        outcome === 'ready' ? 'it serves on that Neo4j' : `exit ${outcome}: ${lastLines(out)}`,
      );
      report.check(
        `${c.what}: the other Neo4j still runs, and none of ours was started`,
        theirs !== undefined && runs(theirs.pid, OTHER_HOME) && processesOf(HOME).length === 0,
        `theirs: ${shown(processesOf(OTHER_HOME))}; ours: ${shown(processesOf(HOME))}`,
      );
    }
  } finally {
    rmSync(pidFile, { force: true });
    other.kill('SIGINT');
  }
  const code = await exitOf(other, STOP_MS);
  report.equal('the other `mediagraph neo4j` stops on Ctrl-C with exit', code, 0);
  report.equal('what is left of the other home', await leftOf(OTHER_HOME), 'nothing');
}
