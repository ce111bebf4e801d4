// Runs the real Neo4j 5.26 Community server from the Maven jars as a child process, so that
// `npm start` and `npm test` need nothing but Java 17 and the jars.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { LocalNeo4jConfig } from '../config';
import {
  jvmFlags,
  localDirs,
  NEO4J_ENTRY_POINT,
  neo4jLibDir,
  renderNeo4jConf,
  STOP_GRACE_MS,
} from './conf';
import { homeState, removePidFile, writePidFile, type HomeState } from './pid-file';
import { alive, terminate } from './processes';
import { startWatchdog } from './watchdog';

export class LocalNeo4jError extends Error {}

export interface RunningNeo4j {
  pid: number;
  boltUri: string;
  browserUrl: string;
  /**
   * Resolves, with a message naming the log and its last lines, if the Java process exits
   * without stop(): a crash, a kill, the out-of-memory killer. It never settles otherwise.
   */
  died: Promise<LocalNeo4jError>;
  /** Stops the server and waits until the Java process has exited. */
  stop(): Promise<void>;
}

function javaBinary(): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

function checkJava(java: string): void {
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new LocalNeo4jError(
      `Java 17 is needed to run the local Neo4j, and '${java} -version' failed` +
        (r.error ? `: ${r.error.message}` : '') +
        '. Install a JDK 17 (Debian: openjdk-17-jdk-headless) or set NEO4J_URI to an existing Neo4j.',
    );
  }
  const m = /version "(\d+)/.exec(r.stderr);
  const major = m?.[1] ? Number(m[1]) : NaN;
  if (!(major >= 17)) {
    throw new LocalNeo4jError(
      `Neo4j 5.26 needs Java 17 or later; '${java}' is ${major || 'unknown'}.`,
    );
  }
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A loopback port that nothing listens on right now (the OS picks it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Stops the Neo4j that an earlier run left running in `local.home` when it died, if any. Also
 * for callers that must do so before touching its data folder (wiping it, say); a Neo4j whose
 * mediagraph still runs is that process's to stop, and is refused.
 */
export async function stopStrayNeo4j(
  local: LocalNeo4jConfig,
  log: (line: string) => void = () => {},
): Promise<void> {
  const state = homeState(local);
  if (state.kind === 'in-use') throw inUseError(local, state);
  if (state.kind === 'leftover') await stopLeftover(local, state, log);
}

async function stopLeftover(
  local: LocalNeo4jConfig,
  state: Extract<HomeState, { kind: 'leftover' }>,
  log: (line: string) => void,
): Promise<void> {
  const owner = state.owner === null ? 'an earlier mediagraph' : `mediagraph (pid ${state.owner})`;
  log(
    `Stopping the Neo4j (pid ${state.pid}) that ${owner} left running in ${local.home} when it ` +
      'died; a fresh one takes its place.',
  );
  await terminate(state.pid, STOP_GRACE_MS);
  removePidFile(local, state.pid);
}

function inUseError(
  local: LocalNeo4jConfig,
  state: Extract<HomeState, { kind: 'in-use' }>,
): LocalNeo4jError {
  return new LocalNeo4jError(
    `The local Neo4j in ${local.home} already runs (pid ${state.pid}, Bolt on port ${state.boltPort}), ` +
      `started by mediagraph (pid ${state.owner}), which still runs. Stop that process first. ` +
      'While it runs, the other mediagraph commands use its Neo4j when they have the same ports.',
  );
}

/**
 * The local Neo4j that another mediagraph process runs on this home and these ports, if any.
 * A command may use it; stopping it is left to that process. Resolves once it takes Bolt.
 */
export async function sharedLocalNeo4j(
  local: LocalNeo4jConfig,
): Promise<{ pid: number; owner: number } | null> {
  const state = homeState(local);
  if (
    state.kind !== 'in-use' ||
    state.boltPort !== local.boltPort ||
    state.httpPort !== local.httpPort
  ) {
    return null;
  }
  // It may still be starting.
  const until = Date.now() + local.startTimeoutMs;
  while (!(await portOpen(local.boltPort))) {
    if (!alive(state.pid) || Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { pid: state.pid, owner: state.owner };
}

/** A port taken by something that is not a Neo4j of ours: it is neither used nor stopped. */
async function refuseTakenPorts(local: LocalNeo4jConfig, why: string): Promise<void> {
  for (const [name, port] of [
    ['NEO4J_BOLT_PORT', local.boltPort],
    ['NEO4J_HTTP_PORT', local.httpPort],
  ] as const) {
    if (await portOpen(port)) {
      throw new LocalNeo4jError(
        `Port ${port} on 127.0.0.1 (${name}) is taken, and not by a Neo4j that mediagraph ` +
          `started in ${local.home} (${why}). mediagraph neither uses nor stops a server it did ` +
          `not start. Stop what listens on port ${port}, or set ${name} to a free port; to use ` +
          `a Neo4j that listens there, set NEO4J_URI=bolt://127.0.0.1:${local.boltPort} and its ` +
          'NEO4J_PASSWORD.',
      );
    }
  }
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return '(no such file)';
  const text = readFileSync(file, 'utf8').trimEnd();
  return text === '' ? '(empty)' : text.split('\n').slice(-lines).join('\n');
}

/** Where Neo4j wrote what went wrong, and the end of it. */
function logTails(local: LocalNeo4jConfig): string {
  const logs = localDirs(local).logs;
  const neo4jLog = path.join(logs, 'neo4j.log');
  const consoleLog = path.join(logs, 'console.log');
  return (
    `Its log is ${neo4jLog}; the last lines:\n${tail(neo4jLog, 15)}\n` +
    `The last lines of ${consoleLog} (Java's own output):\n${tail(consoleLog, 10)}`
  );
}

/** What a user needs when Java exits on its own: how, and the end of both logs. */
function exitReport(local: LocalNeo4jConfig, pid: number, how: string): string {
  return `The local Neo4j's Java process (pid ${pid}) ${how}. ${logTails(local)}`;
}

/**
 * Starts the local Neo4j and resolves once Bolt accepts connections. Data lives in
 * `<home>/data` and survives restarts. A Neo4j that an earlier run left behind in the same home
 * is stopped first; one whose mediagraph still runs, or anything else on the ports, is refused.
 */
export async function startLocalNeo4j(
  local: LocalNeo4jConfig,
  projectRoot: string,
  log: (line: string) => void = () => {},
): Promise<RunningNeo4j> {
  const libDir = neo4jLibDir(projectRoot);
  if (!existsSync(path.join(libDir, `neo4j-server-${neo4jVersion(projectRoot)}.jar`))) {
    throw new LocalNeo4jError(
      `The Neo4j jars are missing from ${libDir}. Run 'npm run neo4j:install' (needs Maven), ` +
        'or set NEO4J_URI to an existing Neo4j.',
    );
  }
  const java = javaBinary();
  checkJava(java);

  const dirs = localDirs(local);
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const state = homeState(local);
  if (state.kind === 'in-use') throw inUseError(local, state);
  if (state.kind === 'leftover') await stopLeftover(local, state, log);
  await refuseTakenPorts(
    local,
    state.kind === 'none' ? state.why : `the Neo4j an earlier run left there is stopped`,
  );
  writeFileSync(path.join(dirs.conf, 'neo4j.conf'), renderNeo4jConf(local, libDir));

  const consoleLog = path.join(dirs.logs, 'console.log');
  const out = openSync(consoleLog, 'w');
  const child: ChildProcess = spawn(
    java,
    [
      ...jvmFlags(local),
      '-cp',
      path.join(libDir, '*'),
      NEO4J_ENTRY_POINT,
      `--home-dir=${local.home}`,
      `--config-dir=${dirs.conf}`,
    ],
    { stdio: ['ignore', out, out], cwd: local.home },
  );
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new LocalNeo4jError(`Could not start '${java}'.`);
  writePidFile(local, pid);
  const watchdog = startWatchdog(pid, local.home, path.join(dirs.logs, 'watchdog.log'), log);

  // Written from the exit handler, so kept in an object that the checks below read afresh.
  const life = { exited: false, stopping: false };
  let reportDeath: (e: LocalNeo4jError) => void = () => {};
  const died = new Promise<LocalNeo4jError>((resolve) => (reportDeath = resolve));
  child.once('exit', (code, signal) => {
    life.exited = true;
    void watchdog.release();
    if (life.stopping) return;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    reportDeath(new LocalNeo4jError(exitReport(local, pid, how)));
  });

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      life.stopping = true;
      if (!life.exited) await terminate(pid, STOP_GRACE_MS);
      await watchdog.release();
      removePidFile(local, pid);
    })());

  const until = Date.now() + local.startTimeoutMs;
  while (!(await portOpen(local.boltPort))) {
    if (life.exited) {
      await stop();
      const reason = await died;
      throw new LocalNeo4jError(`The local Neo4j did not start. ${reason.message}`);
    }
    if (Date.now() > until) {
      await stop();
      throw new LocalNeo4jError(
        `The local Neo4j did not start within ${local.startTimeoutMs / 1000} s, and is stopped. ` +
          logTails(local),
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    pid,
    boltUri: `bolt://127.0.0.1:${local.boltPort}`,
    browserUrl: `http://127.0.0.1:${local.httpPort}/browser/`,
    died,
    stop,
  };
}

/** The Neo4j version pinned in neo4j/pom.xml: the single place it is written. */
export function neo4jVersion(projectRoot: string): string {
  const pom = readFileSync(path.join(projectRoot, 'neo4j', 'pom.xml'), 'utf8');
  const m = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(pom);
  if (!m?.[1]) throw new LocalNeo4jError('neo4j/pom.xml names no <neo4j.version>.');
  return m[1];
}
