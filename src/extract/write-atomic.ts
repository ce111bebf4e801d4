// Writing a file so that it is either all there or not there: the content goes to a temporary
// file in the same folder, which is then renamed over the target (atomic on one file system). A
// crash or a full disk leaves at most a hidden temporary file, never a half-written target.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The temporary file beside `file`; hidden, so that folder scans pass it by. */
export function temporaryFor(file: string): string {
  const name = `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  return path.join(path.dirname(file), name);
}

export function writeFileAtomic(file: string, content: string): void {
  const tmp = temporaryFor(file);
  try {
    writeFileSync(tmp, content, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
