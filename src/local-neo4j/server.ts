// Runs the real Neo4j 5.26 Community server from the Maven jars as a child process, so that
// `npm start` and `npm test` need nothing but Java 17 and the jars.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  closeSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { LocalNeo4jConfig } from '../config';
import { jvmFlags, localDirs, neo4jLibDir, renderNeo4jConf } from './conf';

export class LocalNeo4jError extends Error {}

export interface RunningNeo4j {
  pid: number;
  boltUri: string;
  browserUrl: string;
  /** Stops the server and waits until the Java process has exited. */
  stop(): Promise<void>;
}

const ENTRY_POINT = 'org.neo4j.server.CommunityEntryPoint';

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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A Neo4j of ours left running by an earlier run that died without stopping it. */
function strayPid(pidFile: string): number | null {
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(ENTRY_POINT) ? pid : null;
  } catch {
    return null;
  }
}

function pidFileOf(local: LocalNeo4jConfig): string {
  return path.join(localDirs(local).run, 'mediagraph-neo4j.pid');
}

/**
 * Stops the Neo4j that an earlier run left running in `local.home`, if any. Also for callers
 * that must do so before touching its data folder (wiping it, say).
 */
export async function stopStrayNeo4j(
  local: LocalNeo4jConfig,
  log: (line: string) => void = () => {},
): Promise<void> {
  const stray = strayPid(pidFileOf(local));
  if (stray === null) return;
  log(`Stopping a Neo4j left running by an earlier run (pid ${stray}).`);
  await terminate(stray);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

async function terminate(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (!(await waitForExit(pid, 60_000))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/**
 * Starts the local Neo4j and resolves once Bolt accepts connections. Data lives in
 * `<home>/data` and survives restarts.
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
  const pidFile = pidFileOf(local);
  await stopStrayNeo4j(local, log);
  for (const port of [local.boltPort, local.httpPort]) {
    if (await portOpen(port)) {
      throw new LocalNeo4jError(
        `Port ${port} on 127.0.0.1 is already taken, so the local Neo4j cannot use it. ` +
          'Stop what listens there, set NEO4J_BOLT_PORT / NEO4J_HTTP_PORT, or set NEO4J_URI to use that server.',
      );
    }
  }
  writeFileSync(path.join(dirs.conf, 'neo4j.conf'), renderNeo4jConf(local, libDir));

  const consoleLog = path.join(dirs.logs, 'console.log');
  const out = openSync(consoleLog, 'w');
  const child: ChildProcess = spawn(
    java,
    [
      ...jvmFlags(local),
      '-cp',
      path.join(libDir, '*'),
      ENTRY_POINT,
      `--home-dir=${local.home}`,
      `--config-dir=${dirs.conf}`,
    ],
    { stdio: ['ignore', out, out], cwd: local.home },
  );
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new LocalNeo4jError(`Could not start '${java}'.`);
  writeFileSync(pidFile, String(pid));
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const stop = async (): Promise<void> => {
    if (!exited) await terminate(pid);
    rmSync(pidFile, { force: true });
  };

  const until = Date.now() + local.startTimeoutMs;
  while (!(await portOpen(local.boltPort))) {
    if (exited || Date.now() > until) {
      await stop();
      throw new LocalNeo4jError(
        `The local Neo4j did not start ${exited ? '(the Java process exited)' : `within ${local.startTimeoutMs / 1000} s`}. ` +
          `Last lines of ${path.join(dirs.logs, 'neo4j.log')}:\n${tail(path.join(dirs.logs, 'neo4j.log'), 15)}\n` +
          `${tail(consoleLog, 15)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    pid,
    boltUri: `bolt://127.0.0.1:${local.boltPort}`,
    browserUrl: `http://127.0.0.1:${local.httpPort}/browser/`,
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
