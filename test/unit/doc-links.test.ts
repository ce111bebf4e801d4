// A user who clones the project has only the repository: every relative link in its Markdown
// must land on a file inside it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

const SKIP_DIRS = new Set(['node_modules', 'dist', 'var', '.git', 'neo4j']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : markdownFiles(full);
    return e.name.endsWith('.md') ? [full] : [];
  });
}

// [text](target) and <a href="target">, without the external ones (scheme or //) and anchors.
function relativeLinks(markdown: string): string[] {
  const targets = [
    ...[...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? ''),
    ...[...markdown.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? ''),
  ];
  return targets
    .filter((t) => t !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('//'))
    .map((t) => t.split('#')[0] ?? '')
    .filter((t) => t !== '');
}

const files = markdownFiles(PROJECT_ROOT);

test('the repository has Markdown to check', () => {
  expect(files.map((f) => path.relative(PROJECT_ROOT, f))).toEqual(
    expect.arrayContaining(['README.md', path.join('docs', 'ontology.md')]),
  );
});

test.each(files.map((f) => [path.relative(PROJECT_ROOT, f), f]))(
  'every relative link in %s stays in the repository and exists',
  (_name, file) => {
    const bad = relativeLinks(readFileSync(file, 'utf8'))
      .map((link) => ({ link, resolved: path.resolve(path.dirname(file), link) }))
      .filter(
        ({ resolved }) =>
          path.relative(PROJECT_ROOT, resolved).startsWith('..') || !existsSync(resolved),
      )
      .map(({ link }) => link);
    expect(bad).toEqual([]);
  },
);
