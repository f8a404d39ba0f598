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
  province: z.string().optional().describe('province, e.g. 湖南'),
  category: z.string().optional().describe('project category (vocab/categories.ts), e.g. 水利'),
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
      description:
        'From the library projects whose absolute similarity (0..1, comparable across requests) reaches `floor`, the same category first: every indicator says where it came from (`origin`: a precedent row with its `sources` and `similarity`, the category’s template, the request’s own purpose, or the model), how sure it is (`confidence`, with what to `check` when low) and why (`rationale`). When no project reaches the floor the rows are the category’s template (`fallback`). The budget may be left out when it is not known yet: rows that depend on it come back with an empty value and a check. The draft comes with the validator’s findings. With a model configured, similar projects are reranked by embeddings and the wording refined (`refinedBy` says so).',
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
      description: 'The most similar first, by absolute similarity (0..1: the share of the text’s words, weighted by rarity, the project also has; comparable across queries); `score` is the BM25 score the candidates were found by. Filtered by year, unit, region, province and category.',
      request: { query: SearchQuery },
      responses: { 200: { description: 'the most similar projects, best first, with their absolute similarity, scores and matched terms', content: { 'application/json': { schema: SearchResult } } }, ...badRequest },
    }),
    async (c) => {
      const { q, limit, ...filters } = c.req.valid('query');
      const [hits, counts] = await Promise.all([library.search(q, { ...filters, limit }), library.counts()]);
      return c.json({ hits, library: counts }, 200);
    },
  );
}
