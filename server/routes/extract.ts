// Reading documents: at once (POST /api/extract) or as a job followed to the end
// (POST /api/extract/jobs, GET …/:id, GET …/:id/events, GET …/:id/pages/:page).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { extractText, extractTextWithEngine } from '../../pipeline/index.ts';
import { createLlm } from '../../llm/client.ts';
import { LlmConfig } from '../../llm/config.ts';
import { engineNames, Extraction, type EngineName } from '../../schemas/extraction.ts';
import { ingestLimitsOf, type ServerConfig } from '../config.ts';
import { ApiError, ErrorBody, ingestError } from '../errors.ts';
import { JobBody, type JobEvent, type JobStore } from '../jobs.ts';
import { FileForm, readingInput, TextBody, type ReadingInput } from '../request-body.ts';
import type { Task, TaskEngine } from '../tasks/messages.ts';
import { documentedRoute } from './documented.ts';
import { QueueFullError, type TaskRunner } from '../tasks/runner.ts';

const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, { description: ERROR_DESCRIPTIONS[status] ?? 'error', content: { 'application/json': { schema: ErrorBody } } }]));

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'BAD_REQUEST: the body is neither JSON { text }, a multipart field "file", nor document bytes',
  404: 'NOT_FOUND: no such job or page (jobs expire)',
  413: 'FILE_TOO_LARGE and other limits: the upload, its decompressed parts, pages or pixels are over the limit',
  422: 'the document cannot be read: UNSUPPORTED_FORMAT, ENCRYPTED, CORRUPT, TRUNCATED, LEGACY_FORMAT …',
  429: 'BUSY: the reading queue is full; retry after the Retry-After header',
  504: 'TIMEOUT: the request took longer than REQUEST_TIMEOUT_SECONDS (use a job for long reads)',
};

const readingBody = {
  required: true,
  description: 'pasted text as JSON, or a document as a multipart field "file", or the document bytes as the body (name it in X-Filename)',
  content: {
    'application/json': { schema: TextBody },
    'multipart/form-data': { schema: FileForm },
    'application/octet-stream': { schema: z.string().meta({ type: 'string', format: 'binary' }) },
  },
};

export const EngineQuery = z.object({
  engine: z
    .enum(engineNames)
    .default('rules')
    .describe('rules (default): the rules alone; llm: the configured model reads every table, held to the source; auto: the rules, and the model for what they could not read'),
});

const JobParams = z.object({ id: z.string().describe('job id') });
const PageParams = JobParams.extend({ page: z.coerce.number().int().min(1).describe('page number, 1-based') });
const PageQuery = z.object({ width: z.coerce.number().int().min(100).max(2400).default(1000).describe('image width in pixels') });

export interface ExtractDeps {
  config: ServerConfig;
  runner: TaskRunner;
  jobs: JobStore;
}

type ReadingTask = Extract<Task, { kind: 'extract' | 'extract-text' }>;

/** The engine the request asks for (?engine=), with the model settings; llm without a model is refused. */
export function engineOf(c: Context, config: ServerConfig): TaskEngine {
  const parsed = EngineQuery.safeParse({ engine: c.req.query('engine') });
  if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', `engine must be one of ${engineNames.join(', ')}`);
  const name: EngineName = parsed.data.engine;
  const llm = config.OPENAI_API_KEY || config.OPENAI_BASE_URL ? LlmConfig.parse(config) : null;
  if (name === 'llm' && !llm) throw new ApiError(400, 'MODEL_NOT_CONFIGURED', 'the llm engine needs a model endpoint: the server has no OPENAI_BASE_URL / OPENAI_API_KEY; use engine=rules or auto');
  return { name, llm: name === 'rules' ? null : llm };
}

export function taskOf(input: ReadingInput, config: ServerConfig, engine?: TaskEngine): ReadingTask {
  const limits = ingestLimitsOf(config);
  if (input.kind === 'text') return { kind: 'extract-text', text: input.text, limits, engine };
  return { kind: 'extract', bytes: input.bytes, filename: input.filename, limits, engine };
}

function busy(error: unknown): never {
  if (error instanceof QueueFullError) throw new ApiError(429, 'BUSY', error.message, { 'Retry-After': String(error.retryAfterSeconds) });
  throw error;
}

/** The request's document read now: pasted text on the spot, files in a worker. */
export async function readNow(c: Context, deps: ExtractDeps): Promise<Extraction> {
  const engine = engineOf(c, deps.config);
  const input = await readingInput(c);
  // Pasted text is read on the spot (a table takes a millisecond, a model waits on the network);
  // files and long text go to a worker.
  if (input.kind === 'text' && input.text.length <= deps.config.MAX_SYNC_TEXT_KB * 1024) {
    const limits = ingestLimitsOf(deps.config);
    return engine.name === 'rules' ? extractText(input.text, limits) : extractTextWithEngine(input.text, { engine: engine.name, llm: engine.llm ? createLlm(engine.llm) : null }, limits);
  }
  const task = taskOf(input, deps.config, engine);
  // The worker stops when the client goes away or the request's own time is up: nobody waits for it then.
  const signal = AbortSignal.any([c.req.raw.signal, AbortSignal.timeout(deps.config.REQUEST_TIMEOUT_SECONDS * 1000)]);
  let running;
  try {
    running = deps.runner.run(task, { signal, transfer: true });
  } catch (error) {
    busy(error);
  }
  const outcome = await running;
  if (!outcome.ok) throw ingestError(outcome.code, outcome.message);
  if (!('extraction' in outcome)) throw new Error('a reading task returned no extraction');
  return outcome.extraction;
}

