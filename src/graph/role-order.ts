// The date order of an actor's events, kept on the role relationships themselves so that a page
// of a busy actor's events is an index seek that stops after one page, instead of an expand of all
// of the actor's relationships and a sort (issue 11). Pure and free of the driver: the bulk
// importer writes relationships from JavaScript and must stamp exactly what the graph's writers
// stamp (graph/stamp-roles.ts), so both call roleOrderProperties.
//
// Each (Event)-[:ROLE]->(Actor) carries:
//   actorId    the actor's id: the first part of the range indexes role_order_{asc,desc}_<role>;
//   orderAsc   the event's sort date, unknown as 9999-12-31, then the event's id;
//   orderDesc  the sort date with every digit d as 9 - d (unknown as 0001-01-01 first), then the id;
//   repeatOf   the actor's id when the actor holds an earlier role (PARTICIPANT_ROLES order) in the
//              same event, else absent: it lets the event count subtract such events once
//              (index role_repeat_<role>).
// A date is ten characters wide, so comparing the keys as strings compares (date, id) pairs: in
// orderAsc date ascending then id ascending, in orderDesc date descending then id ascending, which
// is the events page's order in both directions, with unknown dates last in both.
import { PARTICIPANT_ROLES } from '../ontology';

export type SortDirection = 'ASC' | 'DESC';

/** Where events of unknown date sort, in each direction: after all dated ones. */
export const UNKNOWN_SORT_DATE: Record<SortDirection, string> = {
  ASC: '9999-12-31',
  DESC: '0001-01-01',
};

/** The relationship property holding the key of each direction. */
export const ORDER_PROPERTY: Record<SortDirection, 'orderAsc' | 'orderDesc'> = {
  ASC: 'orderAsc',
  DESC: 'orderDesc',
};

export interface RoleOrderProperties {
  actorId: string;
  orderAsc: string;
  orderDesc: string;
  /** null: the property is removed. */
  repeatOf: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 9 - d for every digit: the order of equally wide digit strings reversed. */
function invertDigits(date: string): string {
  return date.replace(/\d/g, (d) => String(9 - Number(d)));
}

/** The sort date of the key in `direction` (YYYY-MM-DD), unknown dates mapped as the page maps them. */
function sortDate(occurredOn: string | null, direction: SortDirection): string {
  const date = occurredOn ?? UNKNOWN_SORT_DATE[direction];
  if (!ISO_DATE.test(date)) throw new Error(`'${date}' is not a YYYY-MM-DD date`);
  return date;
}

/**
 * The key of (date, event id) in `direction`; `date` is the page's sort date (a cursor's date), so
 * keys after a cursor are those greater than orderKey(direction, cursor.date, cursor.id).
 */
export function orderKey(direction: SortDirection, date: string, eventId: string): string {
  const d = sortDate(date, direction);
  return `${direction === 'ASC' ? d : invertDigits(d)}${eventId}`;
}

/**
 * The smallest key of `direction` above every key whose date lies on the given side of `date`
 * (inclusive): bounds of a date range as a key range. Keys start with ten fixed-width characters,
 * so the prefix with its last character raised by one is above all keys of that prefix.
 */
export function dateBound(direction: SortDirection, date: string): string {
  const prefix = orderKey(direction, date, '');
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * The order properties of one role relationship: the actor's id, the event's date (YYYY-MM-DD, or
 * null when unknown) and id, and whether the actor holds an earlier role in that event.
 */
export function roleOrderProperties(
  actorId: string,
  occurredOn: string | null,
  eventId: string,
  repeated = false,
): RoleOrderProperties {
  return {
    actorId,
    orderAsc: orderKey('ASC', occurredOn ?? UNKNOWN_SORT_DATE.ASC, eventId),
    orderDesc: orderKey('DESC', occurredOn ?? UNKNOWN_SORT_DATE.DESC, eventId),
    repeatOf: repeated ? actorId : null,
  };
}

/** Whether `role` repeats the actor: it holds one of `rolesHeld` that comes earlier in the ontology. */
export function isRepeatedRole(role: string, rolesHeld: readonly string[]): boolean {
  const rank = (r: string) => (PARTICIPANT_ROLES as readonly string[]).indexOf(r);
  return rolesHeld.some((r) => rank(r) >= 0 && rank(r) < rank(role));
}

/** The names of the indexes behind the access path, by role. */
export const roleIndexNames = (role: string) => ({
  asc: `role_order_asc_${role.toLowerCase()}`,
  desc: `role_order_desc_${role.toLowerCase()}`,
  repeat: `role_repeat_${role.toLowerCase()}`,
});
