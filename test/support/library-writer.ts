// For the crash test: adds new documents to a library in a loop until it is killed. Each is seed
// 003 (27 projects) under another hash and other project names, so each add is a long transaction.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extractText } from '../../extract/index.ts';
import { SqliteLibrary } from '../../library/sqlite-store.ts';

const [path] = process.argv.slice(2);
if (!path) throw new Error('usage: library-writer.ts LIBRARY_PATH');
const library = new SqliteLibrary(path);
const base = extractText(readFileSync(new URL('../../fixtures/seeds/003_ebdfb260618a708a.txt', import.meta.url), 'utf8'));
for (let n = 0; ; n++) {
  library.add({
    ...base,
    source: { ...base.source, sha256: createHash('sha256').update(`${process.pid}:${n}`).digest('hex') },
    document: { ...base.document, projects: base.document.projects.map((project) => ({ ...project, name: `${project.name}·${process.pid}·${n}`, code: project.code && `${project.code}-${process.pid}-${n}` })) },
  });
  if (n === 0) process.stdout.write('writing\n');
}
