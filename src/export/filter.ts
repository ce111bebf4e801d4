// The export's filter: JSON of GraphQL's EventFilter input, checked by graphql's own input
// coercion against the schema (so the enums, the Date scalar and unknown fields are refused as
// the API refuses them), then by the same checks as Query.events.
import {
  coerceInputValue,
  GraphQLError,
  isInputObjectType,
  type GraphQLInputObjectType,
} from 'graphql';
import { buildSchema } from '../api/schema';
import { toFilterInput } from '../api/event-connections';
import type { EventFilterInput } from '../graph/reads/events-page';

/** Bad export input: `source` says where it came from (an option, a query parameter). */
export class ExportInputError extends Error {
  constructor(
    readonly source: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${source}: ${field}: ${reason}`);
  }
}

let filterType: GraphQLInputObjectType | null = null;

function eventFilterType(): GraphQLInputObjectType {
  if (!filterType) {
    const type = buildSchema().getType('EventFilter');
    if (!isInputObjectType(type)) throw new Error('the schema has no input EventFilter');
    filterType = type;
  }
  return filterType;
}

/** The filter of `json` (null or blank: every event), or an ExportInputError naming the field. */
export function parseExportFilter(
  json: string | null | undefined,
  source: string,
): EventFilterInput {
  if (json === null || json === undefined || json.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new ExportInputError(source, 'filter', `is not JSON (${(e as Error).message})`);
  }
  const coerced: unknown = coerceInputValue(value, eventFilterType(), (path, _invalid, error) => {
    const field = ['filter', ...path].join('.').replace(/\.(\d+)/g, '[$1]');
    // graphql says "Expected type ..." with the whole value first; the field is named already.
    throw new ExportInputError(source, field, error.message);
  });
  try {
    return toFilterInput(coerced as Parameters<typeof toFilterInput>[0], 'all');
  } catch (e) {
    if (e instanceof GraphQLError) {
      const field = typeof e.extensions.argument === 'string' ? e.extensions.argument : 'filter';
      throw new ExportInputError(source, field, e.message.replace(/^filter\.\w+ /, ''));
    }
    throw e;
  }
}
