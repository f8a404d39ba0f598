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

export interface AddOptions {
  /** the place the documents' units belong to (保定), when the unit names do not say */
  region?: string | null;
  /** the province (湖南), when neither the region nor the unit names say */
  province?: string | null;
}

/** Projects held per category (vocab/categories.ts); null: none of the categories' words. */
export interface CategoryCount {
  category: string | null;
  projects: number;
}

/** A search's text: a name, or a new project's name and what else it says (purpose, goals). */
export type SearchQuery = string | { name: string; about?: string };

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
  add(extraction: Extraction, options?: AddOptions): AddResult;
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
  /** How many projects the library holds, cheaply (may lag another process's additions a little). */
  projectCount(): number;
  categoryCounts(): CategoryCount[];
  /** How many projects use each word (library/words.ts): how common a word of an indicator's name is. */
  wordDocuments(words: readonly string[]): Map<string, number>;
  /** Projects like the query, the most similar (absolute similarity, library/similarity.ts) first. */
  search(query: SearchQuery, options?: SearchFilters & { limit?: number; excludeIds?: readonly number[] }): SearchHit[];
  close(): void;
}
