// Review findings for a document: POST /api/validate takes what /api/extract takes, or an
// extraction JSON (as /api/extract returned it, edited or not), and answers what
// `jixiao validate --json` prints for one file.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Extraction } from '../../schemas/extraction.ts';
import { ValidationResult } from '../../schemas/findings.ts';
import { asExtraction, validationResult } from '../../validate/index.ts';
import { ErrorBody } from '../errors.ts';
import { FileForm, TextBody } from '../request-body.ts';
import { documentedRoute } from './documented.ts';
import { readNow, type ExtractDeps } from './extract.ts';

export function registerValidateRoutes(app: OpenAPIHono, deps: ExtractDeps): void {
  documentedRoute(
    app,
    createRoute({
      method: 'post',
      path: '/api/validate',
      summary: 'Review a document or an extraction: findings with stable codes',
      description: 'The body is what POST /api/extract takes, or an extraction JSON. Findings follow shared/domain/review-rules.md with the default configuration.',
      request: {
        body: {
          required: true,
          content: {
            'application/json': { schema: z.union([TextBody, Extraction]) },
            'multipart/form-data': { schema: FileForm },
            'application/octet-stream': { schema: z.string().meta({ type: 'string', format: 'binary' }) },
          },
        },
      },
      responses: {
        200: { description: 'the findings and their counts', content: { 'application/json': { schema: ValidationResult } } },
        ...Object.fromEntries([400, 413, 422, 429, 504].map((status) => [status, { description: 'as POST /api/extract', content: { 'application/json': { schema: ErrorBody } } }])),
      },
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      // An extraction JSON is reviewed as it stands; anything else is read first.
      const given = type.includes('application/json') ? asExtraction(new Uint8Array(await c.req.raw.clone().arrayBuffer())) : null;
      const extraction = given ?? (await readNow(c, deps));
      return c.json(validationResult(extraction.source.filename, extraction.document), 200);
    },
  );
}
