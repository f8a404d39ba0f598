// Where the library lives: --library, else DATABASE_URL, else JIXIAO_LIBRARY, else
// data/library.sqlite under the working folder; the CLI, the server and the API open it the same way.
// A postgres:// (or postgresql://) URL is a PostgreSQL library shared by many processes and
// machines (postgres-store.ts); anything else is an SQLite file, the embedded default (sqlite-store.ts).
import { resolve } from 'node:path';
import { PostgresLibrary } from './postgres-store.ts';
import { SqliteLibrary } from './sqlite-store.ts';
import type { LibraryStore } from './store.ts';

export const DEFAULT_LIBRARY_PATH = 'data/library.sqlite';

const DATABASE_URL = /^postgres(ql)?:\/\//i;

/** Whether a library location names a PostgreSQL database rather than an SQLite file. */
export const isDatabaseUrl = (location: string): boolean => DATABASE_URL.test(location);

/** The library to open: the location given, else the environment's, else the default file (made absolute). */
export function libraryLocation(given?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  const location = given || env.DATABASE_URL || env.JIXIAO_LIBRARY || DEFAULT_LIBRARY_PATH;
  return location === ':memory:' || isDatabaseUrl(location) ? location : resolve(location);
}

/** The location as it may be printed: a database URL without its password. */
export function shownLocation(location: string): string {
  if (!isDatabaseUrl(location)) return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * The library at a location. An SQLite file is opened at once (a file that cannot be opened throws
 * LibraryError here); a PostgreSQL library connects and migrates its schema in the background, and
 * its first call says whether that worked.
 */
export function openLibrary(location: string): LibraryStore {
  return isDatabaseUrl(location) ? new PostgresLibrary(location) : new SqliteLibrary(location);
}
