#!/usr/bin/env node
// npm's postinstall step: gathers the Neo4j server and Browser jars with Maven, once.
// Without Maven it only warns: a user with NEO4J_URI set needs no local Neo4j.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const pom = fs.readFileSync(path.join(root, 'neo4j', 'pom.xml'), 'utf8');
const version = /<neo4j\.version>([^<]+)</.exec(pom)[1];
const marker = path.join(root, 'neo4j', 'target', 'lib', `neo4j-server-${version}.jar`);

if (fs.existsSync(marker)) {
  console.log(`Neo4j ${version} jars are in place.`);
  process.exit(0);
}
const mvn = process.platform === 'win32' ? 'mvn.cmd' : 'mvn';
if (spawnSync(mvn, ['-v'], { stdio: 'ignore' }).status !== 0) {
  console.warn(
    'mediagraph: Maven (mvn) is not installed, so the local Neo4j cannot be fetched. Install Maven and ' +
      "run 'npm run neo4j:install', or set NEO4J_URI to an existing Neo4j.",
  );
  process.exit(0);
}
console.log(`Fetching Neo4j ${version} and Neo4j Browser with Maven (once; about 140 MB) ...`);
const r = spawnSync(mvn, ['-B', '-q', '-f', path.join(root, 'neo4j', 'pom.xml'), 'package'], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
