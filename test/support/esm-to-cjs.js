// A jest transform for the ES-module-only packages under linkedom (css-select, htmlparser2 and
// their kin): Node 20 requires them as they are, but jest's own module system cannot, so the
// unit tests get them rewritten as CommonJS by esbuild (which tsx brings). Files that are
// CommonJS already, by their nearest package.json, pass through unchanged.
const { transformSync } = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const typeOfDir = new Map();

function isEsm(file) {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (typeOfDir.has(dir)) return typeOfDir.get(dir) === 'module';
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      const type = JSON.parse(fs.readFileSync(pkg, 'utf8')).type ?? 'commonjs';
      typeOfDir.set(dir, type);
      return type === 'module';
    }
    if (path.dirname(dir) === dir) return false;
  }
}

module.exports = {
  process(source, file) {
    if (!isEsm(file)) return { code: source };
    return {
      code: transformSync(source, {
        format: 'cjs',
        loader: 'js',
        sourcefile: file,
        target: 'node20',
      }).code,
    };
  },
};
