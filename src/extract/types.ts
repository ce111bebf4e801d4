// What the extractor takes and gives. The annotation it gives is the project's own format
// (schema/annotation.schema.json), so everything downstream (validation, the loader, the API)
// treats extracted articles exactly as hand-made ones, except that they say a machine made them.
import type { ActorKind } from '../generated/graphql';
import type { MediagraphArticleAnnotation as Annotation } from '../generated/annotation';

export type { Annotation };

/** One article to extract from: its text, and what is known about it from outside the text. */
export interface ArticleInput {
  /** The article text; every span of the annotation points into it. */
  text: string;
  /** The text file's name, written as the annotation's textFile; `<article id>.txt` when absent. */
  textFile?: string;
  /** Article id; derived from the date and the title or first words when absent. */
  id?: string;
  title?: string;
  /** Publisher's name or id (e.g. "TASS"); guessed from the text's "/TASS/" mark when absent. */
  source?: string;
  url?: string;
  /** YYYY-MM-DD; from the dateline with the year from context when absent. */
  publishedOn?: string;
}

/** An actor already in the graph, which resolution prefers over a new one. */
export interface KnownActor {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  country?: string | null;
}

export interface ExtractOptions {
  knownActors?: readonly KnownActor[];
  /**
   * The part-of-speech tagger under the rules: wink-nlp (the extractor's), or compromise, kept
   * only to compare the two on the evaluation (docs/extraction.md).
   */
  tagger?: 'wink' | 'compromise';
}

/** Which machine made an annotation: written into it and onto everything loaded from it. */
export interface ExtractionMark {
  method: string;
  version: string;
}
