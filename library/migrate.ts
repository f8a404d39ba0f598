// The PostgreSQL library's schema, brought up to date when the library is opened: the numbered SQL
// files of migrations/ run by node-pg-migrate, each once, in order, in one transaction, recorded in
// its table. Servers and workers starting together wait for each other on node-pg-migrate's
// advisory lock instead of failing, and the first one migrates.
import { fileURLToPath } from 'node:url';
import type { ClientBase, Pool } from 'pg';

/** Beside this module in the sources and in dist/ (scripts/build.mjs copies them). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations/', import.meta.url));
/** node-pg-migrate's record of the migrations run. */
export const MIGRATIONS_TABLE = 'jixiao_migrations';

/** Runs the migrations not yet run; returns their names. */
export async function migrate(client: ClientBase): Promise<string[]> {
  // Loaded here: only a PostgreSQL library needs it, and it is no small module for the CLI to start with.
  const { runner } = await import('node-pg-migrate');
  const quiet = () => {};
  const ran = await runner({
    dbClient: client,
    dir: MIGRATIONS_FOLDER,
    // The SQL files alone, whatever else the folder holds.
    ignorePattern: '.*(?<!\\.sql)',
    migrationsTable: MIGRATIONS_TABLE,
    direction: 'up',
    count: Infinity,
    checkOrder: true,
    singleTransaction: true,
    advisoryLockMode: 'wait',
    logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
  return ran.map((migration) => migration.name);
}

/** The migrations run on a connection of `pool`, given back afterwards (the library and the job queue open theirs so). */
export async function migratePool(pool: Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    return await migrate(client);
  } finally {
    client.release();
  }
}
