// Every string the API is given must be text: a lone surrogate (half of a UTF-16 surrogate pair)
// is no character, and Neo4j, which keeps UTF-8, would store U+FFFD in its place. One plugin
// refuses it wherever it comes, so every argument is covered, those to come included: in a
// variable (JSON's "\ud800" escape survives JSON.parse), nested at any depth (the JSON scalar),
// or in a string literal of the document (which graphql-js refuses as a syntax error that names
// no argument).
import {
  GraphQLError,
  Kind,
  type ArgumentNode,
  type DocumentNode,
  type ParseOptions,
  type Source,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { fieldPathOf, findLoneSurrogates, LONE_SURROGATE_REASON } from '../ingest/text';
import { badInput } from './errors';

/** The refusal of a string with a lone surrogate (at `at`, when known), or of an object's key. */
function refusal(argument: string, at: number | null, key?: string): GraphQLError {
  const where = key === undefined ? argument : `a key of ${argument || 'the variables'}`;
  return badInput(
    `${where} has a lone surrogate${at === null ? '' : ` at offset ${at}`}: ${LONE_SURROGATE_REASON}`,
    argument,
  );
}

/** Calls `visit` on each argument value of the document with its argument's name. */
function eachArgumentValue(
  doc: DocumentNode,
  visit: (value: ValueNode, argument: string) => void,
): void {
  const args = (list: readonly ArgumentNode[] | undefined) =>
    list?.forEach((a) => visit(a.value, a.name.value));
  const selections = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      args(s.directives?.flatMap((d) => d.arguments ?? []));
      if (s.kind === Kind.FIELD) args(s.arguments);
      if (s.kind !== Kind.FRAGMENT_SPREAD) selections(s.selectionSet);
    }
  };
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION) continue;
    args(d.directives?.flatMap((x) => x.arguments ?? []));
    if (d.kind === Kind.OPERATION_DEFINITION) {
      d.variableDefinitions?.forEach((v) => {
        if (v.defaultValue) visit(v.defaultValue, `$${v.variable.name.value}`);
      });
    }
    selections(d.selectionSet);
  }
}

/** Calls `visit` on each value inside `value` with its field path from `path`. */
function eachValue(
  value: ValueNode,
  path: string,
  visit: (value: ValueNode, path: string) => void,
): void {
  visit(value, path);
  if (value.kind === Kind.LIST)
    value.values.forEach((v, i) => eachValue(v, `${path}[${i}]`, visit));
  if (value.kind === Kind.OBJECT) {
    value.fields.forEach((f) => eachValue(f.value, `${path}.${f.name.value}`, visit));
  }
}

/** The argument path where each variable is first used: `$input` -> `input`, `$v` -> `filter.nameContains`. */
function variableUses(doc: DocumentNode): Map<string, string> {
  const uses = new Map<string, string>();
  eachArgumentValue(doc, (top, argument) =>
    eachValue(top, argument, (v, path) => {
      if (v.kind === Kind.VARIABLE && !uses.has(v.name.value)) uses.set(v.name.value, path);
    }),
  );
  return uses;
}

/** \\uD800 to \\uDFFF, or the same with braces (\\u{D800}): a surrogate as an escape. */
const SURROGATE_ESCAPE = /^\\u(?:[dD][89a-fA-F][0-9a-fA-F]{2}|\{0*[dD][89a-fA-F][0-9a-fA-F]{2}\})/;

/**
 * The document with the lone surrogate that the parser stopped at replaced by harmless text of
 * the same length (so every position stays where it was); null when the error was another one.
 */
function masked(source: string, position: number): string | null {
  const escape = SURROGATE_ESCAPE.exec(source.slice(position, position + 16));
  if (escape) {
    // \u0000, or \u{0000} with as many digits: a valid escape of the same length.
    const harmless = escape[0].replace(/[0-9a-fA-F]/g, (d, i: number) => (i < 2 ? d : '0'));
    return source.slice(0, position) + harmless + source.slice(position + escape[0].length);
  }
  const unit = source.charCodeAt(position);
  if (unit >= 0xd800 && unit <= 0xdfff) {
    return `${source.slice(0, position)}x${source.slice(position + 1)}`;
  }
  return null;
}

/** The argument path of the string literal that holds `position`, if one does. */
function literalAt(doc: DocumentNode, position: number): string | null {
  let found: string | null = null;
  eachArgumentValue(doc, (top, argument) =>
    eachValue(top, argument, (v, path) => {
      if (v.kind === Kind.STRING && v.loc && v.loc.start <= position && position < v.loc.end) {
        found ??= path;
      }
    }),
  );
  return found;
}

/** Lone surrogates the parser may stop at in one document; more are not worth looking for. */
const MAX_MASKED = 100;

type Parse = (source: string) => DocumentNode;

/**
 * When a parse fails on a lone surrogate in a string literal, the refusal that names its
 * argument; null when it failed for another reason. `parseAgain` keeps the parser's limits.
 */
function literalRefusal(source: string, error: unknown, parseAgain: Parse): GraphQLError | null {
  const invalid = (e: unknown) =>
    e instanceof GraphQLError && /^Syntax Error: Invalid /.test(e.message);
  const first = invalid(error) ? (error as GraphQLError).positions?.[0] : undefined;
  if (first === undefined) return null;
  let text = masked(source, first);
  for (let i = 0; text !== null && i < MAX_MASKED; i++) {
    try {
      const argument = literalAt(parseAgain(text), first);
      return argument === null ? null : refusal(argument, null);
    } catch (e) {
      const next = invalid(e) ? (e as GraphQLError).positions?.[0] : undefined;
      text = next === undefined ? null : masked(text, next);
    }
  }
  return null;
}

export function useWellFormedText(): Plugin {
  return {
    onParse({ parseFn, setParseFn }) {
      const parseWith: (source: string | Source, options?: ParseOptions) => DocumentNode = parseFn;
      setParseFn((source: string | Source, options?: ParseOptions) => {
        try {
          return parseWith(source, options);
        } catch (e) {
          const body = typeof source === 'string' ? source : source.body;
          throw literalRefusal(body, e, (text) => parseWith(text, options)) ?? e;
        }
      });
    },
    onExecute({ args, setResultAndStopExecution }) {
      const variables: unknown = args.variableValues ?? {};
      const [hit] = findLoneSurrogates(variables, 1);
      if (!hit) return;
      const [name, ...rest] = hit.path;
      const uses = variableUses(args.document as DocumentNode);
      const base = name === undefined ? '' : (uses.get(String(name)) ?? `$${name}`);
      const argument = fieldPathOf(base, rest);
      setResultAndStopExecution({ errors: [refusal(argument, hit.at, hit.key)] });
    },
  };
}
