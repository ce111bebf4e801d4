// Each answer says in its Server-Timing header how many reads it took. The counts below are the
// design: nested fields are batched or read ahead with their parent, so a query costs a fixed
// number of round trips whatever the size of its lists. A resolver that starts reading per item
// turns one of these numbers into a count of items.
import { seededGraph } from '../support/graph-fixtures';

const { api } = seededGraph();

interface Timing {
  phases: Map<string, number>;
  reads: number;
  writes: number;
}

async function timingOf(query: string): Promise<Timing> {
  const res = await api.fetch('http://mediagraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  const header = res.headers.get('server-timing') ?? '';
  const phases = new Map<string, number>();
  for (const m of header.matchAll(/(\w+);dur=([\d.]+)/g)) phases.set(m[1]!, Number(m[2]));
  const desc = /db;dur=[\d.]+;desc="(\d+) reads?(?:, (\d+) writes?)?"/.exec(header);
  if (!desc) throw new Error(`no db entry in Server-Timing: ${header}`);
  return { phases, reads: Number(desc[1]), writes: Number(desc[2] ?? 0) };
}

test('a query that reads nothing says so, with its phases timed', async () => {
  const t = await timingOf('{ __typename }');
  expect(t.reads).toBe(0);
  expect([...t.phases.keys()]).toEqual(['parse', 'validate', 'execute', 'db']);
});

test('an event with all its details is two reads: the event and its details, side by side', async () => {
  const t = await timingOf(`{ event(id: "Event:twitter-ad-ban-rt-sputnik") {
    id participants { role actor { name } } responses { id } quotes { text } evidence { text }
  } }`);
  expect(t.reads).toBe(2);
  expect(t.writes).toBe(0);
});

test("every event's participants are read in one batch, not once per event", async () => {
  const one = await timingOf('{ events(first: 1) { edges { node { participants { role } } } } }');
  const all = await timingOf('{ events(first: 50) { edges { node { participants { role } } } } }');
  expect(all.reads).toBe(one.reads);
});