export function registerExtractRoutes(app: OpenAPIHono, deps: ExtractDeps): void {
  documentedRoute(
    app,
    createRoute({
      method: 'post',
      path: '/api/extract',
      summary: 'Read a document now',
      description: 'Pasted text, or a file of any supported format, to the extraction contract (schema version 1). Long reads (OCR) may run into the request timeout: use a job.',
      request: { body: readingBody, query: EngineQuery },
      responses: { 200: { description: 'the extraction', content: { 'application/json': { schema: Extraction } } }, ...errors(400, 413, 422, 429, 504) },
    }),
    async (c) => c.json(await readNow(c, deps), 200),
  );

  documentedRoute(
    app,
    createRoute({
      method: 'post',
      path: '/api/extract/jobs',
      summary: 'Start reading a document as a job',
      description: 'Returns at once with the job; follow it with GET /api/extract/jobs/{id} or its event stream.',
      request: { body: readingBody, query: EngineQuery },
      responses: { 202: { description: 'the job, queued', content: { 'application/json': { schema: JobBody } } }, ...errors(400, 413, 429) },
    }),
    async (c) => {
      const engine = engineOf(c, deps.config);
      const input = await readingInput(c);
      const task = taskOf(input, deps.config, engine);
      try {
        return c.json(await deps.jobs.submit(task, input.kind === 'file' ? input.filename : null), 202);
      } catch (error) {
        busy(error);
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/extract/jobs/{id}',
      summary: 'A job: its status, progress, and result when done',
      request: { params: JobParams },
      responses: { 200: { description: 'the job', content: { 'application/json': { schema: JobBody } } }, ...errors(404) },
    }),
    async (c) => {
      const job = await deps.jobs.get(c.req.valid('param').id);
      if (!job) throw new ApiError(404, 'NOT_FOUND', 'no such job (finished jobs are kept for JOB_TTL_MINUTES)');
      return c.json(job, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/extract/jobs/{id}',
      summary: 'Delete a job',
      description: 'A job still waiting is taken out of the line, one being read has its worker stopped; its upload and result are dropped. Followers of its events get a last `status` event (failed, CANCELLED).',
      request: { params: JobParams },
      responses: { 204: { description: 'deleted' }, ...errors(404) },
    }),
    async (c) => {
      if (!(await deps.jobs.delete(c.req.valid('param').id))) throw new ApiError(404, 'NOT_FOUND', 'no such job');
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/extract/jobs/{id}/events',
      summary: 'A job’s progress as server-sent events',
      description: 'Events: `progress` ({ stage, done, total }) while reading, `status` (the job) on each change; the stream ends when the job is done or failed.',
      request: { params: JobParams },
      responses: { 200: { description: 'an event stream', content: { 'text/event-stream': { schema: z.string() } } }, ...errors(404) },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const job = await deps.jobs.get(id);
      if (!job) throw new ApiError(404, 'NOT_FOUND', 'no such job');
      return streamSSE(c, async (stream) => {
        const ended = (status: string) => status === 'done' || status === 'failed';
        await stream.writeSSE({ event: 'status', data: JSON.stringify(job) });
        if (ended(job.status)) return;
        await new Promise<void>((resolve) => {
          // Writes go out in order, and the stream ends only after the last one is written.
          let written = Promise.resolve();
          const stop = deps.jobs.follow(id, (event: JobEvent) => {
            const data = JSON.stringify(event.type === 'progress' ? event.progress : event.job);
            written = written.then(() => stream.writeSSE({ event: event.type, data }));
            if (event.type === 'status' && ended(event.job.status)) void written.then(finish);
          });
          const finish = () => {
            stop?.();
            resolve();
          };
          stream.onAbort(finish);
        });
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/extract/jobs/{id}/pages/{page}',
      summary: 'A page of a job’s PDF or image, as PNG',
      description: 'For showing where a cell was read: scale its bbox by width / the page width the job reports.',
      request: { params: PageParams, query: PageQuery },
      responses: { 200: { description: 'the page', content: { 'image/png': { schema: z.string().meta({ type: 'string', format: 'binary' }) } } }, ...errors(404, 429) },
    }),
    async (c) => {
      const { id, page } = c.req.valid('param');
      const input = await deps.jobs.input(id);
      if (!input || !input.pages.some((size) => size.page === page)) throw new ApiError(404, 'NOT_FOUND', 'no such page of this job');
      let running;
      try {
        running = deps.runner.run({ kind: 'page-image', bytes: input.bytes, page, width: c.req.valid('query').width }, { signal: c.req.raw.signal });
      } catch (error) {
        busy(error);
      }
      const outcome = await running;
      if (!outcome.ok || !('png' in outcome)) throw new ApiError(404, 'NOT_FOUND', outcome.ok ? 'no image' : outcome.message);
      return c.body(outcome.png as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'image/png', 'cache-control': 'private, max-age=3600' });
    },
  );
}
