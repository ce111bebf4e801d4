// Schemathesis in a Python virtual environment of the fuzz run's own (var/fuzz-venv), made from
// test/fuzz/requirements.txt, every version pinned. It is made again only when that file changes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

const VENV = path.join(PROJECT_ROOT, 'var', 'fuzz-venv');
const REQUIREMENTS = path.join(PROJECT_ROOT, 'test', 'fuzz', 'requirements.txt');
/** The requirements the environment was made from, to tell when it is out of date. */
const STAMP = path.join(VENV, 'made-from-requirements.txt');

export const SCHEMATHESIS = path.join(VENV, 'bin', 'schemathesis');

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error || r.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed` +
        (r.error ? `: ${r.error.message}` : ` (exit ${r.status}):\n${r.stdout}${r.stderr}`),
    );
  }
}

/** Makes the environment when it is missing or out of date; returns Schemathesis' version. */
export function ensureVenv(log: (line: string) => void): string {
  const wanted = readFileSync(REQUIREMENTS, 'utf8');
  if (!existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== wanted || !existsSync(SCHEMATHESIS)) {
    const python = process.env.PYTHON ?? 'python3';
    log(
      `Making ${path.relative(PROJECT_ROOT, VENV)} with ${python} (pip, from test/fuzz/requirements.txt) ...`,
    );
    rmSync(VENV, { recursive: true, force: true });
    // On Debian, `python3 -m venv` needs the python3-venv package (.ci/run installs it).
    run(python, ['-m', 'venv', VENV]);
    const pip = path.join(VENV, 'bin', 'pip');
    run(pip, ['install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS]);
    writeFileSync(STAMP, wanted);
  }
  const version = spawnSync(SCHEMATHESIS, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) throw new Error(`${SCHEMATHESIS} --version failed:\n${version.stderr}`);
  return version.stdout.trim();
}
