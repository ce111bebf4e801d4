// The pid file and the watchdog of the local Neo4j, with real processes standing in for Java. A
// process is taken for our Neo4j by its arguments, so a sleeping node that carries them is one.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalNeo4jConfig } from '../../src/config';
import { NEO4J_ENTRY_POINT } from '../../src/local-neo4j/conf';
import {
  homeState,
  isOurNeo4j,
  pidFileOf,
  removePidFile,
  writePidFile,
} from '../../src/local-neo4j/pid-file';
import { alive, startToken } from '../../src/local-neo4j/processes';
import { startWatchdog } from '../../src/local-neo4j/watchdog';

const WATCHDOG = path.join(__dirname, '..', '..', 'src', 'local-neo4j', 'watchdog.ts');

let root: string;
let local: LocalNeo4jConfig;
const started: ChildProcess[] = [];

function sleeper(...args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '--', ...args], {
    stdio: 'ignore',
  });
  started.push(child);
  return child;
}

const fakeNeo4j = (home: string) => sleeper(NEO4J_ENTRY_POINT, `--home-dir=${home}`);

function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.signalCode ?? child.exitCode);
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
}

/** A pid that no process has any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await exited(child);
  return child.pid!;
}

/** The processes that carry the home as an argument of its own: the watchdogs, here. */
function watchdogs(): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0').includes(local.home);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 100));
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mediagraph-lifecycle-'));
  local = {
    home: path.join(root, 'neo4j'),
    boltPort: 29611,
    httpPort: 29612,
    heap: '512m',
    pagecache: '128m',
    startTimeoutMs: 10_000,
  };
  mkdirSync(path.join(local.home, 'run'), { recursive: true });
});

afterEach(async () => {
  for (const child of started.splice(0)) {
    child.kill('SIGKILL');
    await exited(child);
  }
  rmSync(root, { recursive: true, force: true });
});

describe('isOurNeo4j', () => {
  test('is our entry point on this very home, and nothing else', async () => {
    const ours = fakeNeo4j(local.home);
    const testHome = fakeNeo4j(`${local.home}-test`);
    await until(() => isOurNeo4j(ours.pid!, local.home));
    expect(isOurNeo4j(ours.pid!, local.home)).toBe(true);
    // A whole argument: var/neo4j is not var/neo4j-test.
    expect(isOurNeo4j(testHome.pid!, local.home)).toBe(false);
    expect(isOurNeo4j(process.pid, local.home)).toBe(false);
    expect(isOurNeo4j(await deadPid(), local.home)).toBe(false);
  });
});

describe('homeState', () => {
  test('none without a pid file', () => {
    expect(homeState(local)).toEqual({
      kind: 'none',
      why: `no readable pid file ${pidFileOf(local)}`,
    });
  });

  test('none when the pid file names a live process that is not our Neo4j, or a gone one', async () => {
    writeFileSync(pidFileOf(local), String(process.pid));
    expect(homeState(local)).toMatchObject({
      kind: 'none',
      why: expect.stringContaining(`names pid ${process.pid}, which is not a Neo4j of this home`),
    });
    const gone = await deadPid();
    writeFileSync(pidFileOf(local), String(gone));
    expect(homeState(local)).toMatchObject({
      kind: 'none',
      why: expect.stringContaining(`names pid ${gone}, which is gone`),
    });
  });

  test('in use while the process that started it lives, with its ports', async () => {
    const neo4j = fakeNeo4j(local.home);
    await until(() => isOurNeo4j(neo4j.pid!, local.home));
    writePidFile(local, neo4j.pid!);
    expect(homeState(local)).toEqual({
      kind: 'in-use',
      pid: neo4j.pid,
      owner: process.pid,
      boltPort: 29611,
      httpPort: 29612,
    });
  });

  test('a leftover once its owner is gone, or its pid belongs to a later process', async () => {
    const neo4j = fakeNeo4j(local.home);
    await until(() => isOurNeo4j(neo4j.pid!, local.home));
    const entry = {
      pid: neo4j.pid,
      owner: await deadPid(),
      ownerStarted: '1',
      boltPort: 29611,
      httpPort: 29612,
    };
    writeFileSync(pidFileOf(local), JSON.stringify(entry));
    expect(homeState(local)).toEqual({ kind: 'leftover', pid: neo4j.pid, owner: entry.owner });
    // A live owner pid, but not the process that wrote the file: it started at another time.
    expect(startToken(process.pid)).not.toBe('1');
    writeFileSync(pidFileOf(local), JSON.stringify({ ...entry, owner: process.pid }));
    expect(homeState(local)).toEqual({ kind: 'leftover', pid: neo4j.pid, owner: process.pid });
    // What earlier versions wrote: the Java pid alone.
    writeFileSync(pidFileOf(local), String(neo4j.pid));
    expect(homeState(local)).toEqual({ kind: 'leftover', pid: neo4j.pid, owner: null });
  });

  test('removePidFile leaves a pid file that names another process', () => {
    writePidFile(local, 12345);
    removePidFile(local, 54321);
    expect(existsSync(pidFileOf(local))).toBe(true);
    removePidFile(local, 12345);
    expect(existsSync(pidFileOf(local))).toBe(false);
  });
});

describe('the watchdog', () => {
  /** A process that starts the watchdog of `javaPid`, as mediagraph does, then idles. */
  function parentOf(javaPid: number): Promise<ChildProcess> {
    const script =
      `require(${JSON.stringify(WATCHDOG)}).startWatchdog(${javaPid}, ${JSON.stringify(local.home)}, ` +
      `${JSON.stringify(path.join(root, 'watchdog.log'))}, console.log); console.log('watching'); ` +
      'setInterval(() => {}, 1000)';
    const parent = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script]);
    started.push(parent);
    return new Promise((resolve, reject) => {
      parent.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('watching')) resolve(parent);
      });
      parent.once('exit', (code) => reject(new Error(`the parent exited with ${code}`)));
    });
  }

  test('stops our Neo4j when the process that started it is SIGKILLed', async () => {
    const neo4j = fakeNeo4j(local.home);
    const parent = await parentOf(neo4j.pid!);
    parent.kill('SIGKILL');
    expect(await exited(neo4j)).toBe('SIGTERM');
    await until(() => watchdogs().length === 0);
    expect(readFileSync(path.join(root, 'watchdog.log'), 'utf8')).toContain(
      `is gone: stopping its Neo4j (pid ${neo4j.pid})`,
    );
  });

  test('leaves alone a process that is not our Neo4j', async () => {
    const other = sleeper('not-neo4j');
    const parent = await parentOf(other.pid!);
    parent.kill('SIGKILL');
    await exited(parent);
    await until(() => watchdogs().length === 0);
    expect(alive(other.pid!)).toBe(true);
  });

  test('leaves, once released, after its Neo4j has exited by itself', async () => {
    const neo4j = fakeNeo4j(local.home);
    const watchdog = startWatchdog(
      neo4j.pid!,
      local.home,
      path.join(root, 'watchdog.log'),
      () => {},
    );
    await until(() => watchdogs().length === 1);
    neo4j.kill('SIGKILL');
    await exited(neo4j);
    await watchdog.release();
    expect(watchdogs()).toEqual([]);
  });
});
