// The event types the API offers are the ones the graph can code: an enum value without a family
// or crosswalk codes would load without a label to colour it by, or with codes nobody chose.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import {
  CAMEO_BY_TYPE,
  CAMEO_LABEL,
  cameoFor,
  EVENT_FAMILY_LABEL,
  EVENT_FAMILY_LABELS,
  EVENT_TYPE_MEANING,
  EVENT_TYPES,
  PLOVER_BY_TYPE,
  ploverFor,
} from '../../src/ontology';
import type { EventType } from '../../src/generated/graphql';
import { ONTOLOGY_DOC, renderOntologyDoc } from '../../src/ontology-doc';

const ROOT = path.join(__dirname, '..', '..');
const read = (...p: string[]) => readFileSync(path.join(ROOT, ...p), 'utf8');

const SCHEMA_DIR = path.join(ROOT, 'schema');
const sdl = readdirSync(SCHEMA_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => read('schema', f))
  .join('\n');
const ENUM = (buildSchema(sdl).getType('EventType') as GraphQLEnumType)
  .getValues()
  .map((v) => v.name as EventType);

// The types ontology.md codes as "(none)": every other type must carry a code.
const NO_CAMEO: EventType[] = ['ELECTION'];
const NO_PLOVER: EventType[] = ['INVESTIGATION', 'STATEMENT', 'ELECTION'];

test('the schema, the ontology module, the annotation schema and the fuzzer list the same types', () => {
  expect([...EVENT_TYPES]).toEqual(ENUM);
  const annotation = JSON.parse(read('schema', 'annotation.schema.json'));
  expect(annotation.definitions.event.properties.type.enum).toEqual(ENUM);
  const hooks = /^EVENT_TYPES = \[([^\]]*)\]/m.exec(read('test', 'fuzz', 'hooks.py'))![1]!;
  expect([...hooks.matchAll(/"([A-Z_]+)"/g)].map((m) => m[1])).toEqual(ENUM);
});

test.each(ENUM)('%s has a meaning, a family label and its CAMEO and PLOVER codes', (type) => {
  expect(EVENT_TYPE_MEANING[type]).toMatch(/\w/);
  expect(EVENT_FAMILY_LABELS).toContain(EVENT_FAMILY_LABEL[type]);
  expect(CAMEO_BY_TYPE[type]).toBeDefined();
  expect(PLOVER_BY_TYPE[type]).toBeDefined();
  const cameo = CAMEO_BY_TYPE[type];
  if (NO_CAMEO.includes(type)) expect(cameo).toBeNull();
  else expect(CAMEO_LABEL[cameo!]).toMatch(/\w/);
  const plover = PLOVER_BY_TYPE[type];
  if (NO_PLOVER.includes(type)) expect(plover).toBeNull();
  else expect(plover!.type).toMatch(/^[A-Z]+$/);
});

test.each([
  ['REJECTION', 'Accusation', '120', 'Reject', 'REJECT', null],
  ['EASING', 'Cooperation', '081', 'Ease administrative sanctions', 'CONCEDE', 'ease sanctions'],
  ['LEGAL_ACTION', 'Accusation', '115', 'Bring lawsuit against', 'ACCUSE', 'other'],
  ['ARREST', 'Coercion', '173', 'Arrest, detain, or charge with legal action', 'COERCE', 'arrest'],
  ['DEMONSTRATION', 'Protest', '141', 'Demonstrate or rally', 'PROTEST', 'demonstrate'],
] as const)(
  'v1.1 %s: family %s, CAMEO %s %s, PLOVER %s / %s',
  (type, family, code, label, pt, pm) => {
    expect(EVENT_FAMILY_LABEL[type]).toBe(family);
    for (const modality of ['ASSERTED', 'PLEDGED', 'ALLEGED'] as const) {
      expect(cameoFor(type, modality, false)).toEqual({ code, label });
      expect(ploverFor(type, modality)).toEqual({ type: pt, mode: pm });
    }
  },
);

test('docs/ontology.md is what npm run docs:ontology writes', () => {
  // When this fails, run `npm run docs:ontology` and commit the page with the change.
  expect(readFileSync(ONTOLOGY_DOC, 'utf8')).toBe(renderOntologyDoc());
});
