// For the crash and concurrency tests: adds new documents to a library in a loop. Each is seed 003
// (27 projects) under another hash and other project names, so each add is a long transaction.
// PATH may be a postgres:// URL: the same writer for either store.
//   library-writer.ts PATH          writes until killed (the crash test)
//   library-writer.ts PATH COUNT    says "ready", waits for a line on stdin so that every writer
//                                   starts at once, adds the one document all writers share (at
//                                   the same moment as the others), then COUNT of its own, prints
//                                   what became of the shared one as JSON, and exits
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { extractText } from '../../pipeline/index.ts';
import { openLibrary } from '../../library/open.ts';

const [path, countArg] = process.argv.slice(2);
if (!path) throw new Error('usage: library-writer.ts LIBRARY_PATH|postgres://… [COUNT]');
const count = countArg === undefined ? Infinity : Number(countArg);
const base = extractText(readFileSync(new URL('../../fixtures/seeds/003_ebdfb260618a708a.txt', import.meta.url), 'utf8'));
const library = openLibrary(path);

let shared = null;
if (Number.isFinite(count)) {
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  shared = await library.add(base);
}
for (let n = 0; n < count; n++) {
  await library.add({
    ...base,
    source: { ...base.source, sha256: createHash('sha256').update(`${process.pid}:${n}`).digest('hex') },
    document: { ...base.document, projects: base.document.projects.map((project) => ({ ...project, name: `${project.name}·${process.pid}·${n}`, code: project.code && `${project.code}-${process.pid}-${n}` })) },
  });
  if (n === 0) process.stdout.write('writing\n');
}
process.stdout.write(`${JSON.stringify(shared)}\n`);
await library.close();
process.stdin.destroy();
