// Article text built by appending, so that every span is recorded at the moment its text is
// written: offsets are JavaScript string indices, end exclusive, and span.text is always
// text.slice(start, end).
import type { Span } from '../generated/annotation';
import { MONTH_NAMES } from '../calendar';

export class TextBuilder {
  text = '';

  get pos(): number {
    return this.text.length;
  }

  add(s: string): void {
    this.text += s;
  }

  /** Appends s and returns its span. */
  span(s: string): Span {
    const start = this.text.length;
    this.text += s;
    return { start, end: this.text.length, text: s };
  }

  /** The span from start to the current end of the text. */
  from(start: number): Span {
    return { start, end: this.text.length, text: this.text.slice(start) };
  }
}

const MONTHS = MONTH_NAMES;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 to a calendar date (proleptic Gregorian, H. Hinnant's algorithm). */
export function civil(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** A calendar date to days since 1970-01-01. */
export function daysOf(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / 86400000);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function iso(d: CivilDate): string {
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
}

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? 'January';
}

/** "March 10", or "March 10, 2018" when the year is not the reference year. */
export function dayPhrase(d: CivilDate, refYear: number): string {
  const s = `${monthName(d.month)} ${d.day}`;
  return d.year === refYear ? s : `${s}, ${d.year}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
