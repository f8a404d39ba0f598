// What the rest of the toolkit needs of a library of past projects. SQLite (sqlite-store.ts)
// implements it for one machine, PostgreSQL (postgres-store.ts) for a province's shared server. Every
// method answers a promise: SQLite answers at once, PostgreSQL over the network.
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
 * A change the store cannot make (disk full, another writer holding the library, read-only, the
 * database out of reach) rejects with LibraryError (errors.ts), nothing of it written; any other
 * rejection is a bug.
 */
export interface LibraryStore {
  /** Adds an extracted document, all of it or nothing (one transaction). */
  add(extraction: Extraction, options?: AddOptions): Promise<AddResult>;
  /** `exactUnit`: the unit filter names the whole unit, not part of it. */
  list(filters?: SearchFilters & { limit?: number; offset?: number; exactUnit?: boolean }): Promise<LibraryProjectSummary[]>;
  get(id: number): Promise<LibraryProject | null>;
  getMany(ids: readonly number[]): Promise<LibraryProject[]>;
  /** Removes projects by id; a document left with no project goes too. Returns how many were removed. */
  remove(projectIds: readonly number[]): Promise<number>;
  removeDocument(documentId: number): Promise<number>;
  /** Every project, in id order, read a page at a time. */
  all(): AsyncIterableIterator<LibraryProject>;
  counts(): Promise<LibraryCounts>;
  /** How many projects the library holds, cheaply (may lag another process's additions a little). */
  projectCount(): Promise<number>;
  categoryCounts(): Promise<CategoryCount[]>;
  /** How many projects use each word (library/words.ts): how common a word of an indicator's name is. */
  wordDocuments(words: readonly string[]): Promise<Map<string, number>>;
  /** Projects like the query, the most similar (absolute similarity, library/similarity.ts) first (search.ts). */
  search(query: SearchQuery, options?: SearchFilters & { limit?: number; excludeIds?: readonly number[] }): Promise<SearchHit[]>;
  close(): Promise<void>;
}
