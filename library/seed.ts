// The library a fresh install starts with: the seed disclosures in fixtures/, extracted as any
// document would be, so the embedded default drafts out of the box.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractText } from '../pipeline/index.ts';
import type { LibraryStore } from './store.ts';

export const SEEDS_FOLDER = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));

/** Adds the seed documents; returns how many projects were added. */
export function addSeeds(library: LibraryStore, folder = SEEDS_FOLDER): number {
  let added = 0;
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.txt')).sort()) {
    const extraction = extractText(readFileSync(join(folder, name), 'utf8'));
    added += library.add({ ...extraction, source: { ...extraction.source, filename: name } }).added;
  }
  return added;
}

/** Seeds an empty library; a library with projects in it is left as it is. */
export function seedIfEmpty(library: LibraryStore): number {
  return library.counts().projects === 0 ? addSeeds(library) : 0;
}
