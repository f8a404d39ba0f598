// The library over HTTP: list and read its projects (open to all), add a document and remove a
// project (requireWriteAccess: the bearer token, or a loopback server without one). Searching it is
// GET /api/library/search, beside drafting (draft.ts).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AddResult, LibraryStore } from '../../library/store.ts';
import { LibraryProject, LibraryProjectSummary } from '../../schemas/library.ts';
import { requireWriteAccess } from '../access.ts';
import type { ServerConfig } from '../config.ts';
import { ApiError, ErrorBody } from '../errors.ts';
import { FileForm, TextBody } from '../request-body.ts';
import type { JobStore } from '../jobs.ts';
import type { TaskRunner } from '../tasks/runner.ts';
import { documentedRoute } from './documented.ts';
import { readNow } from './extract.ts';
import { readingInput } from '../request-body.ts';

const LibraryCounts = z
  .object({ documents: z.number().int(), projects: z.number().int(), indicators: z.number().int() })
  .describe('what the library holds');

const Region = z.string().trim().min(1).max(40).describe('the place the document’s units belong to (保定, 河北 …), when their names do not say it');

const AddedBody = z
  .object({
    documentId: z.number().int().nullable().describe('the new document’s id, or null when nothing was added'),
    added: z.number().int().describe('projects stored'),
    skipped: z
      .array(z.object({ name: z.string().nullable(), reason: z.enum(['duplicate', 'no-indicators']) }))
      .describe('projects left out: kept already from another file (same unit, year and 项目编码 or 项目名称), or without indicator rows'),
    duplicateOfDocument: z.number().int().nullable().describe('set when the very same file (by content hash) is in the library already'),
    library: LibraryCounts,
  })
  .describe('what adding the document did') satisfies z.ZodType<AddResult & { library: unknown }>;

