// Writes docs/ontology.md from src/ontology.ts (`npm run docs:ontology`). The module the loader
// codes events with is the one source: a unit test fails when the committed page is not what
// this writes, so the page cannot fall behind a change to the vocabularies or the codes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './config';
import type { EventType } from './generated/graphql';
import {
  ACTOR_KIND_LABEL,
  ACTOR_KIND_MEANING,
  ACTOR_KINDS,
  ADDED_IN_V1_1,
  CODE_CASES,
  CODING_RULES,
  EVENT_FAMILY_LABEL,
  EVENT_FAMILY_LABELS,
  EVENT_TYPE_MEANING,
  EVENT_TYPES,
  LINK_KIND_MEANING,
  LINK_KINDS,
  MODALITIES,
  MODALITY_MEANING,
  ONTOLOGY_VERSION,
  PARTICIPANT_ROLE_MEANING,
  PARTICIPANT_ROLES,
  cameoFor,
  ploverFor,
  type CameoCode,
  type PloverCode,
} from './ontology';

export const ONTOLOGY_DOC = path.join(PROJECT_ROOT, 'docs', 'ontology.md');

const code = (s: string) => `\`${s}\``;

/**
 * A Markdown table with its columns padded the way Prettier pads them, so that the written page
 * passes `prettier --check` as it is. Cells must not hold a pipe or a wide character.
 */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const cameoText = (c: CameoCode | null) => (c ? `${code(c.code)} ${c.label}` : '(none)');
const ploverText = (p: PloverCode | null) =>
  p ? code(p.mode ? `${p.type} / ${p.mode}` : p.type) : '(none)';

/** One cell for each code system; a type with cases lists each case's code where they differ. */
function codes(type: EventType): { cameo: string; plover: string } {
  const cases = CODE_CASES[type];
  if (!cases) {
    return {
      cameo: cameoText(cameoFor(type, 'ASSERTED', false)),
      plover: ploverText(ploverFor(type, 'ASSERTED')),
    };
  }
  const cell = (texts: string[]) =>
    new Set(texts).size === 1
      ? texts[0]!
      : texts.map((t, i) => `${t} (${cases[i]!.when})`).join('; ');
  return {
    cameo: cell(cases.map((c) => cameoText(cameoFor(type, c.modality, c.mild)))),
    plover: cell(cases.map((c) => ploverText(ploverFor(type, c.modality)))),
  };
}

export function renderOntologyDoc(): string {
  const eventRows = EVENT_TYPES.map((t) => {
    const { cameo, plover } = codes(t);
    const name = ADDED_IN_V1_1.includes(t) ? `${code(t)} (v1.1)` : code(t);
    return [name, EVENT_TYPE_MEANING[t], EVENT_FAMILY_LABEL[t], cameo, plover];
  });
  const families = EVENT_FAMILY_LABELS.map((f) => [
    code(f),
    EVENT_TYPES.filter((t) => EVENT_FAMILY_LABEL[t] === f)
      .map(code)
      .join(', '),
  ]);
  const sections = [
    '<!-- Written by `npm run docs:ontology` from src/ontology.ts: change that file, then run it. -->',
    `# The mediagraph ontology (v${ONTOLOGY_VERSION})`,
    [
      'The words mediagraph uses for what happens in news about media policy: who the actors are,',
      'what kinds of event there are, who takes which part in them and how events connect. They are',
      'the values of the GraphQL enums, of the annotation files (`schema/annotation.schema.json`) and',
      'of the labels and relationship types in Neo4j. Every event also carries its CAMEO and PLOVER',
      'codes, so the data can be set beside GDELT, ICEWS and POLECAT.',
    ].join('\n'),
    '## Event types',
    [
      'CAMEO codes and labels are those of the CAMEO codebook (version 1.1b3, the one GDELT uses);',
      'PLOVER types and modes are those of the PLOVER manual (draft v2.0). "(none)" means the code',
      'system has no code that fits, and the event is stored without one. The family is the second',
      'label the event gets in Neo4j, which the Browser style colours.',
      '',
      'Besides its type, every event has a one-line summary in our own words, a date with its',
      'precision (`DAY`, `MONTH`, `YEAR` or `UNKNOWN`) and a note where the date is inferred, a',
      'modality, a confidence from 0 to 1, and its participants. Every event, participant, link,',
      'quote, claim and amount of money points to the words of the article that state it: the',
      'article, the start and end offsets, and the exact text between them.',
    ].join('\n'),
    table(['type', 'meaning', 'family', 'CAMEO', 'PLOVER type / mode'], eventRows),
    '### Families',
    table(['family', 'types'], families),
    '### Choosing between types',
    [
      'Rules from v1.1, which keep the list of types short:',
      '',
      ...CODING_RULES.map((r, i) => `${i + 1}. ${r}`),
    ].join('\n'),
    '## Participant roles',
    [
      'Each role is a relationship from the event to the actor, `(Event)-[:ROLE]->(Actor)`. An event',
      'can have several actors in one role: the ad ban targets both RT and Sputnik.',
    ].join('\n'),
    table(
      ['role', 'meaning'],
      PARTICIPANT_ROLES.map((r) => [code(r), PARTICIPANT_ROLE_MEANING[r]]),
    ),
    '## Modalities',
    'The modality says how the article presents the event.',
    table(
      ['modality', 'meaning'],
      MODALITIES.map((m) => [code(m), MODALITY_MEANING[m]]),
    ),
    '## Links between events',
    'Each link is a relationship `(from:Event)-[:KIND]->(to:Event)`; the examples are from the seed article.',
    table(
      ['link', 'meaning'],
      LINK_KINDS.map((k) => [code(k), LINK_KIND_MEANING[k]]),
    ),
    '## Actor kinds',
    'Each actor has the label `Actor` and a second label for its kind.',
    table(
      ['kind', 'label', 'meaning'],
      ACTOR_KINDS.map((k) => [code(k), code(ACTOR_KIND_LABEL[k]), ACTOR_KIND_MEANING[k]]),
    ),
  ];
  return `${sections.join('\n\n')}\n`;
}

if (require.main === module) {
  writeFileSync(ONTOLOGY_DOC, renderOntologyDoc());
  console.log(`Wrote ${path.relative(process.cwd(), ONTOLOGY_DOC)}`);
}
