// Dates: the date line ("MOSCOW, October 27."), its year from the input or from context, and
// the dates events are given in the text ("on Thursday", "earlier this month", "last year").
import type { DatePrecision } from '../generated/graphql';
import { isCalendarDate, MONTH_NAMES, WEEKDAY_NAMES } from '../calendar';

const MONTHS = MONTH_NAMES.map((m) => m.toLowerCase());
const SHORT = MONTHS.map((m) => m.slice(0, 3));
const DAYS = WEEKDAY_NAMES.map((d) => d.toLowerCase());

export interface Dateline {
  text: string;
  start: number;
  end: number;
  month?: number;
  day?: number;
  year?: number;
}

export function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w);
  if (full >= 0) return full;
  return SHORT.indexOf(w.slice(0, 3)) >= 0 && (w.length === 3 || w === 'sept')
    ? SHORT.indexOf(w.slice(0, 3))
    : -1;
}

/** "MOSCOW, October 27." or "RIGA, 3 March 2021 -" at the start of the text. */
export function findDateline(text: string): Dateline | null {
  // The date line opens the article or follows a headline line.
  const m =
    /(?:^|\n)[ \t]*([A-Z][A-Za-z .'-]{1,40}?),\s+(?:([A-Z][a-z]+\.?)\s+(\d{1,2})|(\d{1,2})\s+([A-Z][a-z]+\.?))(?:,?\s+(\d{4}))?/.exec(
      text.slice(0, 1000),
    );
  if (!m) return null;
  const monthWord = m[2] ?? m[5] ?? '';
  const lead = m[0].length - m[0].replace(/^\n?[ \t]*/, '').length;
  const month = monthIndex(monthWord);
  if (month < 0) return null;
  const day = Number(m[3] ?? m[4]);
  const start = m.index + lead;
  return {
    text: m[0].slice(lead).trim(),
    start,
    end: m.index + m[0].length,
    month,
    day,
    ...(m[6] ? { year: Number(m[6]) } : {}),
  };
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The year the text speaks of most recently: "the 2016 election", "in 2017". */
export function contextYear(text: string): number | null {
  const years = [...text.matchAll(/\b(19[5-9]\d|20\d\d)\b/g)].map((m) => Number(m[1]));
  return years.length ? Math.max(...years) : null;
}

export interface PublishedDate {
  date: string;
  /** Why, when any part of it comes from outside the text or from inference. */
  note?: string;
}

export function publicationDate(
  text: string,
  dateline: Dateline | null,
  given?: string,
): PublishedDate {
  if (given && isCalendarDate(given))
    return { date: given, note: 'Given with the article, not read from its text.' };
  const today = new Date();
  if (dateline?.month !== undefined && dateline.day !== undefined) {
    if (dateline.year) {
      const d = iso(dateline.year, dateline.month, dateline.day);
      if (isCalendarDate(d)) return { date: d };
    }
    const y = contextYear(text);
    const year = y ?? today.getUTCFullYear();
    const d = iso(year, dateline.month, dateline.day);
    if (isCalendarDate(d)) {
      return {
        date: d,
        note: y
          ? `The date line has no year; ${year} is the latest year the text mentions.`
          : `The date line has no year and the text names none; ${year} is the year of extraction.`,
      };
    }
  }
  const d = today.toISOString().slice(0, 10);
  return {
    date: d,
    note: 'The text has no date line; the date of extraction stands in for the publication date.',
  };
}

export interface EventDate {
  occurredOn?: string;
  precision: DatePrecision;
  note?: string;
  span?: [number, number];
}

function shift(dateIso: string, days: number): string {
  const d = new Date(`${dateIso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The date a sentence gives its event, relative to the publication date. */
export function sentenceDate(sentence: string, offset: number, published: string): EventDate {
  const pub = new Date(`${published}T00:00:00Z`);
  const py = pub.getUTCFullYear();
  const pm = pub.getUTCMonth();
  const span = (m: RegExpExecArray): [number, number] => [
    offset + m.index,
    offset + m.index + m[0].length,
  ];
  let m = /\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/.exec(sentence);
  if (m) {
    const want = DAYS.indexOf((m[1] ?? '').toLowerCase());
    let back = (pub.getUTCDay() - want + 7) % 7;
    if (back === 0) back = 0;
    return {
      occurredOn: shift(published, -back),
      precision: 'DAY',
      note: `"${m[0]}": the ${m[1]} on or before the publication date ${published}.`,
      span: span(m),
    };
  }
  m = /\b(?:on )?(?:(\d{1,2}) ([A-Z][a-z]+)|([A-Z][a-z]+) (\d{1,2}))(?:,? (\d{4}))?\b/.exec(
    sentence,
  );
  if (m) {
    const month = monthIndex(m[2] ?? m[3] ?? '');
    const day = Number(m[1] ?? m[4]);
    if (month >= 0 && day >= 1 && day <= 31) {
      let year = m[5] ? Number(m[5]) : py;
      if (!m[5] && (month > pm || (month === pm && day > pub.getUTCDate()))) year -= 1;
      const d = iso(year, month, day);
      if (isCalendarDate(d))
        return {
          occurredOn: d,
          precision: 'DAY',
          ...(m[5]
            ? {}
            : { note: `"${m[0].trim()}" has no year; ${year} from the publication date.` }),
          span: span(m),
        };
    }
  }
  m = /\byesterday\b/i.exec(sentence);
  if (m)
    return {
      occurredOn: shift(published, -1),
      precision: 'DAY',
      note: `"yesterday": the day before ${published}.`,
      span: span(m),
    };
  m = /\b(?:earlier|later) this month\b|\bthis month\b/i.exec(sentence);
  if (m)
    return {
      occurredOn: iso(py, pm, 1),
      precision: 'MONTH',
      note: `"${m[0]}": the month of the publication date.`,
      span: span(m),
    };
  m = /\blast month\b/i.exec(sentence);
  if (m) {
    const y = pm === 0 ? py - 1 : py;
    return {
      occurredOn: iso(y, (pm + 11) % 12, 1),
      precision: 'MONTH',
      note: `"last month": the month before ${published}.`,
      span: span(m),
    };
  }
  m =
    /\bin (January|February|March|April|May|June|July|August|September|October|November|December)(?: (\d{4}))?\b/.exec(
      sentence,
    );
  if (m) {
    const month = monthIndex(m[1] ?? '');
    let year = m[2] ? Number(m[2]) : py;
    if (!m[2] && month > pm) year -= 1;
    return {
      occurredOn: iso(year, month, 1),
      precision: 'MONTH',
      ...(m[2] ? {} : { note: `"${m[0]}" has no year; ${year} from the publication date.` }),
      span: span(m),
    };
  }
  m = /\blast year\b/i.exec(sentence);
  if (m)
    return {
      occurredOn: iso(py - 1, 0, 1),
      precision: 'YEAR',
      note: `"last year": the year before ${published}.`,
      span: span(m),
    };
  m = /\b(?:in|since|during) (19[5-9]\d|20\d\d)\b/.exec(sentence);
  if (m) return { occurredOn: iso(Number(m[1]), 0, 1), precision: 'YEAR', span: span(m) };
  return { precision: 'UNKNOWN' };
}
