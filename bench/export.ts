// The export benchmark: `npm run bench -- --export`. Loads growing synthetic corpora (src/generate)
// into a Neo4j of its own and runs `mediagraph export` in every format at each size, as a user
// would (the built CLI, one process per export), recording time, output size and the process's
// peak RSS: flat memory shows as a peak that does not grow with the graph.
//
//   node --require tsx/cjs bench/export.ts [--sizes 1000,4000]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, type LocalNeo4jConfig } from '../src/config';
import { CLI_FORMATS } from '../src/export/formats';
import { csvPaths } from '../src/cli/export';
import { generateCorpus } from '../src/generate/corpus';
import { neo4jVersion } from '../src/local-neo4j/server';
import { startBenchNeo4j } from './neo4j';

const SEED = 7;
// Sizes are whole folders of the generated corpus.
const BUCKET = 1000;
const PASSWORD = 'mediagraph-bench';
const BOLT_PORT = Number(process.env.BENCH_NEO4J_BOLT_PORT ?? 37787);
const HTTP_PORT = Number(process.env.BENCH_NEO4J_HTTP_PORT ?? 37574);
const sizesArg = process.argv[process.argv.indexOf('--sizes') + 1];
const SIZES = (process.argv.includes('--sizes') && sizesArg ? sizesArg : '1000,4000')
  .split(',')
  .map(Number);
const OUT_DIR = path.join(PROJECT_ROOT, 'bench', 'results');
const WORK = path.join(PROJECT_ROOT, 'var', 'bench-export');

const log = (line: string) => process.stdout.write(`${line}\n`);

function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEO4J_URI: `bolt://127.0.0.1:${BOLT_PORT}`,
    NEO4J_USER: 'neo4j',
    NEO4J_PASSWORD: PASSWORD,
    QUERY_TIMEOUT_MS: '600000',
  };
}

/** Runs the built CLI and returns its output once it exits 0. */
function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(PROJECT_ROOT, 'bin', 'mediagraph.js'), ...args],
      {
        env: env(),
        cwd: PROJECT_ROOT,
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`mediagraph ${args.join(' ')}: ${code}\n${out}`)),
    );
  });
}

interface ExportFigures {
  format: string;
  events: number;
  nodes: number;
  seconds: number;
  peakRssMb: number;
  megabytes: number;
}

async function main(): Promise<void> {
  const largest = Math.max(...SIZES);
  const corpus = path.join(PROJECT_ROOT, 'var', 'bench-corpus', `seed${SEED}-${largest}`);
  if (!existsSync(path.join(corpus, '.complete'))) {
    rmSync(corpus, { recursive: true, force: true });
    log(`Generating ${largest} articles ...`);
    const r = await generateCorpus({ articles: largest, seed: SEED, out: corpus });
    writeFileSync(path.join(corpus, '.complete'), JSON.stringify(r));
  }
  const local: LocalNeo4jConfig = {
    home: path.join(PROJECT_ROOT, 'var', 'neo4j-bench-export'),
    boltPort: BOLT_PORT,
    httpPort: HTTP_PORT,
    heap: '1g',
    pagecache: '512m',
    startTimeoutMs: 180_000,
  };
  const { server } = await startBenchNeo4j(local, PASSWORD, log);
  const results: { articles: number; exports: ExportFigures[] }[] = [];
  try {
    let loaded = 0;
    for (const size of SIZES) {
      const dirs: string[] = [];
      for (let b = loaded / BUCKET; b < size / BUCKET; b++)
        dirs.push(path.join(corpus, String(b).padStart(4, '0')));
      log(`\n== ${size} articles: loading ${dirs.length} folder(s) ...`);
      log(`  ${(await cli(['load', ...dirs])).trim().split('\n').pop() ?? ''}`);
      loaded = size;
      const exports: ExportFigures[] = [];
      mkdirSync(WORK, { recursive: true });
      for (const format of CLI_FORMATS) {
        const out = path.join(WORK, format === 'csv' ? `${size}` : `${size}.${format}`);
        const text = await cli(['export', '--format', format, '--out', out]);
        const m =
          /Exported (\d+) event\(s\), (\d+) node\(s\) .* in ([\d.]+) s \(peak memory (\d+) MB\)/.exec(
            text,
          );
        if (!m) throw new Error(`no summary in:\n${text}`);
        const files = format === 'csv' ? Object.values(csvPaths(out)) : [out];
        const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
        const figures: ExportFigures = {
          format,
          events: Number(m[1]),
          nodes: Number(m[2]),
          seconds: Number(m[3]),
          peakRssMb: Number(m[4]),
          megabytes: Math.round((bytes / 2 ** 20) * 10) / 10,
        };
        exports.push(figures);
        log(
          `  ${format}: ${figures.seconds} s, ${figures.megabytes} MB written, peak RSS ${figures.peakRssMb} MB`,
        );
        files.forEach((f) => rmSync(f, { force: true }));
      }
      results.push({ articles: size, exports });
      write(results);
    }
  } finally {
    await server.stop();
  }
}

function write(results: { articles: number; exports: ExportFigures[] }[]): void {
  const report = {
    name: 'export',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    neo4j: neo4jVersion(PROJECT_ROOT),
    results,
  };
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(path.join(OUT_DIR, 'export.json'), JSON.stringify(report, null, 2) + '\n');
  const lines = [
    `# Export benchmark: ${report.date.slice(0, 10)}`,
    '',
    `Neo4j ${report.neo4j}, ${report.machine.cpus} cores, ${report.machine.memoryGb} GiB, Node ${report.machine.node}. Each export is \`mediagraph export\` in a process of its own, over the whole graph (no filter); peak RSS is that process's.`,
    '',
    '| articles | events | nodes | format | seconds | MB written | peak RSS MB |',
    '| ---: | ---: | ---: | --- | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    for (const e of r.exports) {
      lines.push(
        `| ${r.articles.toLocaleString('en-US')} | ${e.events.toLocaleString('en-US')} | ${e.nodes.toLocaleString('en-US')} | ${e.format} | ${e.seconds} | ${e.megabytes} | ${e.peakRssMb} |`,
      );
    }
  }
  writeFileSync(path.join(OUT_DIR, 'export.md'), lines.join('\n') + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
