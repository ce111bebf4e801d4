// One article's text through the API: the extractor makes its annotation, resolving actors to
// those the graph holds, and the annotation is written exactly as ingestArticle writes one
// (validation, matching with the graph's events, curation kept, one transaction and one audit
// record, here with the action ingestText).
import { extractArticle } from '../extract';
// The language check alone: the rest of src/extract/input reads HTML pages (linkedom and
// Readability), which the API has no need to load.
import { notEnglishReason } from '../extract/input/language';
import type { Annotation } from '../extract/types';
import type { Author } from '../graph/audit';
import type { Graph } from '../graph/driver';
import { WriteRefused } from '../graph/errors';
import { readKnownActors } from '../graph/reads/known-actors';
import { ingestArticle, type IngestResult } from './ingest-article';
import { validateAnnotation } from './validate';

export interface IngestTextInput {
  text: string;
  title: string | null;
  /** The publisher's name or id. */
  source: string | null;
  url: string | null;
  /** YYYY-MM-DD */
  publishedOn: string | null;
  note: string | null;
  overwriteCuration: boolean;
}

export interface ExtractionCounts {
  actors: number;
  events: number;
  links: number;
  quotes: number;
  claims: number;
  joined: number;
  possibleDuplicates: number;
}

export interface IngestTextResult extends IngestResult {
  /** The annotation the extractor made, as written. */
  annotation: Annotation;
  counts: ExtractionCounts;
}

const ACTION = 'ingestText';

/** Bounds on what is known about the article, in UTF-16 code units, as the API counts text. */
export const MAX_TITLE_CHARS = 1_000;
export const MAX_SOURCE_CHARS = 200;
export const MAX_URL_CHARS = 2_000;

function checkInput(input: IngestTextInput): void {
  const bounded = (value: string | null, max: number, argument: string) => {
    if (value !== null && (value.trim() === '' || value.length > max)) {
      throw new WriteRefused(
        'BAD_USER_INPUT',
        `${argument} must have 1 to ${max.toLocaleString('en-US')} characters, not only spaces`,
        argument,
      );
    }
  };
  bounded(input.title, MAX_TITLE_CHARS, 'input.title');
  bounded(input.source, MAX_SOURCE_CHARS, 'input.source');
  bounded(input.url, MAX_URL_CHARS, 'input.url');
  // As for article files (src/extract/input): a blank text, or one not in English, is refused.
  const problem =
    input.text.trim() === '' ? 'holds only white space' : notEnglishReason(input.text);
  if (problem !== null) {
    throw new WriteRefused('BAD_USER_INPUT', `input.text ${problem}`, 'input.text');
  }
  if (input.url !== null && !/^https?:\/\/\S+$/.test(input.url)) {
    throw new WriteRefused(
      'BAD_USER_INPUT',
      'input.url must be an http:// or https:// address, without spaces',
      'input.url',
    );
  }
}

export async function ingestText(
  graph: Graph,
  author: Author,
  input: IngestTextInput,
): Promise<IngestTextResult> {
  checkInput(input);
  const knownActors = await readKnownActors(graph);
  const annotation = extractArticle(
    {
      text: input.text,
      ...(input.title !== null ? { title: input.title } : {}),
      ...(input.source !== null ? { source: input.source } : {}),
      ...(input.url !== null ? { url: input.url } : {}),
      ...(input.publishedOn !== null ? { publishedOn: input.publishedOn } : {}),
    },
    { knownActors },
  );
  // An annotation holds at least one event: a text in which the extractor finds none is the
  // caller's to know about, and nothing is written. Any other problem is the extractor's fault,
  // and is left to surface as one.
  if (annotation.events.length === 0) {
    throw new WriteRefused(
      'BAD_USER_INPUT',
      'The extractor found no event in this text: nothing was written.',
      'input.text',
    );
  }
  const issues = validateAnnotation(ACTION, annotation, input.text);
  if (issues.length > 0) {
    throw new Error(
      `The extractor made an annotation that does not validate: ${issues
        .slice(0, 5)
        .map((i) => `${i.field}: ${i.reason}`)
        .join('; ')}`,
    );
  }
  const result = await ingestArticle(
    graph,
    author,
    {
      text: input.text,
      annotation,
      note: input.note,
      overwriteCuration: input.overwriteCuration,
    },
    ACTION,
  );
  return {
    ...result,
    annotation,
    counts: {
      actors: annotation.actors.length,
      events: annotation.events.length,
      links: annotation.links?.length ?? 0,
      quotes: annotation.quotes?.length ?? 0,
      claims: annotation.claims?.length ?? 0,
      joined: result.joined.length,
      possibleDuplicates: result.possibleDuplicates.length,
    },
  };
}
