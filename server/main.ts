// `npm start`: serves the API and the page, with the settings from the environment.
import { serve } from '@hono/node-server';
import { LibraryError } from '../library/errors.ts';
import { shownLocation } from '../library/open.ts';
import { createServer, type Server } from './app.ts';
import { readConfig, type ServerConfig } from './config.ts';

const read = readConfig(process.env);
if (!read.ok) {
  console.error(`jixiao: bad settings:\n  ${read.problems.join('\n  ')}`);
  process.exit(2);
}
const { config } = read;
/** The server with its library open and seeded, or the start stopped with the library's code and place, not a stack. */
async function start(config: ServerConfig): Promise<Server> {
  try {
    const server = createServer(config);
    await server.ready;
    return server;
  } catch (error) {
    // A library that cannot be opened or seeded: read-only, full, not an SQLite file, a database out of reach.
    if (!(error instanceof LibraryError)) throw error;
    const where = config.DATABASE_URL ? `DATABASE_URL (${shownLocation(config.DATABASE_URL)})` : `JIXIAO_LIBRARY (${config.JIXIAO_LIBRARY})`;
    console.error(`jixiao: ${where}: ${error.code}: ${error.message}`);
    process.exit(2);
  }
}
const server = await start(config);
const http = serve({ fetch: server.app.fetch, hostname: config.HOST, port: config.PORT }, (info) => {
  console.log(`jixiao listening on http://${config.HOST}:${info.port} (API docs: /docs)`);
});
// The reading workers load while the first requests are already answered.
void server.runner.warm();

const stop = () => {
  http.close();
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