const ListQuery = z.object({
  year: z.coerce.number().int().optional().describe('budget year'),
  unit: z.string().optional().describe('unit name, or part of it'),
  region: z.string().optional().describe('region, e.g. 保定'),
  province: z.string().optional().describe('province, e.g. 湖南'),
  category: z.string().optional().describe('project category (vocab/categories.ts), e.g. 水利'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const ProjectParams = z.object({ id: z.coerce.number().int().min(1).describe('project id in the library') });

const response = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });
const ERRORS = {
  400: response('BAD_REQUEST: the body, a parameter or the region does not fit its schema'),
  401: response('UNAUTHORIZED: a token is configured (JIXIAO_TOKEN) and the request has no `Authorization: Bearer` header with it; answered with WWW-Authenticate: Bearer'),
  403: response('FORBIDDEN: no token is configured and the request does not come through a loopback address from this server’s own page (or a CORS_ORIGINS origin)'),
  404: response('NOT_FOUND: no such project'),
  413: response('FILE_TOO_LARGE and the other reading limits'),
  422: response('the document cannot be read: UNSUPPORTED_FORMAT, ENCRYPTED, CORRUPT, TRUNCATED …'),
  429: response('BUSY: the reading queue is full; retry after the Retry-After header'),
  500: response('LIBRARY_READONLY or LIBRARY_UNAVAILABLE: the server cannot write (or open) its library file'),
  503: response('LIBRARY_BUSY: another process held the library too long; nothing was written, retry after the Retry-After header'),
  507: response('LIBRARY_FULL: the library’s disk is full; nothing of this document was written'),
} as const;
const errors = <S extends keyof typeof ERRORS>(...statuses: S[]) => Object.fromEntries(statuses.map((status) => [status, ERRORS[status]])) as Pick<typeof ERRORS, S>;

export interface LibraryDeps {
  config: ServerConfig;
  runner: TaskRunner;
  jobs: JobStore;
  library: LibraryStore;
}

/** The region a document is added under: `?region=`, else a `region` beside the text or the file. */
async function regionOf(c: Context): Promise<string | null> {
  // The body is read once: the document is read from the same reading afterwards.
  const fromBody = (await readingInput(c)).fields['region'];
  const given = c.req.query('region') ?? fromBody;
  if (given === undefined) return null;
  const parsed = Region.safeParse(given);
  if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', 'region: a place name of 1 to 40 characters');
  return parsed.data;
}

export function registerLibraryRoutes(app: OpenAPIHono, deps: LibraryDeps): void {
  const { library } = deps;
  const writeAccess = requireWriteAccess(deps.config);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'JIXIAO_TOKEN, required to change the library when the server has one; without one, changes are taken only on a loopback server',
  });

  documentedRoute(
    app,
    createRoute({
      method: 'post',
      path: '/api/library/documents',
      summary: 'Read a document and add its projects to the library',
      description:
        'The document as for POST /api/extract (pasted text as JSON, a multipart field "file", or the bytes), with an optional region (`?region=`, or a `region` field beside the text or the file). All its projects go in or none (one transaction); the very same file, and projects kept already from another file, are skipped. 201 when a document was added, 200 when nothing was. Needs `Authorization: Bearer <JIXIAO_TOKEN>` when a token is configured.',
      middleware: [writeAccess],
      security: [{ bearer: [] }],
      request: {
        query: z.object({ region: Region.optional() }),
        body: {
          required: true,
          description: 'pasted text as JSON, or a document as a multipart field "file", or the document bytes as the body (name it in X-Filename)',
          content: {
            'application/json': { schema: TextBody.extend({ region: Region.optional() }) },
            'multipart/form-data': { schema: FileForm.extend({ region: Region.optional() }) },
            'application/octet-stream': { schema: z.string().meta({ type: 'string', format: 'binary' }) },
          },
        },
      },
      responses: {
        201: { description: 'the document was added', content: { 'application/json': { schema: AddedBody } } },
        200: { description: 'nothing was added: the same file is there already, or none of its projects is new', content: { 'application/json': { schema: AddedBody } } },
        ...errors(400, 401, 403, 413, 422, 429, 500, 503, 507),
      },
    }),
    async (c) => {
      const region = await regionOf(c);
      const extraction = await readNow(c, deps);
      // The client was answered TIMEOUT while the document was read: it was told nothing was added,
      // so nothing is.
      if (c.finalized) return c.res;
      const result = await library.add(extraction, { region });
      return c.json({ ...result, library: await library.counts() }, result.documentId === null ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/library/projects',
      summary: 'The projects kept in the library',
      description: 'In id order, a page at a time (`limit`, `offset`), filtered by year, unit, region, province and category.',
      request: { query: ListQuery },
      responses: {
        200: { description: 'a page of projects, and what the library holds', content: { 'application/json': { schema: z.object({ projects: z.array(LibraryProjectSummary), library: LibraryCounts }) } } },
        ...errors(400),
      },
    }),
    async (c) => {
      const [projects, counts] = await Promise.all([library.list(c.req.valid('query')), library.counts()]);
      return c.json({ projects, library: counts }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/library/projects/{id}',
      summary: 'A project kept in the library, whole',
      request: { params: ProjectParams },
      responses: { 200: { description: 'the project', content: { 'application/json': { schema: LibraryProject } } }, ...errors(400, 404) },
    }),
    async (c) => {
      const project = await library.get(c.req.valid('param').id);
      if (!project) throw new ApiError(404, 'NOT_FOUND', 'no such project in the library');
      return c.json(project, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/library/projects/{id}',
      summary: 'Remove a project from the library',
      description: 'A document left with no project goes too. Needs `Authorization: Bearer <JIXIAO_TOKEN>` when a token is configured.',
      middleware: [writeAccess],
      security: [{ bearer: [] }],
      request: { params: ProjectParams },
      responses: {
        200: { description: 'removed', content: { 'application/json': { schema: z.object({ removed: z.number().int(), library: LibraryCounts }) } } },
        ...errors(400, 401, 403, 404, 500, 503, 507),
      },
    }),
    async (c) => {
      const removed = await library.remove([c.req.valid('param').id]);
      if (removed === 0) throw new ApiError(404, 'NOT_FOUND', 'no such project in the library');
      return c.json({ removed, library: await library.counts() }, 200);
    },
  );
}
