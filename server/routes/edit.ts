// After a person corrects an extraction on the page: revise it (derived fields recomputed, schema
// checked) and export it for a spreadsheet or the budget system.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { toCsv, toTsv } from '../../export/delimited.ts';
import { toXlsx } from '../../export/xlsx.ts';
import { checkCell } from '../../extract/check-cell.ts';
import { reviseExtraction } from '../../extract/revise.ts';
import { Extraction } from '../../schemas/extraction.ts';
import { validateDocument } from '../../validate/index.ts';
import { ApiError, ErrorBody } from '../errors.ts';
import { documentedRoute } from './documented.ts';

const ExportParams = z.object({ format: z.enum(['json', 'csv', 'tsv', 'xlsx']).describe('file format') });

const CellBody = z
  .object({
    field: z.string().max(40).describe('the cell: a project field (name, code, owner, purpose, goals, budget.total, budget.fiscal, budget.other) or, with `rows`, an indicator field (level1, level2, name, description, value, basis)'),
    text: z.string().max(100_000).describe('what was typed'),
    rows: z
      .array(z.object({ level1: z.string().nullable(), level2: z.string().nullable() }))
      .max(10_000)
      .optional()
      .describe('the indicator rows the cell stands for (a merged level cell stands for several), with their levels before the edit'),
  })
  .describe('one cell as typed');

const CellCheckBody = z
  .object({
    ok: z.boolean().describe('false: the edit is refused, and `reason` says why'),
    value: z.union([z.string(), z.number(), z.null()]).optional().describe('what will be stored: an amount in 万元, text, or null for empty'),
    note: z.string().optional().describe('how revision changes what was typed (a short form made canonical, 元 converted, a 一级指标 that follows its 二级指标), in Chinese'),
    reason: z.string().optional().describe('why the edit is refused, in Chinese'),
  })
  .describe('the check of one typed cell');

const FORMATS = {
  json: { type: 'application/json; charset=utf-8', extension: 'json' },
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  tsv: { type: 'text/tab-separated-values; charset=utf-8', extension: 'tsv' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
} as const;

const errorResponses = {
  400: { description: 'BAD_REQUEST: the body is not JSON', content: { 'application/json': { schema: ErrorBody } } },
  422: { description: 'SCHEMA_INVALID: the edited extraction does not fit the contract; `issues` name each problem', content: { 'application/json': { schema: ErrorBody } } },
};

async function revisedBody(request: Request): Promise<Extraction> {
  const json: unknown = await request.json().catch(() => {
    throw new ApiError(400, 'BAD_REQUEST', 'the body is not valid JSON');
  });
  const revised = reviseExtraction(json);
  if (!revised.ok) throw new ApiError(422, 'SCHEMA_INVALID', `the edited extraction does not fit the contract (${revised.issues.length} problem(s))`, {}, revised.issues);
  // What a reviewer would say changes with the edit.
  return { ...revised.extraction, findings: validateDocument(revised.extraction.document) };
}

/** A file name from the source's, with the new extension. */
function downloadName(extraction: Extraction, extension: string): string {
  const stem = (extraction.source.filename ?? '绩效目标表').replace(/\.[^.]+$/, '');
  return `${stem}.${extension}`;
}

export function registerEditRoutes(app: OpenAPIHono): void {
  const extractionBody = { required: true, content: { 'application/json': { schema: Extraction } } };

  documentedRoute(
    app,
    createRoute({
      method: 'post',
      path: '/api/revise',
      summary: 'Check an edited extraction',
      description: 'Send an extraction after editing its text fields (value.raw, names, levels, basis…): the parsed fields are derived again as the extractor derives them, the result is checked against the schema, and its review findings are made again.',
      request: { body: extractionBody },
      responses: { 200: { description: 'the revised extraction', content: { 'application/json': { schema: Extraction } } }, ...errorResponses },
    }),
    async (c) => c.json(await revisedBody(c.req.raw), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/revise/cell',
      summary: 'Check one cell as it is typed',
      description:
        'What the page asks while a person types into a cell, before the edit is sent to /api/revise: an amount that is no number is refused, a 一级指标 that the rows’ canonical 二级指标 would put back is refused, and what revision would change is said as a note. Reasons and notes are in Chinese.',
      request: { body: { required: true, content: { 'application/json': { schema: CellBody } } } },
      responses: { 200: { description: 'the check', content: { 'application/json': { schema: CellCheckBody } } }, 400: errorResponses[400] },
    }),
    (c) => {
      const { field, text, rows } = c.req.valid('json');
      return c.json(checkCell(field, text, rows), 200);
    },
  );

  documentedRoute(
    app,
    createRoute({
      method: 'post',
      path: '/api/export/{format}',
      summary: 'Export an extraction as JSON, CSV, TSV or XLSX',
      description: 'CSV and TSV: one row per indicator with its project’s fields repeated. XLSX: one sheet per project laid out like its 绩效目标表 (header fields, 资金情况, 资金支出计划, the indicator grid with merged level cells) with the review findings (审核意见) beside each row and under the grid, then a sheet of every row for analysis. The extraction is revised first, as by /api/revise, and the findings are made from it.',
      request: { params: ExportParams, body: extractionBody },
      responses: {
        200: {
          description: 'the file',
          content: Object.fromEntries(Object.values(FORMATS).map((format) => [format.type.split(';')[0]!, { schema: z.string().meta({ type: 'string', format: 'binary' }) }])),
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const parsed = ExportParams.safeParse({ format: c.req.param('format') });
      if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', 'the format is one of json, csv, tsv, xlsx');
      const { format } = parsed.data;
      const extraction = await revisedBody(c.req.raw);
      const { type, extension } = FORMATS[format];
      const body = format === 'xlsx' ? await toXlsx(extraction) : format === 'csv' ? toCsv(extraction) : format === 'tsv' ? toTsv(extraction) : JSON.stringify(extraction, null, 2);
      const name = downloadName(extraction, extension);
      return c.body(body as string, 200, {
        'content-type': type,
        'content-disposition': `attachment; filename="export.${extension}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      });
    },
  );
}
