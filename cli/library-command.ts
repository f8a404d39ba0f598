// `jixiao library add FILES… | import DIR… | list | search QUERY | remove ID… | export`: the library
// of past projects that drafting draws on.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_LIMITS } from '../ingest/limits.ts';
import { extract } from '../pipeline/index.ts';
import { LibraryError } from '../library/errors.ts';
import { isDatabaseUrl, libraryLocation, openLibrary } from '../library/open.ts';
import type { AddOptions, LibraryStore } from '../library/store.ts';
import type { LibraryProjectSummary } from '../schemas/library.ts';
import { errorLine } from '../vocab/error-messages.ts';
import { EXIT, usageFailure } from './exit.ts';
import { terminalProgress } from './progress.ts';

const USAGE = `usage: jixiao library <add FILES…|import DIR…|list|search QUERY|remove ID…|export> [--library PATH|postgres://…]
  the library: --library, else DATABASE_URL (PostgreSQL), else JIXIAO_LIBRARY, else data/library.sqlite
  add FILES…        read documents of any format and keep their projects
  import DIR…       the same for every file under DIR, sub-folders too (hidden files left out);
                    a file that cannot be read is passed over, and listed with why at the end;
                    with a PostgreSQL library the files go to the shared queue and \`jixiao worker\`
                    processes read them; --retry-failed sends the failed ones of earlier imports again
  import -          the JSON lines of \`library export\` from standard input: another library's projects
                    (jixiao library export --library office.sqlite | jixiao library import -)
                    add and import: --region R, --province P  where every file's units are, when
                    their names do not say; both end with what was added and the projects per category
  list              the projects kept (--year Y, --unit U, --region R, --province P, --json)
  search QUERY      the projects most like QUERY, with scores and matched terms (--year, --unit, --region,
                    --province, --limit N, --json)
  remove ID…        remove projects by id (--document: the ids are documents)
  export            every project as JSON lines
exit 0 done, 1 usage, 2 unreadable: add could not read a file, import could read none, or the library
  cannot take a change (LIBRARY_FULL disk full, LIBRARY_BUSY another process held it over 5 s,
  LIBRARY_READONLY, LIBRARY_UNAVAILABLE not an SQLite library or a database out of reach); 3 nothing found: import found no
  document, search no project, remove no such id
`;

