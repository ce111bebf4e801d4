// Load progress: a redrawn bar on a terminal, throttled plain lines elsewhere.
import { createProgress, progressLine } from '../../src/ingest/progress';

function fakeStream(isTTY: boolean) {
  const out: string[] = [];
  return {
    out,
    stream: { isTTY, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream,
  };
}

test('a line says how far, how fast and how long is left', () => {
  expect(progressLine('written', 2500, 10_000, 25_000, 10)).toBe(
    'written  25% 2,500/10,000 articles, 25,000 events, 2,500 events/s, 0:10 elapsed, 0:30 left',
  );
});

test('plain lines come at most every ten seconds, and once at the end', () => {
  let t = 0;
  const { out, stream } = fakeStream(false);
  const p = createProgress('written', 100, stream, () => t);
  for (t = 1000; t <= 25_000; t += 1000) p.update(t / 1000, t / 100);
  p.finish(100, 1000);
  expect(out).toHaveLength(3);
  expect(out.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
  expect(out[2]).toMatch(/^written 100% 100\/100 articles/);
});

test('a terminal gets a bar redrawn in place', () => {
  let t = 0;
  const { out, stream } = fakeStream(true);
  const p = createProgress('written', 4, stream, () => t);
  t = 500;
  p.update(2, 20);
  p.finish(4, 40);
  expect(out[0]).toMatch(/^\r\[#{12}-{12}\] written {2}50%/);
  expect(out[1]).toMatch(/^\r\[#{24}\] written 100%/);
  expect(out[2]).toBe('\n');
});
