// The library a fresh install starts with, read by the reader itself as any document would be: the
// five Hebei seed disclosures in fixtures/seeds, and the real tables of fifteen other provinces in
// fixtures/real-forms (each filed under the province its source names), so the embedded default
// drafts out of the box and not from one province's habits alone.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractText } from '../pipeline/index.ts';
import type { LibraryStore } from './store.ts';

// From the sources the starter documents are the fixtures themselves; the package carries copies of
// the documents alone in starter/ beside this module (scripts/build.mjs), and no fixtures.
const packaged = new URL('./starter/', import.meta.url);
const STARTER = existsSync(packaged) ? packaged : new URL('../fixtures/', import.meta.url);
export const SEEDS_FOLDER = fileURLToPath(new URL('seeds/', STARTER));
export const REAL_FORMS_FOLDER = fileURLToPath(new URL('real-forms/', STARTER));

export interface StarterDocument {
  filename: string;
  text: string;
  /** the province the source names (real forms), else read from the units */
  province: string | null;
}

/** A real form's province, the first word of its source's `province` (湖南 Hunan (衡阳市南岳区) → 湖南). */
function sourceProvince(folder: string, name: string): string | null {
  const path = join(folder, name.replace(/\.txt$/, '.source.json'));
  if (!existsSync(path)) return null;
  const province = (JSON.parse(readFileSync(path, 'utf8')) as { province?: unknown }).province;
  return typeof province === 'string' ? (province.match(/^\p{Script=Han}+/u)?.[0] ?? null) : null;
}

/** The starter documents of a folder, in name order. */
export function starterDocuments(folder: string): StarterDocument[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((filename) => ({ filename, text: readFileSync(join(folder, filename), 'utf8'), province: sourceProvince(folder, filename) }));
}

/** Adds the documents (by default the seeds and the real forms); returns how many projects were added. */
export async function addStarterDocuments(library: LibraryStore, documents: readonly StarterDocument[] = [...starterDocuments(SEEDS_FOLDER), ...starterDocuments(REAL_FORMS_FOLDER)]): Promise<number> {
  let added = 0;
  // One at a time, in name order: the ids, and so the order of equal hits, are the same in every store.
  for (const document of documents) {
    const extraction = extractText(document.text);
    added += (await library.add({ ...extraction, source: { ...extraction.source, filename: document.filename } }, { province: document.province })).added;
  }
  return added;
}

/** Seeds an empty library; a library with projects in it is left as it is. */
export async function seedIfEmpty(library: LibraryStore): Promise<number> {
  return (await library.counts()).projects === 0 ? addStarterDocuments(library) : 0;
}
