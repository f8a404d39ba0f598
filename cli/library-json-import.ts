// `jixiao library export | jixiao library import -`: the projects of one library (an office's SQLite
// file) added to another (the province's PostgreSQL), document by document, without reading the
// documents again. Each exported document becomes an extraction of its projects; its content hash is
// that of its exported lines, so running the same move twice adds nothing the second time, and a
// project the other library holds already (from the same disclosure) is skipped as a duplicate.
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { LibraryProject } from '../schemas/library.ts';
import { SCHEMA_VERSION, type Extraction, type SourceFormat } from '../schemas/extraction.ts';
import type { LibraryStore } from '../library/store.ts';
import { EXIT } from './exit.ts';

const FORMATS: Record<string, SourceFormat> = { '.docx': 'docx', '.doc': 'docx', '.pdf': 'pdf', '.xlsx': 'xlsx', '.xls': 'xlsx', '.csv': 'xlsx', '.html': 'html', '.htm': 'html', '.png': 'image', '.jpg': 'image', '.jpeg': 'image', '.tif': 'image', '.tiff': 'image' };

function extractionOf(lines: string[], projects: LibraryProject[]): Extraction {
  const first = projects[0]!;
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { filename: first.filename, format: FORMATS[extname(first.filename ?? '').toLowerCase()] ?? 'text', ocr: false, pages: null, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') },
    document: { unit: null, year: first.year, overallGoal: null, departmentBudget: null, objectives: [], projects: projects.map((entry) => entry.project) },
    warnings: [],
    findings: [],
  };
}

/** Adds the JSON lines of `input` (an export), a document at a time; exit 2 on a line that is not a project. */
export async function importExport(library: LibraryStore, input: NodeJS.ReadableStream): Promise<number> {
  let lines: string[] = [];
  let projects: LibraryProject[] = [];
  const totals = { documents: 0, projects: 0, duplicates: 0, already: 0 };
  const flush = async () => {
    if (projects.length === 0) return;
    const first = projects[0]!;
    const added = await library.add(extractionOf(lines, projects), { region: first.region, province: first.province });
    if (added.duplicateOfDocument !== null) totals.already++;
    if (added.documentId !== null) totals.documents++;
    totals.projects += added.added;
    totals.duplicates += added.skipped.filter((entry) => entry.reason === 'duplicate').length;
    lines = [];
    projects = [];
  };
  let number = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    number++;
    if (!line.trim()) continue;
    let project;
    try {
      project = LibraryProject.parse(JSON.parse(line));
    } catch {
      await flush();
      process.stderr.write(`jixiao library import: line ${number} is not a project of \`jixiao library export\`; stopped there\n`);
      return EXIT.unreadable;
    }
    if (projects.length > 0 && projects[0]!.documentId !== project.documentId) await flush();
    lines.push(line);
    projects.push(project);
  }
  await flush();
  const counts = await library.counts();
  process.stdout.write(
    `added ${totals.documents} document(s), ${totals.projects} project(s)${totals.duplicates ? `; skipped ${totals.duplicates} duplicate project(s)` : ''}${totals.already ? `; ${totals.already} document(s) already moved` : ''}\nlibrary: ${counts.documents} documents, ${counts.projects} projects, ${counts.indicators} indicators\n`,
  );
  return number === 0 ? EXIT.nothingFound : EXIT.ok;
}
