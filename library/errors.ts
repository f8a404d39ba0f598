// Why the library could not take a change, as a stable code: the disk (or the library's quota) is
// full, another writer held it too long, the file is read-only, or it cannot be opened at all.
// SQLite's, PostgreSQL's and the file system's or network's errors are translated here, at the
// store's edge, so callers never see a driver's message or stack.
import { SqliteError } from 'better-sqlite3';

export const LIBRARY_ERROR_CODES = ['LIBRARY_FULL', 'LIBRARY_BUSY', 'LIBRARY_READONLY', 'LIBRARY_UNAVAILABLE'] as const;
export type LibraryErrorCode = (typeof LIBRARY_ERROR_CODES)[number];

export class LibraryError extends Error {
  constructor(
    readonly code: LibraryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LibraryError';
  }
}

const FULL = { code: 'LIBRARY_FULL', message: 'the library’s disk (or its size limit) is full; nothing of this change was written' } as const;
const BUSY = { code: 'LIBRARY_BUSY', message: 'another process held the library for too long; nothing of this change was written, try again' } as const;
const READONLY = { code: 'LIBRARY_READONLY', message: 'the library file cannot be written (read-only file, folder or disk)' } as const;
const UNAVAILABLE = { code: 'LIBRARY_UNAVAILABLE', message: 'the library file cannot be opened or read (a missing folder, not an SQLite file, or a damaged one)' } as const;

/** SQLite result codes (primary, before the extended suffix) and what they mean for a writer. */
const SQLITE_CODES: Record<string, { code: LibraryErrorCode; message: string }> = {
  SQLITE_FULL: FULL,
  SQLITE_BUSY: BUSY,
  SQLITE_LOCKED: { code: 'LIBRARY_BUSY', message: 'the library is locked; nothing of this change was written, try again' },
  SQLITE_READONLY: READONLY,
  SQLITE_CANTOPEN: UNAVAILABLE,
  SQLITE_NOTADB: UNAVAILABLE,
  SQLITE_CORRUPT: UNAVAILABLE,
};

const UNREACHABLE = { code: 'LIBRARY_UNAVAILABLE', message: 'the library’s database cannot be reached or opened (DATABASE_URL: the server, the database, the user and password)' } as const;

/** The same conditions met by the file system before SQLite is reached (making the library's folder), or by the network before PostgreSQL is. */
const ERRNO_CODES: Record<string, { code: LibraryErrorCode; message: string }> = {
  ENOSPC: FULL,
  EDQUOT: FULL,
  EROFS: READONLY,
  EACCES: READONLY,
  EPERM: READONLY,
  ENOTDIR: UNAVAILABLE,
  ECONNREFUSED: UNREACHABLE,
  ECONNRESET: UNREACHABLE,
  ENOTFOUND: UNREACHABLE,
  EAI_AGAIN: UNREACHABLE,
  EHOSTUNREACH: UNREACHABLE,
  ETIMEDOUT: UNREACHABLE,
};

/** PostgreSQL's SQLSTATE codes, by their class (the first two characters) or whole. */
const POSTGRES_CODES: Record<string, { code: LibraryErrorCode; message: string }> = {
  '53100': { code: 'LIBRARY_FULL', message: 'the library database’s disk is full; nothing of this change was written' },
  '55P03': { code: 'LIBRARY_BUSY', message: 'another writer held the library for too long; nothing of this change was written, try again' },
  '40001': BUSY,
  '40P01': BUSY,
  '53300': { code: 'LIBRARY_BUSY', message: 'the library database has no connection free; nothing of this change was written, try again' },
  '25006': { code: 'LIBRARY_READONLY', message: 'the library database takes no writes (a read-only server or transaction)' },
  '42501': { code: 'LIBRARY_READONLY', message: 'the library database’s user may not write to it' },
  '08': UNREACHABLE,
  '28': UNREACHABLE,
  '3D000': UNREACHABLE,
  '57P01': UNREACHABLE,
  '57P02': UNREACHABLE,
  '57P03': UNREACHABLE,
};

/** node-postgres's DatabaseError, told by its shape (the driver itself is loaded only for a PostgreSQL library). */
function postgresCode(error: unknown): string | null {
  const { code, severity } = (error ?? {}) as { code?: unknown; severity?: unknown };
  return typeof code === 'string' && typeof severity === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** The error as a LibraryError when it is one of the conditions above; anything else is returned as it is. */
export function asLibraryError(error: unknown): unknown {
  if (error instanceof LibraryError) return error;
  if (error instanceof SqliteError) {
    const known = SQLITE_CODES[error.code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')];
    return known ? new LibraryError(known.code, known.message) : error;
  }
  const sqlState = postgresCode(error);
  if (sqlState !== null) {
    const known = POSTGRES_CODES[sqlState] ?? POSTGRES_CODES[sqlState.slice(0, 2)];
    return known ? new LibraryError(known.code, known.message) : error;
  }
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  const known = typeof errno === 'string' ? ERRNO_CODES[errno] : undefined;
  return known ? new LibraryError(known.code, known.message) : error;
}

/** Runs a write; SQLite's disk-full, busy and read-only errors leave it as LibraryError. */
export function writing<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw asLibraryError(error);
  }
}
