// Three tiers: unit (no database), integration (*.int.test.ts, real Neo4j through yoga.fetch)
// and end-to-end (*.e2e.test.ts, the built CLI over HTTP). The database tiers share one
// project so that its global setup starts one Neo4j, and only when one of their tests runs.
const fs = require('node:fs');
const path = require('node:path');

const tsJest = ['ts-jest', { tsconfig: 'tsconfig.check.json' }];
// linkedom (HTML input) stands on packages that ship ES modules only, which Node 20 requires as
// they are but jest's module system cannot: for the tests they are rewritten as CommonJS. They are
// found by walking linkedom's dependencies, so an update that adds one needs no change here.
function esModulesBelow(root) {
  const found = [];
  const seen = new Set();
  const queue = [root];
  while (queue.length > 0) {
    const name = queue.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    let pkg;
    try {
      pkg = JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', name, 'package.json')));
    } catch {
      continue;
    }
    if (pkg.type === 'module') found.push(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    queue.push(...Object.keys(pkg.dependencies ?? {}));
  }
  return found;
}
const ESM_ONLY = esModulesBelow('linkedom');

module.exports = {
  // Database tests start Neo4j and load data; unit tests never come near this.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest, '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs.js' },
      transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
      testEnvironment: 'node',
    },
    {
      displayName: 'db',
      testMatch: ['<rootDir>/test/int/**/*.int.test.ts', '<rootDir>/test/e2e/**/*.e2e.test.ts'],
      // `mediagraph ingest` reads HTML pages too (test/int/ingest-files.int.test.ts).
      transform: { '^.+\\.ts$': tsJest, '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs.js' },
      transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      // A real Chromium (Debian's package) against the API and the tests' Neo4j: `npm run
      // test:browser`. Kept out of `npm test` because it needs that browser installed.
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser.test.ts'],
      transform: { '^.+\\.ts$': tsJest, '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs.js' },
      transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
