// The pid file under NEO4J_HOME names the local Neo4j's Java process and the mediagraph process
// that started it (its owner). From it a start tells three cases apart: a Neo4j whose owner
// still runs (use it, leave it to its owner), one whose owner died without stopping it (a
// leftover: stop it), and none. Whatever listens on the ports in the last case is not ours.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { LocalNeo4jConfig } from '../config';
import { localDirs, NEO4J_ENTRY_POINT } from './conf';
import { alive, commandLine, startToken } from './processes';

const record = z.object({
  pid: z.number().int().positive(),
  owner: z.number().int().positive(),
  ownerStarted: z.string().nullable(),
  boltPort: z.number().int(),
  httpPort: z.number().int(),
});
type PidRecord = z.infer<typeof record>;

export type HomeState =
  | { kind: 'none'; why: string }
  | { kind: 'leftover'; pid: number; owner: number | null }
  | { kind: 'in-use'; pid: number; owner: number; boltPort: number; httpPort: number };

export function pidFileOf(local: LocalNeo4jConfig): string {
  return path.join(localDirs(local).run, 'mediagraph-neo4j.pid');
}

/** Records `pid` as the Neo4j of `local`, owned by this process. */
export function writePidFile(local: LocalNeo4jConfig, pid: number): void {
  const entry: PidRecord = {
    pid,
    owner: process.pid,
    ownerStarted: startToken(process.pid),
    boltPort: local.boltPort,
    httpPort: local.httpPort,
  };
  writeFileSync(pidFileOf(local), JSON.stringify(entry) + '\n');
}

/** Removes the pid file if it still names `pid`: a later start may have written its own. */
export function removePidFile(local: LocalNeo4jConfig, pid: number): void {
  const file = pidFileOf(local);
  if (readRecord(file)?.pid === pid) rmSync(file, { force: true });
}

/**
 * Whether `pid` is a Neo4j run from our jars on this home. The home must be a whole argument:
 * var/neo4j is not var/neo4j-test.
 */
export function isOurNeo4j(pid: number, home: string): boolean {
  if (!alive(pid)) return false;
  const args = commandLine(pid) ?? [];
  return args.includes(NEO4J_ENTRY_POINT) && args.includes(`--home-dir=${home}`);
}

function readRecord(file: string): PidRecord | { pid: number; owner: null } | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
  // Earlier versions wrote the Java pid alone, and no owner.
  if (/^\d+$/.test(text)) return { pid: Number(text), owner: null };
  try {
    const parsed = record.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function ownerAlive(entry: PidRecord): boolean {
  if (!alive(entry.owner)) return false;
  // Its pid may have passed to another process since; the start time tells.
  return entry.ownerStarted === null || startToken(entry.owner) === entry.ownerStarted;
}

export function homeState(local: LocalNeo4jConfig): HomeState {
  const file = pidFileOf(local);
  const entry = readRecord(file);
  if (entry === null) return { kind: 'none', why: `no readable pid file ${file}` };
  if (!isOurNeo4j(entry.pid, local.home)) {
    return {
      kind: 'none',
      why: `${file} names pid ${entry.pid}, which is ${alive(entry.pid) ? 'not a Neo4j of this home' : 'gone'}`,
    };
  }
  if (entry.owner === null || !ownerAlive(entry)) {
    return { kind: 'leftover', pid: entry.pid, owner: entry.owner };
  }
  return {
    kind: 'in-use',
    pid: entry.pid,
    owner: entry.owner,
    boltPort: entry.boltPort,
    httpPort: entry.httpPort,
  };
}
