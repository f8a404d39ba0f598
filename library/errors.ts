// Why the library could not take a change, as a stable code: the disk (or the library's quota) is
// full, another writer held it too long, the file is read-only, or it cannot be opened at all.
// SQLite's and the file system's errors are translated here, at the store's edge, so callers never
// see a driver's message or stack.
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

/** The same conditions met by the file system before SQLite is reached (making the library's folder). */
const ERRNO_CODES: Record<string, { code: LibraryErrorCode; message: string }> = {
  ENOSPC: FULL,
  EDQUOT: FULL,
  EROFS: READONLY,
  EACCES: READONLY,
  EPERM: READONLY,
  ENOTDIR: UNAVAILABLE,
};

/** The error as a LibraryError when it is one of the conditions above; anything else is returned as it is. */
export function asLibraryError(error: unknown): unknown {
  if (error instanceof SqliteError) {
    const known = SQLITE_CODES[error.code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')];
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
