// How a load tells its operator about analysts' curation it met: what it kept, what the files now
// contradict, and what --overwrite-curation replaced. One line per fact, naming the file.
import type { CuratedValue } from '../graph/curation-state';
import type { CurationNote, CurationReport } from '../graph/keep-curation';

/** At most this many facts are listed per heading; the count says how many there were. */
const LISTED = 20;

function show(key: string, v: CuratedValue): string {
  if (key.startsWith('participant:') || key.startsWith('link:')) {
    return v === true ? 'present' : 'absent';
  }
  if (Array.isArray(v)) {
    return v.length === 0 ? 'no spans' : `spans ${v.map(([s, e]) => `${s}-${e}`).join(', ')}`;
  }
  return JSON.stringify(v);
}

const fact = (n: CurationNote) => `Event:${n.eventId} ${n.key.split(':').join(' ')}`;

/** What a load's matching did: events joined to existing ones, and pairs left for analysts. */
export function matchReportLines(joined: number, possibleDuplicates: number): string[] {
  const lines: string[] = [];
  if (joined > 0) {
    lines.push(
      `Joined ${joined} extracted event${joined === 1 ? '' : 's'} to events already in the graph (their ids are now aliases).`,
    );
  }
  if (possibleDuplicates > 0) {
    lines.push(
      `Recorded ${possibleDuplicates} possible duplicate${possibleDuplicates === 1 ? '' : 's'} for analysts (query possibleDuplicates).`,
    );
  }
  return lines;
}

export function curationReportLines(
  report: CurationReport,
  files: ReadonlyMap<string, string>,
): string[] {
  const lines: string[] = [];
  const where = (n: CurationNote) => files.get(n.articleId) ?? `article ${n.articleId}`;
  const section = (notes: CurationNote[], heading: string, line: (n: CurationNote) => string) => {
    if (notes.length === 0) return;
    lines.push(heading);
    for (const n of notes.slice(0, LISTED)) lines.push(`  ${where(n)}: ${line(n)}`);
    if (notes.length > LISTED) lines.push(`  ... and ${notes.length - LISTED} more`);
  };
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  section(
    report.kept,
    `Kept ${count(report.kept.length, "analyst's value")} over unchanged annotations:`,
    (n) => `${fact(n)}: kept ${show(n.key, n.analyst)} (the file says ${show(n.key, n.file)})`,
  );
  section(
    report.conflicts,
    `Conflicts: ${count(report.conflicts.length, 'curated value')} changed in the annotations since an analyst decided; the analyst's value was kept (load with --overwrite-curation to take the file's):`,
    (n) =>
      `${fact(n)}: analyst ${show(n.key, n.analyst)}, file now ${show(n.key, n.file)} (was ${show(n.key, n.base)})`,
  );
  section(
    report.overwritten,
    `Overwrote ${count(report.overwritten.length, 'curated value')} with the annotations' (audited as overwriteCuration):`,
    (n) => `${fact(n)}: ${show(n.key, n.analyst)} -> ${show(n.key, n.file)}`,
  );
  return lines;
}
