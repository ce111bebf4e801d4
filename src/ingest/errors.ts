/** One thing wrong with one input file: which file, which field, and why. */
export interface InputIssue {
  file: string;
  /** A path into the annotation, e.g. `events[3].evidence[0].text`; empty for the whole file. */
  field: string;
  reason: string;
}

export function formatIssue(i: InputIssue): string {
  return `${i.file}: ${i.field ? `${i.field}: ` : ''}${i.reason}`;
}

/** Input refused before anything was written. */
export class InputError extends Error {
  constructor(readonly issues: InputIssue[]) {
    super(
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in the input; nothing was written:\n` +
        issues.map((i) => `  ${formatIssue(i)}`).join('\n'),
    );
  }
}
