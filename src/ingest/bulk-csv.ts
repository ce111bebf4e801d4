// The CSV files that `neo4j-admin database import full` reads: one per node id space and one per
// kind of relationship, each with a typed header, so that integers arrive as INTEGER, dates as
// DATE and real numbers as FLOAT, as the online writer stores them. Written as they come, through
// a small buffer, so memory does not grow with the corpus.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { NodeRecord, Props, RelFile, RelRecord, Sink, Value } from './bulk-rows';

/** Between the elements of a list, and the labels of a node: a character no text should hold. */
export const ARRAY_DELIMITER = '\u001f';

type CsvType = 'string' | 'string[]' | 'long[]' | 'double' | 'date' | 'boolean';
type Columns = readonly (readonly [string, CsvType])[];
type Space = NodeRecord['space'];

const EV3: Columns = [
  ['evStart', 'long[]'],
  ['evEnd', 'long[]'],
  ['evText', 'string[]'],
];
const EV4: Columns = [...EV3, ['evArticle', 'string[]']];
const EXTERNAL: Columns = [
  ['externalFields', 'string[]'],
  ['externalNotes', 'string[]'],
];
const EXTRACTED: Columns = [
  ['extractionMethod', 'string'],
  ['extractionVersion', 'string'],
];

/** Every property of each node, after its id; a property not listed here is refused (a bug). */
export const NODE_COLUMNS: Record<Space, Columns> = {
  Actor: [
    ['name', 'string'],
    ['kind', 'string'],
    ['aliases', 'string[]'],
    ['country', 'string'],
    ['wikidataId', 'string'],
    ...EXTERNAL,
    ['aliasesText', 'string'],
    ['namesLower', 'string'],
  ],
  Article: [
    ['title', 'string'],
    ['url', 'string'],
    ['dateline', 'string'],
    ['publishedOn', 'date'],
    ['text', 'string'],
    ...EXTERNAL,
    ...EXTRACTED,
    ...EV3,
    ['caption', 'string'],
  ],
  Event: [
    ['type', 'string'],
    ['typeText', 'string'],
    ['summary', 'string'],
    ['occurredOn', 'date'],
    ['datePrecision', 'string'],
    ['dateNote', 'string'],
    ['modality', 'string'],
    ['confidence', 'double'],
    ['cameoCode', 'string'],
    ['cameoLabel', 'string'],
    ['ploverType', 'string'],
    ['ploverMode', 'string'],
    ['amount', 'double'],
    ['currency', 'string'],
    ...EXTERNAL,
    ...EXTRACTED,
    ['amountEvStart', 'long[]'],
    ['amountEvEnd', 'long[]'],
    ['amountEvText', 'string[]'],
    ['amountEvArticle', 'string[]'],
    ['caption', 'string'],
  ],
  Quote: [['text', 'string'], ...EV4, ['caption', 'string']],
  Claim: [['text', 'string'], ['verbatim', 'boolean'], ...EV4, ['caption', 'string']],
};

/** Each relationship file: the id spaces it joins and its properties. */
export const REL_FILES: Record<RelFile, { from: Space; to: Space; columns: Columns }> = {
  mentions: { from: 'Article', to: 'Actor', columns: EV3 },
  publishedBy: { from: 'Article', to: 'Actor', columns: [] },
  positions: { from: 'Actor', to: 'Actor', columns: [['title', 'string'], ...EXTERNAL, ...EV4] },
  reports: { from: 'Article', to: 'Event', columns: EV3 },
  roles: {
    from: 'Event',
    to: 'Actor',
    columns: [
      ...EV4,
      ['actorId', 'string'],
      ['orderAsc', 'string'],
      ['orderDesc', 'string'],
      ['repeatOf', 'string'],
    ],
  },
  links: { from: 'Event', to: 'Event', columns: EV4 },
  said: { from: 'Actor', to: 'Quote', columns: [] },
  claims: { from: 'Actor', to: 'Claim', columns: [] },
  quoteMadeIn: { from: 'Quote', to: 'Event', columns: [] },
  claimMadeIn: { from: 'Claim', to: 'Event', columns: [] },
  about: { from: 'Claim', to: 'Actor', columns: [] },
  disputes: { from: 'Claim', to: 'Claim', columns: [] },
};

/** A value the importer cannot carry exactly; bulk.ts names the article it came from. */
export class UnrepresentableValue extends Error {}

const quoted = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * One CSV field. A null is an empty field, which the importer stores as no property; "" is an
 * empty string. An empty list is stored as no property too (the importer has no empty list):
 * bulk.ts sets those to [] after the import.
 */
