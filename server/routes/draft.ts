// Drafting from the library: POST /api/draft, and the search it rests on, GET /api/library/search.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { draftWithModel } from '../../draft/with-model.ts';
import type { Llm } from '../../llm/client.ts';
import type { LibraryStore } from '../../library/store.ts';
import { Draft, DraftRequest, SearchHit } from '../../schemas/library.ts';
import { ErrorBody } from '../errors.ts';

const SearchQuery = z.object({
  q: z.string().min(1).describe('what to look for: a project name, a purpose, words of its indicators'),
  year: z.coerce.number().int().optional().describe('budget year'),
  unit: z.string().optional().describe('unit name, or part of it'),
  region: z.string().optional().describe('region, e.g. 保定'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

const SearchResult = z.object({ hits: z.array(SearchHit), library: z.object({ documents: z.number().int(), projects: z.number().int(), indicators: z.number().int() }) });

const badRequest = { 400: { description: 'BAD_REQUEST: the body or the query does not fit its schema', content: { 'application/json': { schema: ErrorBody } } } };

export function registerDraftRoutes(app: OpenAPIHono, library: LibraryStore, llm: Llm | null): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/draft',
      summary: 'Draft indicators for a new project',
      description: 'From the most similar projects in the library: every indicator carries its sources and a one-line rationale; the draft comes with the validator’s findings. With a model configured, similar projects are reranked by embeddings and the wording refined (`refinedBy` says so).',
      request: { body: { required: true, content: { 'application/json': { schema: DraftRequest } } } },
      responses: { 200: { description: 'the draft', content: { 'application/json': { schema: Draft } } }, ...badRequest },
    }),
    async (c) => c.json((await draftWithModel(library, c.req.valid('json'), llm)).draft, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/library/search',
      summary: 'Projects in the library like a text',
      request: { query: SearchQuery },
      responses: { 200: { description: 'the most similar projects, best first, with scores and matched terms', content: { 'application/json': { schema: SearchResult } } }, ...badRequest },
    }),
    (c) => {
      const { q, limit, ...filters } = c.req.valid('query');
      return c.json({ hits: library.search(q, { ...filters, limit }), library: library.counts() }, 200);
    },
  );
}
