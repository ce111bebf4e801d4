// Copies of the seed annotation with one thing broken, for the loader's refusal tests.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SEEDS_DIR, SEED_ARTICLE_ID } from './graph-fixtures';

/** Breaks an annotation in place; `any` because the point is to write what the types forbid. */
export type Breakage = (annotation: any) => unknown;

export const SEED_JSON = path.join(SEEDS_DIR, `${SEED_ARTICLE_ID}.json`);
export const SEED_TXT = path.join(SEEDS_DIR, `${SEED_ARTICLE_ID}.txt`);

/** A folder holding the seed text and its annotation changed by `breakage` (or raw text). */
export function brokenSeed(
  breakage: Breakage | string,
  name = 'broken.json',
): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mediagraph-bad-'));
  copyFileSync(SEED_TXT, path.join(dir, path.basename(SEED_TXT)));
  const file = path.join(dir, name);
  if (typeof breakage === 'string') {
    writeFileSync(file, breakage);
  } else {
    const annotation = JSON.parse(readFileSync(SEED_JSON, 'utf8'));
    breakage(annotation);
    writeFileSync(file, JSON.stringify(annotation, null, 2));
  }
  return { dir, file };
}

/**
 * A folder holding the seed annotation unchanged and the seed text changed by `edit`: an article
 * edited after it was annotated.
 */
export function editedSeed(edit: (text: string) => string): {
  dir: string;
  file: string;
  textFile: string;
} {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mediagraph-edited-'));
  const file = path.join(dir, path.basename(SEED_JSON));
  const textFile = path.join(dir, path.basename(SEED_TXT));
  copyFileSync(SEED_JSON, file);
  writeFileSync(textFile, edit(readFileSync(SEED_TXT, 'utf8')));
  return { dir, file, textFile };
}

/** Each kind of bad input the loader must refuse, with the field and reason it must name. */
export const BAD_INPUTS: {
  name: string;
  breakage: Breakage | string;
  field: string;
  reason: RegExp;
}[] = [
  {
    name: 'malformed JSON',
    breakage: '{ "formatVersion": 1, ',
    field: '',
    reason: /not valid JSON/,
  },
  {
    name: 'unknown actor reference',
    breakage: (a) => (a.events[0].participants[0].actorId = 'facebook'),
    field: 'events[0].participants[0].actorId',
    reason: /'facebook' is not an actor/,
  },
  {
    name: 'unknown event reference',
    breakage: (a) => (a.quotes[0].eventId = 'no-such-event'),
    field: 'quotes[0].eventId',
    reason: /'no-such-event' is not an event/,
  },
  {
    name: 'span whose text is not the article text at its offsets',
    breakage: (a) => (a.events[0].evidence[0].start += 1),
    field: 'events[0].evidence[0].text',
    reason: /is not the article's text at/,
  },
  {
    name: 'span past the end of the text',
    breakage: (a) => (a.quotes[0].evidence[0] = { start: 5000, end: 5010, text: 'x' }),
    field: 'quotes[0].evidence[0]',
    reason: /past the end of the article text/,
  },
  {
    name: 'unknown event type',
    breakage: (a) => (a.events[1].type = 'INVASION'),
    field: 'events[1].type',
    reason: /"INVASION" is not one of AD_BAN/,
  },
  {
    name: 'unknown role',
    breakage: (a) => (a.events[0].participants[1].role = 'VICTIM'),
    field: 'events[0].participants[1].role',
    reason: /"VICTIM" is not one of AGENT/,
  },
  {
    name: 'date that does not exist',
    breakage: (a) => (a.events[0].occurredOn = '2017-02-30'),
    field: 'events[0].occurredOn',
    reason: /'2017-02-30' is not a calendar date/,
  },
  {
    name: 'date in the wrong shape',
    breakage: (a) => (a.article.publishedOn = '27.10.2017'),
    field: 'article.publishedOn',
    reason: /must match pattern/,
  },
  {
    name: 'missing required field',
    breakage: (a) => delete a.events[2].summary,
    field: 'events[2].summary',
    reason: /is required/,
  },
  {
    name: 'unreadable article text',
    breakage: (a) => (a.article.textFile = 'missing.txt'),
    field: 'article.textFile',
    reason: /cannot read the article text 'missing.txt'/,
  },
];

/**
 * A second, small article whose event responds to the seed's ad ban: a link to an event of
 * another article. Written into `dir` under `name`.
 */
export function followUpArticle(
  dir: string,
  name = 'zz-follow-up',
  linkTo = 'twitter-ad-ban-rt-sputnik',
): string {
  const text = 'MOSCOW, October 28. RT said it will not leave Twitter despite the ban.';
  const span = (s: string) => {
    const start = text.indexOf(s);
    return { start, end: start + s.length, text: s };
  };
  const annotation = {
    formatVersion: 1,
    article: {
      id: `${name}-article`,
      textFile: `${name}.txt`,
      publisherId: 'rt',
      dateline: 'MOSCOW, October 28',
      publishedOn: '2017-10-28',
    },
    actors: [
      { id: 'rt', name: 'RT', kind: 'MEDIA_OUTLET', evidence: [span('RT')] },
      { id: 'twitter', name: 'Twitter', kind: 'PLATFORM', evidence: [span('Twitter')] },
    ],
    events: [
      {
        id: `${name}-rt-stays`,
        type: 'STATEMENT',
        summary: 'RT said it stays on Twitter despite the ad ban.',
        occurredOn: '2017-10-28',
        datePrecision: 'DAY',
        modality: 'ASSERTED',
        confidence: 0.9,
        participants: [
          { actorId: 'rt', role: 'AGENT', evidence: [span('RT')] },
          { actorId: 'twitter', role: 'TARGET', evidence: [span('Twitter')] },
        ],
        evidence: [span('RT said it will not leave Twitter')],
      },
    ],
    links: [
      {
        from: `${name}-rt-stays`,
        kind: 'RESPONDS_TO',
        to: linkTo,
        evidence: [span('despite the ban')],
      },
    ],
  };
  writeFileSync(path.join(dir, `${name}.txt`), text);
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(annotation, null, 2));
  return file;
}
