// A CAMEO-coded event table in the column layout of ICEWS's coded event files (tab-separated,
// one header row), so scripts written for ICEWS read it. docs/export.md says how each column is
// filled and which stay empty.
import type { Writable } from 'node:stream';
import type { Graph } from '../graph/driver';
import type { EventFilterInput } from '../graph/reads/events-page';
import type { ActorRow } from '../graph/rows';
import { eventBatches, type EventWithRecord } from './events';
import { endTable, put, table, type ExportProgress } from './output';
import { globalId } from './subgraph';

export const ICEWS_COLUMNS = [
  'Event ID',
  'Event Date',
  'Source Name',
  'Source Sectors',
  'Source Country',
  'Event Text',
  'CAMEO Code',
  'Intensity',
  'Target Name',
  'Target Sectors',
  'Target Country',
  'Story ID',
  'Sentence Number',
  'Publisher',
  'City',
  'District',
  'Province',
  'Country',
  'Latitude',
  'Longitude',
] as const;

/**
 * ICEWS's Intensity is the Goldstein (1992) conflict-cooperation score of the event's CAMEO
 * code, from -10 to +10; these are the scale's values for the codes the ontology uses.
 */
export const GOLDSTEIN: Readonly<Record<string, number>> = {
  '010': 0,
  '016': -2,
  '017': 0,
  '020': 3,
  '0331': 5.2,
  '071': 7.4,
  '081': 5,
  '090': -2,
  '110': -2,
  '111': -2,
  '112': -2,
  '115': -2,
  '120': -4,
  '130': -4.4,
  '1312': -5.8,
  '141': -6.5,
  '160': -4,
  '163': -8,
  '172': -5,
  '1721': -5,
  '173': -5,
};

// ICEWS names countries in English words; the graph holds ISO 3166-1 alpha-2 codes.
const COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

function countryName(code: string | null): string {
  if (!code) return '';
  try {
    return COUNTRY_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

type Row = Record<(typeof ICEWS_COLUMNS)[number], string | number>;

/** One row per source and target pair (ICEWS events are dyadic); none for an event without a CAMEO code. */
export function icewsRows({ event: e, record: r }: EventWithRecord): Row[] {
  if (!e.cameoCode) return [];
  const actorsIn = (role: string) =>
    r.participants.filter((p) => p.role === role).map((p) => p.actor);
  const sources: (ActorRow | null)[] = actorsIn('AGENT');
  const targets: (ActorRow | null)[] = actorsIn('TARGET');
  if (sources.length === 0) sources.push(null);
  if (targets.length === 0) targets.push(null);
  const story = r.reports[0];
  const rows: Row[] = [];
  for (const s of sources) {
    for (const t of targets) {
      rows.push({
        'Event ID': globalId('Event', e.id),
        'Event Date': e.occurredOn ?? '',
        'Source Name': s?.name ?? '',
        'Source Sectors': s?.kind ?? '',
        'Source Country': countryName(s?.country ?? null),
        'Event Text': e.cameoLabel ?? '',
        'CAMEO Code': e.cameoCode,
        Intensity: GOLDSTEIN[e.cameoCode] ?? '',
        'Target Name': t?.name ?? '',
        'Target Sectors': t?.kind ?? '',
        'Target Country': countryName(t?.country ?? null),
        'Story ID': story ? globalId('Article', story.articleId) : '',
        'Sentence Number': '',
        Publisher: story?.publisher ?? '',
        City: '',
        District: '',
        Province: '',
        Country: '',
        Latitude: '',
        Longitude: '',
      });
    }
  }
  return rows;
}

export async function writeEventsTsv(
  graph: Graph,
  filter: EventFilterInput,
  out: Writable,
  progress: ExportProgress,
): Promise<void> {
  const tsv = table(ICEWS_COLUMNS, out, '\t');
  for await (const batch of eventBatches(graph, filter)) {
    for (const e of batch) for (const row of icewsRows(e)) await put(tsv, row);
    progress.add(batch.length);
  }
  await endTable(tsv);
}