export function csvField(value: Value | undefined, type: CsvType, name: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    if (type === 'string[]') {
      for (const x of value as readonly string[]) {
        if (x === '' || x.includes(ARRAY_DELIMITER)) {
          throw new UnrepresentableValue(
            `${name} holds ${x === '' ? 'an empty string' : 'the control character U+001F'} in a list, which Neo4j's importer cannot store`,
          );
        }
      }
    }
    return quoted(value.join(ARRAY_DELIMITER));
  }
  if (typeof value === 'string') return quoted(value);
  return String(value);
}

class CsvFile {
  private readonly out: WriteStream;
  private buffer: string[] = [];
  private size = 0;
  /** Array properties left empty, which the importer cannot write: set to [] after it. */
  emptyLists = 0;

  constructor(
    readonly file: string,
    header: string[],
  ) {
    this.out = createWriteStream(file, { encoding: 'utf8' });
    this.push(header.join(','));
  }

  push(line: string): void {
    this.buffer.push(line);
    this.size += line.length;
  }

  /** Writes what is buffered once it is large; waits when the disk is behind. */
  async drain(force = false): Promise<void> {
    if (!force && this.size < 1 << 20) return;
    const chunk = this.buffer.join('\n') + '\n';
    this.buffer = [];
    this.size = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.drain(true);
    this.out.end();
    await once(this.out, 'close');
  }
}

function row(props: Props, columns: Columns, file: CsvFile, prefix: string[]): string {
  const fields = prefix;
  for (const [name, type] of columns) {
    const v = props[name];
    if (Array.isArray(v) && v.length === 0) file.emptyLists++;
    fields.push(csvField(v, type, name));
  }
  return fields.join(',');
}

/** The names of each column list, looked up once per list rather than once per row. */
const columnNames = new WeakMap<Columns, ReadonlySet<string>>();

function checkKnown(props: Props, columns: Columns, what: string, skip: string[] = []): void {
  let names = columnNames.get(columns);
  if (!names) {
    names = new Set(columns.map(([c]) => c));
    columnNames.set(columns, names);
  }
  for (const key of Object.keys(props)) {
    if (!names.has(key) && !skip.includes(key)) {
      throw new Error(`bulk loader bug: ${what} property '${key}' has no CSV column (bulk-csv.ts)`);
    }
  }
}

/** The CSV files of one bulk load, in `dir`; a Sink for BulkGraph. */
export class CsvSink implements Sink {
  readonly nodeFiles = new Map<Space, CsvFile>();
  readonly relFiles = new Map<RelFile, CsvFile>();
  nodes = 0;
  relationships = 0;

  constructor(dir: string) {
    for (const [space, columns] of Object.entries(NODE_COLUMNS) as [Space, Columns][]) {
      const header = [`id:ID(${space})`, ...columns.map(header1), ':LABEL'];
      this.nodeFiles.set(space, new CsvFile(path.join(dir, `nodes-${space}.csv`), header));
    }
    for (const [name, spec] of Object.entries(REL_FILES) as [
      RelFile,
      (typeof REL_FILES)[RelFile],
    ][]) {
      const header = [
        `:START_ID(${spec.from})`,
        `:END_ID(${spec.to})`,
        ':TYPE',
        ...spec.columns.map(header1),
      ];
      this.relFiles.set(name, new CsvFile(path.join(dir, `rels-${name}.csv`), header));
    }
  }

  node(r: NodeRecord): void {
    const columns = NODE_COLUMNS[r.space];
    checkKnown(r.props, columns, r.space, ['id']);
    const file = this.nodeFiles.get(r.space)!;
    const id = csvField(r.props.id, 'string', 'id');
    file.push(row(r.props, columns, file, [id]) + ',' + quoted(r.labels.join(ARRAY_DELIMITER)));
    this.nodes++;
  }

  rel(r: RelRecord): void {
    const spec = REL_FILES[r.file];
    checkKnown(r.props, spec.columns, r.type);
    const file = this.relFiles.get(r.file)!;
    file.push(row(r.props, spec.columns, file, [quoted(r.from), quoted(r.to), quoted(r.type)]));
    this.relationships++;
  }

  /** Lets buffered rows reach the disk; call between articles. */
  async drain(): Promise<void> {
    for (const f of [...this.nodeFiles.values(), ...this.relFiles.values()]) await f.drain();
  }

  async close(): Promise<void> {
    for (const f of [...this.nodeFiles.values(), ...this.relFiles.values()]) await f.close();
  }

  /** The importer's --nodes and --relationships arguments. */
  importArgs(): string[] {
    return [
      ...[...this.nodeFiles.values()].map((f) => `--nodes=${f.file}`),
      ...[...this.relFiles.values()].map((f) => `--relationships=${f.file}`),
    ];
  }
}

function header1([name, type]: readonly [string, CsvType]): string {
  return type === 'string' ? name : `${name}:${type}`;
}