const OPTIONS = {
  library: { type: 'string' },
  region: { type: 'string' },
  province: { type: 'string' },
  year: { type: 'string' },
  unit: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  document: { type: 'boolean' },
  'retry-failed': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function filtersOf(values: { year?: string; unit?: string; region?: string; province?: string }) {
  return { year: values.year ? Number(values.year) : undefined, unit: values.unit, region: values.region, province: values.province };
}

function summaryLine(project: LibraryProjectSummary): string {
  const budget = project.budget === null ? '—' : `${project.budget}万元`;
  return `${String(project.id).padStart(6)}  ${project.year ?? '    '}  ${(project.region ?? '').padEnd(4, '　')}  ${project.name ?? '(无名称)'}  ${budget}  ${project.indicators}条指标  ${project.unit?.name ?? ''}`;
}

/** What one `add` or `import` did, file by file. */
interface AddRun {
  files: number;
  /** files the reader took (a file already in the library counts: it was read) */
  read: number;
  documents: number;
  projects: number;
  duplicateDocuments: number;
  duplicateProjects: number;
  withoutIndicators: number;
  failed: { file: string; reason: string }[];
  /** the library refused a change: the run stopped at `file` */
  stopped: { file: string; error: LibraryError } | null;
}

export async function readBytes(file: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }> {
  try {
    // A folder may hold a film or a disk image: refused by its size before it is read into memory.
    const { size } = await stat(file);
    if (size > DEFAULT_LIMITS.maxInputBytes) return { ok: false, reason: errorLine('FILE_TOO_LARGE', `${size} bytes; the limit is ${DEFAULT_LIMITS.maxInputBytes}`) };
    return { ok: true, bytes: await readFile(file) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: errorLine(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', code) };
  }
}

/**
 * Reads each file and adds its projects, saying on stderr which file of how many it is at, and on
 * stdout what became of each. A file that cannot be read is noted and passed; a change the library
 * cannot take (LibraryError) stops the run, since the files after it would meet the same full disk
 * or locked file.
 */
async function addFiles(library: LibraryStore, files: readonly string[], options: AddOptions): Promise<AddRun> {
  const run: AddRun = { files: files.length, read: 0, documents: 0, projects: 0, duplicateDocuments: 0, duplicateProjects: 0, withoutIndicators: 0, failed: [], stopped: null };
  for (const [index, file] of files.entries()) {
    const at = `${index + 1}/${files.length}`;
    process.stderr.write(`[${at}] ${file}\n`);
    const read = await readBytes(file);
    if (!read.ok) {
      run.failed.push({ file, reason: read.reason });
      continue;
    }
    const progress = terminalProgress();
    let result;
    try {
      result = await extract({ bytes: read.bytes, filename: basename(file), onProgress: (event) => progress.report({ ...event, stage: `${at} ${event.stage}` }) });
    } catch (error) {
      // A reader's bug on one file of a folder is reported with it, not left to stop the others.
      run.failed.push({ file, reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      continue;
    } finally {
      progress.stop();
    }
    if (!result.ok) {
      run.failed.push({ file, reason: errorLine(result.error.code, result.error.message) });
      continue;
    }
    run.read++;
    let added;
    try {
      added = await library.add(result.extraction, options);
    } catch (error) {
      if (!(error instanceof LibraryError)) throw error;
      process.stderr.write(`${file}: ${errorLine(error.code, error.message)}\n`);
      run.stopped = { file, error };
      break;
    }
    if (added.duplicateOfDocument !== null) {
      run.duplicateDocuments++;
      process.stdout.write(`${file}: already in the library (document ${added.duplicateOfDocument})\n`);
      continue;
    }
    if (added.documentId !== null) run.documents++;
    run.projects += added.added;
    run.duplicateProjects += added.skipped.filter((entry) => entry.reason === 'duplicate').length;
    run.withoutIndicators += added.skipped.filter((entry) => entry.reason === 'no-indicators').length;
    const skipped = added.skipped.length > 0 ? `; skipped ${added.skipped.map((entry) => `${entry.name ?? '(无名称)'} (${entry.reason})`).join(', ')}` : '';
    process.stdout.write(`${file}: added ${added.added} project(s)${added.documentId !== null ? ` as document ${added.documentId}` : ''}${skipped}\n`);
  }
  return run;
}

const CATEGORY_NONE = '未分类';

/** What the run added, what the library now holds (per category), and, on stderr, the files that failed. */
async function printSummary(library: LibraryStore, run: AddRun): Promise<void> {
  const skipped = [
    run.duplicateDocuments > 0 ? `${run.duplicateDocuments} file(s) already in the library` : '',
    run.duplicateProjects > 0 ? `${run.duplicateProjects} duplicate project(s)` : '',
    run.withoutIndicators > 0 ? `${run.withoutIndicators} project(s) without indicators` : '',
  ].filter(Boolean);
  const lines = [
    `read ${run.read} of ${run.files} file(s): added ${run.documents} document(s), ${run.projects} project(s)${skipped.length > 0 ? `; skipped ${skipped.join(', ')}` : ''}`,
  ];
  const counts = await library.counts();
  lines.push(`library: ${counts.documents} documents, ${counts.projects} projects, ${counts.indicators} indicators`);
  const categories = await library.categoryCounts();
  if (categories.length > 0) {
    const named = categories.map(({ category, projects }) => ({ name: category ?? CATEGORY_NONE, projects }));
    const width = Math.max(...named.map(({ name }) => name.length));
    lines.push('by category:');
    // Category names are Chinese: padded with full-width spaces so the counts line up.
    for (const { name, projects } of named) lines.push(`  ${name.padEnd(width, '　')}  ${String(projects).padStart(5)}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  if (run.failed.length > 0) {
    process.stderr.write(`could not read ${run.failed.length} of ${run.files} file(s):\n${run.failed.map(({ file, reason }) => `  ${file}: ${reason}\n`).join('')}`);
  }
}

// Hidden files and folders (.DS_Store, .git) are no one's documents.
const hidden = (path: string) => path.split(sep).some((part) => part.startsWith('.') && part !== '.' && part !== '..');

/**
 * What a folder of documents holds besides documents (notes as JSON, archives, programs) is left
 * out by its name: read as text, a JSON note quoting a table would become a project. The reader
 * itself decides a document's format from its bytes; this only chooses which files to hand it (the
 * formats of the page's file picker, and files without an extension).
 */
const DOCUMENT_EXTENSIONS = new Set(['', '.docx', '.doc', '.pdf', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.html', '.htm', '.xlsx', '.xls', '.csv', '.tsv', '.txt']);
const isDocument = (path: string) => DOCUMENT_EXTENSIONS.has(extname(path).toLowerCase());

/** Every file under the folders, sub-folders too, in name order; a symbolic link counts when it leads to a file. */
async function filesUnder(dirs: readonly string[]): Promise<{ ok: true; files: string[]; others: string[] } | { ok: false; message: string }> {
  const files: string[] = [];
  const others: string[] = [];
  for (const dir of dirs) {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true, recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, message: code === 'ENOTDIR' ? `${dir} is not a folder (library add takes files)` : `cannot read the folder ${dir} (${code ?? 'READ_FAILED'})` };
    }
    const found: string[] = [];
    for (const entry of entries) {
      const path = join(entry.parentPath, entry.name);
      if (hidden(relative(dir, path))) continue;
      if (!(entry.isFile() || (entry.isSymbolicLink() && (await stat(path).then((target) => target.isFile(), () => false))))) continue;
      if (isDocument(path)) found.push(path);
      else others.push(path);
    }
    files.push(...found.sort());
  }
  return { ok: true, files, others: others.sort() };
}

async function add(library: LibraryStore, files: readonly string[], options: AddOptions): Promise<number> {
  const run = await addFiles(library, files, options);
  await printSummary(library, run);
  return run.stopped || run.failed.length > 0 ? EXIT.unreadable : EXIT.ok;
}

async function importFolders(library: LibraryStore, dirs: readonly string[], options: AddOptions, queue: { url: string; retryFailed: boolean } | null): Promise<number> {
  if (dirs.length === 1 && dirs[0] === '-') return (await import('./library-json-import.ts')).importExport(library, process.stdin);
  if (queue?.retryFailed) return (await import('./library-queue-import.ts')).importThroughQueue(queue.url, [], options, readBytes, true);
  const listed = await filesUnder(dirs);
  if (!listed.ok) {
    process.stderr.write(`jixiao library import: ${listed.message}\n`);
    return EXIT.unreadable;
  }
  if (listed.others.length > 0) {
    const kinds = [...new Set(listed.others.map((path) => extname(path).toLowerCase()))].join(' ');
    process.stderr.write(`jixiao library import: ${listed.others.length} file(s) left out, not documents by their names (${kinds})\n`);
  }
  if (listed.files.length === 0) {
    process.stderr.write(`jixiao library import: ${errorLine('NO_DOCUMENTS', dirs.join(', '))}\n`);
    return EXIT.nothingFound;
  }
  // A shared library: the files are read by the queue's workers, not here.
  if (queue) return (await import('./library-queue-import.ts')).importThroughQueue(queue.url, listed.files, options, readBytes, false);
  const run = await addFiles(library, listed.files, options);
  await printSummary(library, run);
  if (run.stopped) return EXIT.unreadable;
  if (run.read === 0) {
    process.stderr.write(`jixiao library import: ${dirs.join(', ')} 下的 ${run.files} 个文件都未能读取，没有加入任何项目\n`);
    return EXIT.unreadable;
  }
  return EXIT.ok;
}

export async function runLibrary(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    return usageFailure('library', (error as Error).message, USAGE);
  }
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (!action || !['add', 'import', 'list', 'search', 'remove', 'export'].includes(action)) {
    return usageFailure('library', action ? `未知的操作 ${action}` : '缺少操作（add、import、list、search、remove、export）', USAGE);
  }
  if ((action === 'add' || (action === 'import' && !values['retry-failed']) || action === 'remove' || action === 'search') && rest.length === 0) {
    return usageFailure(`library ${action}`, '缺少参数', USAGE);
  }
  const place: AddOptions = { region: values.region ?? null, province: values.province ?? null };
  let opened: LibraryStore | null = null;
  try {
    const location = libraryLocation(values.library);
    if (values['retry-failed'] && !isDatabaseUrl(location)) return usageFailure('library import', '--retry-failed 只用于 PostgreSQL 项目库（DATABASE_URL）的导入队列', USAGE);
    const library = openLibrary(location);
    opened = library;
    switch (action) {
      case 'add':
        return await add(library, rest, place);
      case 'import':
        return await importFolders(library, rest, place, isDatabaseUrl(location) ? { url: location, retryFailed: Boolean(values['retry-failed']) } : null);
      case 'list': {
        const projects = await library.list(filtersOf(values));
        process.stdout.write(values.json ? JSON.stringify(projects, null, 2) + '\n' : projects.map(summaryLine).join('\n') + (projects.length ? '\n' : ''));
        return 0;
      }
      case 'search': {
        const hits = await library.search(rest.join(' '), { ...filtersOf(values), limit: values.limit ? Number(values.limit) : 10 });
        if (values.json) process.stdout.write(JSON.stringify(hits, null, 2) + '\n');
        else for (const hit of hits) process.stdout.write(`${hit.score.toFixed(2).padStart(7)}  ${summaryLine(hit.project).trim()}\n         matched: ${hit.matchedTerms.join(' ')}\n`);
        return hits.length > 0 ? EXIT.ok : EXIT.nothingFound;
      }
      case 'remove': {
        const ids = rest.map(Number);
        if (ids.some((id) => !Number.isInteger(id))) return usageFailure('library remove', '编号须为整数（见 library list）', USAGE);
        let removed = 0;
        if (values.document) for (const id of ids) removed += await library.removeDocument(id);
        else removed = await library.remove(ids);
        process.stdout.write(`removed ${removed} project(s)\n`);
        return removed === 0 ? EXIT.nothingFound : EXIT.ok;
      }
      case 'export':
        for await (const project of library.all()) process.stdout.write(JSON.stringify(project) + '\n');
        return 0;
    }
    return EXIT.usage;
  } catch (error) {
    // The disk is full, another process holds the file, or it cannot be written: said with its
    // code, and nothing of the change that met it was written (documents added before it stay).
    if (!(error instanceof LibraryError)) throw error;
    process.stderr.write(`jixiao library: ${errorLine(error.code, error.message)}\n`);
    return EXIT.unreadable;
  } finally {
    await opened?.close();
  }
}
