#!/usr/bin/env node
// The mediagraph command. The TypeScript in src/ is built into dist/ by `npm install`.
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    "mediagraph: dist/ is missing; run 'npm install' (or 'npm run build') first.\n",
  );
  process.exit(1);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
