// Dates and date-times as the API and the annotations write them, checked exactly: a value is
// accepted only when it names a real instant and reads back as the very same text, so nothing
// that Neo4j's date() or datetime() would refuse gets past the checks.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Neo4j (like java.time) refuses zone offsets beyond this. */
const MAX_OFFSET_MINUTES = 18 * 60;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Whether these fields name a real instant: set as a UTC time and read back, they come back the
 * same. An out-of-range field rolls over into the next one (February 30 becomes March 2, hour 24
 * the next day), so reading back tells.
 */
function roundTrips(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  const t = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0 to 99 as they are, not as 1900 to 1999.
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, 0);
  const back =
    `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}` +
    `T${pad(t.getUTCHours(), 2)}:${pad(t.getUTCMinutes(), 2)}:${pad(t.getUTCSeconds(), 2)}`;
  const given = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`;
  return back === given;
}

/** A real calendar day written as YYYY-MM-DD (leap years included), not just that shape. */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  return m !== null && roundTrips(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * An ISO 8601 date-time with seconds and a zone offset (Z or +-HH:MM), as Neo4j writes one:
 * a real day, hours 0-23, minutes and seconds 0-59, at most nine fraction digits, and an
 * offset within +-18:00.
 */
export function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!roundTrips(y, mo, d, h, mi, sec)) return false;
  if (m[8] === undefined) return true;
  const [oh, om] = [Number(m[9]), Number(m[10])];
  return om < 60 && oh * 60 + om <= MAX_OFFSET_MINUTES;
}

/** Month names, January first: the date line reader, the extractor and the generator share them. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Weekday names, Sunday first, as Date.getUTCDay() counts them. */
export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
