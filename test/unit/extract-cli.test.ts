// `mediagraph extract` as a user runs it, in a process of its own: exit codes, what goes to
// stdout and stderr, the files it writes, and bad input skipped with its reason. It needs no
// Neo4j, so it runs with the unit tests, from the sources (no build needed).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { readArticle } from '../../src/ingest/read';

const SEED_TXT = path.join(
  PROJECT_ROOT,
  'seeds',
  'tass-2017-10-27-kremlin-regrets-twitter-ad-ban.txt',
);

function extract(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--require', 'tsx/cjs', path.join(PROJECT_ROOT, 'src', 'cli', 'main.ts'), 'extract', ...args],
    { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every {start, end, text} object in a value. */
function spans(value: unknown, found: { start: number; end: number; text: string }[] = []) {
  if (Array.isArray(value)) value.forEach((v) => spans(v, found));
  else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number' && typeof o.text === 'string') {
      found.push(o as { start: number; end: number; text: string });
    }
    Object.values(o).forEach((v) => spans(v, found));
  }
  return found;
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Regulator fines Channel Nine</title>
<link rel="canonical" href="https://daily.example/media/fine"></head><body>
<nav><a href="/">Home</a> <a href="/media">Media</a></nav>
<article><h1>Regulator fines Channel Nine</h1>
<p>LONDON, March 3. The media regulator Ofcom fined the broadcaster Channel Nine on Tuesday for a report that it found to be one-sided.</p>
<p>Channel Nine criticised the decision and said it would appeal against the fine in court. The Culture Ministry said the regulator acts on its own.</p>
</article></body></html>`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mediagraph-extract-'));
  const articles = path.join(dir, 'articles');
  mkdirSync(path.join(articles, 'more'), { recursive: true });
  copyFileSync(SEED_TXT, path.join(articles, 'seed.txt'));
  writeFileSync(path.join(articles, 'more', 'page.html'), PAGE);
  writeFileSync(path.join(articles, 'empty.txt'), '');
  writeFileSync(path.join(articles, 'binary.txt'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0]));
  writeFileSync(
    path.join(articles, 'french.txt'),
    "Le régulateur français de l'audiovisuel a retiré mardi la licence de diffusion d'une chaîne de télévision étrangère, estimant que ses programmes ne respectaient pas les règles sur l'honnêteté de l'information. La chaîne a dénoncé une décision politique.",
  );
  writeFileSync(path.join(articles, 'notes.md'), 'not an article');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one file, no --out: the result on stdout', () => {
  test('--format events prints what score.py reads, and nothing else', () => {
    const r = extract(SEED_TXT, '--format', 'events');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['events']);
    expect(out.events.length).toBeGreaterThan(0);
    for (const e of out.events) {
      expect(Object.keys(e).sort()).toEqual(['agents', 'modality', 'targets', 'type']);
      expect(e.agents.every((n: unknown) => typeof n === 'string')).toBe(true);
      expect(e.targets.every((n: unknown) => typeof n === 'string')).toBe(true);
    }
  });

  test('the annotation names the input file as its text, and its spans are that file’s', () => {
    const r = extract('--format=annotation', SEED_TXT);
    expect(r.status).toBe(0);
    const annotation = JSON.parse(r.stdout);
    expect(annotation.article.textFile).toBe(path.basename(SEED_TXT));
    const text = readFileSync(SEED_TXT, 'utf8');
    const all = spans(annotation);
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  test('a refused file: its reason on stderr, nothing on stdout, exit 1', () => {
    const r = extract(path.join(dir, 'articles', 'french.txt'), '--format', 'events');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^mediagraph: 1 of 1 file\(s\) refused; nothing was written:\n {2}\S+french\.txt: does not look like English: /,
    );
  });
});

describe('usage', () => {
  test.each<[string[], RegExp]>([
    [[], /extract needs a FILE or DIR of articles/],
    [['--bogus', SEED_TXT], /unknown option '--bogus'/],
    [[SEED_TXT, '--format', 'xml'], /--format must be one of annotation, events, not 'xml'/],
    [[SEED_TXT, '--out'], /--out needs a value/],
  ])('%j', (args, message) => {
    const r = extract(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  test('a file given twice is read once: still one file for stdout', () => {
    const r = extract(
      SEED_TXT,
      path.join(PROJECT_ROOT, 'seeds', '..', 'seeds', path.basename(SEED_TXT)),
      '--format',
      'events',
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).events.length).toBeGreaterThan(0);
  });

  test('several files need --out', () => {
    const r = extract(path.join(dir, 'articles'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/extract: 5 files need --out DIR/);
  });
});

describe('a folder with --out', () => {
  const noTemporaries = (out: string) =>
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);

  test('events: <input name>.json for each article, bad files named with their reasons', () => {
    const out = path.join(dir, 'events');
    const r = extract(path.join(dir, 'articles'), '--out', out, '--format', 'events');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^Extracted 2 of 5 file\(s\): \d+ event\(s\) in [\d.]+ s; wrote 2 events file\(s\) to /,
    );
    expect(r.stderr).toContain('mediagraph: 3 of 5 file(s) refused; the others were extracted:\n');
    expect(r.stderr).toContain(
      `${path.join(dir, 'articles', 'binary.txt')}: is not text: it holds a NUL byte at offset 4`,
    );
    expect(r.stderr).toContain(`${path.join(dir, 'articles', 'empty.txt')}: is empty`);
    expect(r.stderr).toContain(
      `${path.join(dir, 'articles', 'french.txt')}: does not look like English`,
    );
    expect(readdirSync(out).sort()).toEqual(['page.json', 'seed.json']);
    for (const f of ['page.json', 'seed.json']) {
      expect(Object.keys(JSON.parse(readFileSync(path.join(out, f), 'utf8')))).toEqual(['events']);
    }
    noTemporaries(out);
  });

  test('annotations: <id>.json and <id>.txt pairs that mediagraph load accepts', () => {
    const out = path.join(dir, 'annotations');
    const r = extract(
      path.join(dir, 'articles', 'seed.txt'),
      path.join(dir, 'articles', 'more'),
      '--out',
      out,
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^Extracted 2 of 2 file\(s\): \d+ event\(s\) in [\d.]+ s; wrote 2 annotation\(s\) with their text to /,
    );
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(4);
    noTemporaries(out);
    for (const json of files.filter((f) => f.endsWith('.json'))) {
      const annotation = JSON.parse(readFileSync(path.join(out, json), 'utf8'));
      expect(annotation.article.textFile).toBe(json.replace(/\.json$/, '.txt'));
      expect(existsSync(path.join(out, annotation.article.textFile))).toBe(true);
      // The loader's own reading: shape, references and every span against the text.
      const read = readArticle(path.join(out, json));
      expect(read.ok ? [] : read.issues).toEqual([]);
    }
    const page = JSON.parse(
      readFileSync(
        path.join(
          out,
          files.find((f) => f.endsWith('.json') && !f.startsWith('seed'))!,
        ),
        'utf8',
      ),
    );
    expect(page.article.url).toBe('https://daily.example/media/fine');
    expect(readFileSync(path.join(out, page.article.textFile), 'utf8')).toMatch(
      /^LONDON, March 3\. The media regulator Ofcom fined .*\n\nChannel Nine criticised /,
    );
  });

  test('two inputs that would take the same output name: the second is refused', () => {
    const twins = path.join(dir, 'twins');
    mkdirSync(path.join(twins, 'b'), { recursive: true });
    copyFileSync(SEED_TXT, path.join(twins, 'a.txt'));
    copyFileSync(SEED_TXT, path.join(twins, 'b', 'a.txt'));
    const out = path.join(dir, 'twins-out');
    const r = extract(twins, '--out', out, '--format', 'events');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `${path.join(twins, 'b', 'a.txt')}: would be written as a.json, as ${path.join(twins, 'a.txt')} was: extract it into another --out folder`,
    );
    expect(readdirSync(out)).toEqual(['a.json']);
  });

  test('a missing path is refused, the rest extracted', () => {
    const out = path.join(dir, 'missing-out');
    const r = extract(SEED_TXT, path.join(dir, 'nope'), '--out', out, '--format', 'events');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `1 of 2 file(s) refused; the others were extracted:\n  ${path.join(dir, 'nope')}: no such file or folder`,
    );
    expect(readdirSync(out)).toEqual([path.basename(SEED_TXT).replace('.txt', '.json')]);
  });
});
