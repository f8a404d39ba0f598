// The Hono app: thin routes over the reading, editing and export stages, an OpenAPI document made
// from the same zod schemas, and the page. Heavy reading runs in worker threads (tasks/), so the
// event loop stays free for requests.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import { LibraryError } from '../library/errors.ts';
import { openLibrary } from '../library/open.ts';
import { createLlm } from '../llm/client.ts';
import { seedIfEmpty } from '../library/seed.ts';
import type { LibraryStore } from '../library/store.ts';
import { SCHEMA_VERSION } from '../schemas/extraction.ts';
import { VERSION } from '../pipeline/version.ts';
import { EngineError } from '../pipeline/index.ts';
import { corsForListedOrigins } from './access.ts';
import { bodyLimit } from './body-limit.ts';
import { defaultConfig, type ServerConfig } from './config.ts';
import { IngestError } from '../ingest/index.ts';
// Before any reading worker starts: a worker cannot set the environment the OCR runtime reads.
import '../ingest/ocr/no-telemetry.ts';
import { ApiError, errorResponse, ingestError, libraryError } from './errors.ts';
import { MemoryJobStore, type JobStore } from './jobs.ts';
import { PostgresJobStore } from './postgres-jobs.ts';
import { registerDraftRoutes } from './routes/draft.ts';
import { registerEditRoutes } from './routes/edit.ts';
import { registerExtractRoutes } from './routes/extract.ts';
import { registerLibraryRoutes } from './routes/library.ts';
import { registerMetaRoutes } from './routes/meta.ts';
import { registerPageRoutes } from './routes/page.ts';
import { registerValidateRoutes } from './routes/validate.ts';
import { TaskRunner } from './tasks/runner.ts';


export interface Server {
  app: OpenAPIHono;
  runner: TaskRunner;
  jobs: JobStore;
  library: LibraryStore;
  /** Settles when the library is open and seeded; rejects with LibraryError when it cannot be. Library routes wait for it. */
  ready: Promise<void>;
  close: () => Promise<void>;
}

/** Limits that answer with a status of their own, by status. */
const HTTP_CODES: Record<number, string> = { 413: 'FILE_TOO_LARGE', 504: 'TIMEOUT' };

export function createServer(config: ServerConfig = defaultConfig()): Server {
  const runner = new TaskRunner({
    workers: config.JOB_CONCURRENCY,
    queueSize: config.JOB_QUEUE_SIZE,
    taskTimeoutMs: config.TASK_TIMEOUT_SECONDS * 1000,
    workerMemoryMb: config.WORKER_MEMORY_MB,
  });
  // With DATABASE_URL the jobs are the database's, read by `jixiao worker` processes anywhere;
  // without it, this process reads them itself.
  const jobs: JobStore = config.DATABASE_URL
    ? new PostgresJobStore(config.DATABASE_URL, { ttlMs: config.JOB_TTL_MINUTES * 60_000, taskTimeoutSeconds: config.TASK_TIMEOUT_SECONDS })
    : new MemoryJobStore(runner, config.JOB_TTL_MINUTES * 60_000, config.JOB_KEEP_MAX);
  const library = openLibrary(config.DATABASE_URL ?? config.JIXIAO_LIBRARY);
  // A fresh install drafts out of the box: an empty library starts with the seed disclosures. The
  // library's routes wait for it; the rest of the server answers meanwhile.
  const ready = seedIfEmpty(library).then(() => {});
  ready.catch(() => {});
  const libraryReady: MiddlewareHandler = async (_c, next) => {
    await ready;
    await next();
  };
  const app = new OpenAPIHono({
    // Parameters and bodies the schemas refuse: one error shape for all.
    defaultHook: (result, c) => {
      if (!result.success) return errorResponse(c, new ApiError(400, 'BAD_REQUEST', result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')));
    },
  });

  // Every answer: the page runs only its own scripts, loads only from this server, and is framed by
  // no one (a hostile document's text is escaped already; this is the second wall).
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Swagger UI and the page set element styles from script.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      xContentTypeOptions: 'nosniff',
      referrerPolicy: 'no-referrer',
      // Plain HTTP on a local address: HSTS would pin a name that may later serve something else.
      strictTransportSecurity: false,
    }),
  );
  // First, so that a preflight from a listed origin is answered before any limit looks at it.
  app.use('/api/*', corsForListedOrigins(config.CORS_ORIGINS));
  const maxBytes = config.MAX_UPLOAD_MB * 1024 * 1024;
  app.use('/api/*', bodyLimit({ maxSize: maxBytes, onError: (c) => errorResponse(c, ingestError('FILE_TOO_LARGE', `the body is over ${config.MAX_UPLOAD_MB} MB (MAX_UPLOAD_MB)`)) }));
  const timeLimit = timeout(config.REQUEST_TIMEOUT_SECONDS * 1000, () => new HTTPException(504, { message: `no answer within ${config.REQUEST_TIMEOUT_SECONDS} s; read long documents as a job (POST /api/extract/jobs)` }));
  for (const path of ['/api/extract', '/api/validate', '/api/revise', '/api/export/*', '/api/library/documents']) app.use(path, timeLimit);

  registerMetaRoutes(app, { runner, version: VERSION, schemaVersion: SCHEMA_VERSION, model: config.OPENAI_API_KEY || config.OPENAI_BASE_URL ? config.JIXIAO_MODEL : null });
  registerExtractRoutes(app, { config, runner, jobs });
  registerValidateRoutes(app, { config, runner, jobs });
  registerEditRoutes(app);
  for (const path of ['/api/draft', '/api/library/*']) app.use(path, libraryReady);
  registerDraftRoutes(app, library, config.OPENAI_API_KEY || config.OPENAI_BASE_URL ? createLlm(config) : null);
  registerLibraryRoutes(app, { config, runner, jobs, library });
  registerPageRoutes(app);

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    // Text read on the spot that breaks a limit: its code, like a file read in a worker.
    if (error instanceof IngestError) return errorResponse(c, ingestError(error.code, error.message));
    if (error instanceof EngineError) return errorResponse(c, ingestError(error.code, error.message));
    if (error instanceof LibraryError) return errorResponse(c, libraryError(error));
    if (error instanceof HTTPException) return errorResponse(c, new ApiError(error.status, HTTP_CODES[error.status] ?? 'HTTP_ERROR', error.message));
    // A bug: logged here, and the client gets a code, not a stack trace.
    console.error(error);
    return errorResponse(c, new ApiError(500, 'INTERNAL', 'the server failed to answer this request; it has been logged'));
  });

  return {
    app,
    runner,
    jobs,
    library,
    ready,
    close: async () => {
      await jobs.close();
      // Not while it is being seeded: the seeding would meet a closed library.
      await ready.catch(() => {});
      await library.close();
      await runner.close();
    },
  };
}
