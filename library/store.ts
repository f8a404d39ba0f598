// What the rest of the toolkit needs of a library of past projects. SQLite (sqlite-store.ts)
// implements it for one machine; a server database for a whole province could implement the same.
import type { Extraction } from '../schemas/extraction.ts';
import type { LibraryProject, LibraryProjectSummary, SearchFilters, SearchHit } from '../schemas/library.ts';

export interface AddResult {
  /** the new document's id, or null when nothing was added */
  documentId: number | null;
  /** projects stored */
  added: number;
  /** projects left out, and why */
  skipped: { name: string | null; reason: 'duplicate' | 'no-indicators' }[];
  /** set when the very same file (by content hash) is in the library already */
  duplicateOfDocument: number | null;
}

export interface LibraryCounts {
  documents: number;
  projects: number;
  indicators: number;
}

/**
 * A change the store cannot make (disk full, another writer holding the file, read-only) throws
 * LibraryError (errors.ts) with nothing of it written; any other throw is a bug.
 */
export interface LibraryStore {
  /** Adds an extracted document, all of it or nothing (one transaction). */
  add(extraction: Extraction, options?: { region?: string | null }): AddResult;
  /** `exactUnit`: the unit filter names the whole unit, not part of it. */
  list(filters?: SearchFilters & { limit?: number; offset?: number; exactUnit?: boolean }): LibraryProjectSummary[];
  get(id: number): LibraryProject | null;
  getMany(ids: readonly number[]): LibraryProject[];
  /** Removes projects by id; a document left with no project goes too. Returns how many were removed. */
  remove(projectIds: readonly number[]): number;
  removeDocument(documentId: number): number;
  /** Every project, in id order. */
  all(): IterableIterator<LibraryProject>;
  counts(): LibraryCounts;
  /** Projects like the text, best first. */
  search(text: string, options?: SearchFilters & { limit?: number; excludeIds?: readonly number[] }): SearchHit[];
  close(): void;
}
