// Global ids: `Type:key`, e.g. `Actor:twitter`, so `node(id)` knows where to look and ids of
// different types never collide. The key is the stable id the loader MERGEs on.
import { badInput } from './errors';

export const NODE_TYPES = ['Article', 'Actor', 'Event', 'Quote', 'Claim'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export function toGlobalId(type: NodeType, key: string): string {
  return `${type}:${key}`;
}

export function parseGlobalId(id: string, argument = 'id'): { type: NodeType; key: string } {
  const colon = id.indexOf(':');
  const type = id.slice(0, colon) as NodeType;
  const key = id.slice(colon + 1);
  if (colon < 1 || !NODE_TYPES.includes(type) || key.length === 0) {
    throw badInput(
      `'${id}' is not a mediagraph id (Type:key, with Type one of ${NODE_TYPES.join(', ')})`,
      argument,
    );
  }
  return { type, key };
}

/** The key of a global id that must be of one type; null when it is of another type. */
export function keyOf(id: string, type: NodeType, argument = 'id'): string | null {
  const parsed = parseGlobalId(id, argument);
  return parsed.type === type ? parsed.key : null;
}

/** Like keyOf, for filters, where an id of the wrong type is a mistake worth saying. */
export function requireKey(id: string, type: NodeType, argument: string): string {
  const key = keyOf(id, type, argument);
  if (key === null) throw badInput(`'${id}' is not an ${type} id`, argument);
  return key;
}
