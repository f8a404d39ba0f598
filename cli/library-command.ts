// `jixiao library add FILES… | list | search QUERY | remove ID… | export`: the library of past
// projects that drafting draws on.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { extract } from '../pipeline/index.ts';
import { LibraryError } from '../library/errors.ts';
import { libraryPath, openLibrary } from '../library/open.ts';
import type { LibraryStore } from '../library/store.ts';
import type { LibraryProjectSummary } from '../schemas/library.ts';
import { terminalProgress } from './progress.ts';

const USAGE = `usage: jixiao library <add FILES…|list|search QUERY|remove ID…|export> [--library PATH]
  add FILES…        read documents of any format and keep their projects (--region R to name their place)
  list              the projects kept (--year Y, --unit U, --region R, --json)
  search QUERY      the projects most like QUERY, with scores and matched terms (--year, --unit, --region, --limit N, --json)
  remove ID…        remove projects by id (--document: the ids are documents)
  export            every project as JSON lines
exit 3 when the library cannot take a change: LIBRARY_FULL (disk full), LIBRARY_BUSY (another
process held it over 5 s), LIBRARY_READONLY, LIBRARY_UNAVAILABLE (not an SQLite library)
`;

const OPTIONS = {
  library: { type: 'string' },
  region: { type: 'string' },
  year: { type: 'string' },
  unit: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  document: { type: 'boolean' },
} as const;

function filtersOf(values: { year?: string; unit?: string; region?: string }) {
  return { year: values.year ? Number(values.year) : undefined, unit: values.unit, region: values.region };
}

function summaryLine(project: LibraryProjectSummary): string {
  const budget = project.budget === null ? '—' : `${project.budget}万元`;
  return `${String(project.id).padStart(6)}  ${project.year ?? '    '}  ${(project.region ?? '').padEnd(4, '　')}  ${project.name ?? '(无名称)'}  ${budget}  ${project.indicators}条指标  ${project.unit?.name ?? ''}`;
}

async function add(library: LibraryStore, files: string[], region: string | undefined): Promise<number> {
  let failed = 0;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      process.stderr.write(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'READ_FAILED'})\n`);
      failed++;
      continue;
    }
    const progress = terminalProgress();
    const result = await extract({ bytes, filename: basename(file), onProgress: progress.report }).finally(progress.stop);
    if (!result.ok) {
      process.stderr.write(`${file}: ${result.error.code}: ${result.error.message}\n`);
      failed++;
      continue;
    }
    let added;
    try {
      added = library.add(result.extraction, { region: region ?? null });
    } catch (error) {
      if (!(error instanceof LibraryError)) throw error;
      // The files after this one would meet the same full disk or locked file.
      process.stderr.write(`${file}: ${error.code}: ${error.message}\n`);
      return 3;
    }
    if (added.duplicateOfDocument !== null) process.stdout.write(`${file}: already in the library (document ${added.duplicateOfDocument})\n`);
    else {
      const skipped = added.skipped.length > 0 ? `; skipped ${added.skipped.map((entry) => `${entry.name ?? '(无名称)'} (${entry.reason})`).join(', ')}` : '';
      process.stdout.write(`${file}: added ${added.added} project(s)${added.documentId !== null ? ` as document ${added.documentId}` : ''}${skipped}\n`);
    }
  }
  const counts = library.counts();
  process.stdout.write(`library: ${counts.documents} documents, ${counts.projects} projects, ${counts.indicators} indicators\n`);
  return failed > 0 ? 2 : 0;
}

export async function runLibrary(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`jixiao library: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (!action || !['add', 'list', 'search', 'remove', 'export'].includes(action)) {
    process.stderr.write(USAGE);
    return 2;
  }
  if ((action === 'add' || action === 'remove' || action === 'search') && rest.length === 0) {
    process.stderr.write(`jixiao library ${action}: nothing given\n${USAGE}`);
    return 2;
  }
  let opened: LibraryStore | null = null;
  try {
    const library = openLibrary(libraryPath(values.library));
    opened = library;
    switch (action) {
      case 'add':
        return await add(library, rest, values.region);
      case 'list': {
        const projects = library.list(filtersOf(values));
        process.stdout.write(values.json ? JSON.stringify(projects, null, 2) + '\n' : projects.map(summaryLine).join('\n') + (projects.length ? '\n' : ''));
        return 0;
      }
      case 'search': {
        const hits = library.search(rest.join(' '), { ...filtersOf(values), limit: values.limit ? Number(values.limit) : 10 });
        if (values.json) process.stdout.write(JSON.stringify(hits, null, 2) + '\n');
        else for (const hit of hits) process.stdout.write(`${hit.score.toFixed(2).padStart(7)}  ${summaryLine(hit.project).trim()}\n         matched: ${hit.matchedTerms.join(' ')}\n`);
        return 0;
      }
      case 'remove': {
        const ids = rest.map(Number);
        if (ids.some((id) => !Number.isInteger(id))) {
          process.stderr.write('jixiao library remove: ids are whole numbers (see library list)\n');
          return 2;
        }
        const removed = values.document ? ids.reduce((sum, id) => sum + library.removeDocument(id), 0) : library.remove(ids);
        process.stdout.write(`removed ${removed} project(s)\n`);
        return removed === 0 ? 1 : 0;
      }
      case 'export':
        for (const project of library.all()) process.stdout.write(JSON.stringify(project) + '\n');
        return 0;
    }
    return 2;
  } catch (error) {
    // The disk is full, another process holds the file, or it cannot be written: said with its
    // code, and nothing of the change that met it was written (documents added before it stay).
    if (!(error instanceof LibraryError)) throw error;
    process.stderr.write(`jixiao library: ${error.code}: ${error.message}\n`);
    return 3;
  } finally {
    opened?.close();
  }
}
