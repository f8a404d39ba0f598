// Where the library lives: --library, else JIXIAO_LIBRARY, else data/library.sqlite under the
// working folder; the CLI and the server open it the same way.
import { resolve } from 'node:path';
import { SqliteLibrary } from './sqlite-store.ts';
import type { LibraryStore } from './store.ts';

export const DEFAULT_LIBRARY_PATH = 'data/library.sqlite';

export function libraryPath(given?: string | null): string {
  const path = given ?? process.env.JIXIAO_LIBRARY ?? DEFAULT_LIBRARY_PATH;
  return path === ':memory:' ? path : resolve(path);
}

export function openLibrary(path: string): LibraryStore {
  return new SqliteLibrary(path);
}
