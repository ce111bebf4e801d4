// Peeks at what a query selects below a field, so a resolver can start the reads its children
// will need at the same time as its own, instead of one round trip later.
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The Event fields served from one event-details read (see graph/reads/event-details.ts). */
const EVENT_DETAIL_FIELDS = new Set([
  'participants',
  'links',
  'respondsTo',
  'responses',
  'justifiedBy',
  'justifies',
  'quotes',
  'evidence',
]);

function selects(
  set: SelectionSetNode | undefined,
  names: ReadonlySet<string>,
  info: GraphQLResolveInfo,
  seen: Set<string>,
): boolean {
  if (!set) return false;
  return set.selections.some((s) => {
    if (s.kind === Kind.FIELD) return names.has(s.name.value);
    if (s.kind === Kind.INLINE_FRAGMENT) return selects(s.selectionSet, names, info, seen);
    const name = s.name.value;
    if (seen.has(name)) return false;
    seen.add(name);
    return selects(info.fragments[name]?.selectionSet, names, info, seen);
  });
}

/** Whether the field being resolved selects any of the event's detail fields. */
export function selectsEventDetails(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((f) => selects(f.selectionSet, EVENT_DETAIL_FIELDS, info, new Set()));
}
