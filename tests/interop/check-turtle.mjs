// Parses every Turtle file of a CklGen library with an independent parser (npm's n3), and every
// JSON file with JSON.parse.
//
// Run (from the repository root, after `cd tests/interop && npm ci`):
//   cklgen library build --benchmarks ../shared/benchmarks-xccdf --cci ../shared/cci/U_CCI_List.xml --out LIB
//   node tests/interop/check-turtle.mjs LIB
// Each file is parsed with its own file: URL as base, so the relative IRIs the library writes
// resolve as they would when served. Stops at the first error with the file name and the parser's
// message (exit 1); otherwise prints "N files, M triples, 0 errors" (and the JSON count) and exits 0.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Parser } from 'n3';

const root = process.argv[2];
if (!root || !statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
  console.error('usage: node check-turtle.mjs LIBRARY-DIR');
  process.exit(2);
}

const walk = dir => readdirSync(dir, { withFileTypes: true })
  .flatMap(e => e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]);
const files = walk(resolve(root)).sort();
const ttl = files.filter(f => f.endsWith('.ttl'));
const json = files.filter(f => f.endsWith('.json'));

const fail = (file, message) => {
  console.error(`FAIL ${relative(root, file)}: ${message}`);
  process.exit(1);
};

if (ttl.length === 0) fail(root, 'no .ttl file in the library');
let triples = 0;
for (const file of ttl) {
  let quads;
  try {
    quads = new Parser({ format: 'text/turtle', baseIRI: pathToFileURL(file).href }).parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(file, e.message);
  }
  if (quads.length === 0) fail(file, 'no triple');
  triples += quads.length;
}
console.log(`${ttl.length} files, ${triples} triples, 0 errors`);

for (const file of json) {
  try { JSON.parse(readFileSync(file, 'utf8')); } catch (e) { fail(file, e.message); }
}
console.log(`${json.length} JSON files, 0 errors`);
