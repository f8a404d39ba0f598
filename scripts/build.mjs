#!/usr/bin/env node
// Builds the package's dist/: the TypeScript of the runtime folders compiled (tsconfig.build.json),
// and beside it the files those modules read at run time, at the same relative places as in the
// sources (the page, the prompts, the JSON schema, the evaluation's thresholds, the PostgreSQL
// library's SQL migrations), plus the starter library's documents (library/starter/). Run by `npm run build`, by `prepare` on install, and
// before the tests (vitest's global setup), so the bin never runs stale output.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

/** Copies the files of `from` (relative to the root) whose names pass `keep`, to the same place under dist/. */
function copy(from, keep = () => true, to = from) {
  const source = join(root, from);
  const target = join(dist, to);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    if (entry.isDirectory()) copy(join(from, entry.name), keep, join(to, entry.name));
    else if (keep(entry.name)) cpSync(join(source, entry.name), join(target, entry.name));
  }
}

copy('server/page');
copy('prompts');
// The PostgreSQL library's migrations, read by node-pg-migrate beside library/migrate.js.
copy('library/migrations', (name) => name.endsWith('.sql'));
cpSync(join(root, 'schemas/extraction.schema.json'), join(dist, 'schemas/extraction.schema.json'));
for (const name of ['thresholds.json', 'baseline.json', 'draft-thresholds.json']) {
  if (existsSync(join(root, 'eval', name))) cpSync(join(root, 'eval', name), join(dist, 'eval', name));
}
// The starter library: the documents only (the gold and notes beside them are the fixtures' own).
const starterFile = (name) => name.endsWith('.txt') || name.endsWith('.source.json');
copy('fixtures/seeds', starterFile, 'library/starter/seeds');
copy('fixtures/real-forms', starterFile, 'library/starter/real-forms');
