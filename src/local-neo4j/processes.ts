// What can be known about another process from its pid, to tell our own Neo4j from whatever
// else may have the same pid or port. Linux answers from /proc, exactly; elsewhere `ps` is
// asked, which joins the arguments with spaces: a path with a space then matches nothing, so a
// doubtful process is treated as not ours, never stopped.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it exists, but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A process that has exited but not been reaped (its parent died, and whoever inherited it
  // does not reap, as in some containers) still answers signals: it holds no port and no file.
  return procStat(pid)?.state !== 'Z';
}

/** The fields of /proc/<pid>/stat after the command name, which may hold spaces. */
function procStat(pid: number): { state: string; fields: string[] } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', fields };
  } catch {
    return null;
  }
}

function ps(pid: number, field: string): string | null {
  const r = spawnSync('ps', ['-ww', '-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8' });
  const out = r.status === 0 ? r.stdout.trim() : '';
  return out === '' ? null : out;
}

/** The process's arguments, the program first; null when it is gone or cannot be read. */
export function commandLine(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw === '' ? null : raw.replace(/\0$/, '').split('\0');
  } catch {
    const line = ps(pid, 'args');
    return line === null ? null : line.split(' ');
  }
}

/**
 * When the process started, as an opaque token. A pid is reused once its process is gone; the
 * pid and this token together name one process.
 */
export function startToken(pid: number): string | null {
  const stat = procStat(pid);
  // Field 22 of stat, the start time in clock ticks since boot.
  if (stat) return stat.fields[19] ?? null;
  return ps(pid, 'lstart');
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

/** SIGTERM (Neo4j then shuts down in order), and SIGKILL if it is still there after graceMs. */
export async function terminate(pid: number, graceMs: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (!(await waitForExit(pid, graceMs))) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      return;
    }
    await waitForExit(pid, 10_000);
  }
}
