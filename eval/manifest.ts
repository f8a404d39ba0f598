// A fixture suite: documents beside their hand-checked gold, listed in manifest.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { Document } from '../schemas/extraction.ts';

export const FixtureEntry = z.object({
  id: z.string().describe('stable name of the fixture'),
  document: z.string().describe('path of the input, relative to the manifest'),
  gold: z.string().describe('path of the gold JSON, relative to the manifest'),
  format: z.string().describe('input format: text, docx, pdf, …'),
  tags: z.array(z.string()).default([]).describe('e.g. seed, paste-form, encoding, province, form family, ocr'),
  reference: z.string().optional().describe('a document whose tables are the true grids of this one (the Word file a PDF or scan was made from), for TEDS; relative to the manifest'),
  reviewed: z
    .boolean()
    .optional()
    .describe('for gold kept in the contract\'s own form, written and reviewed elsewhere (shared/real-forms): true scores it as reviewed'),
});

export const Manifest = z.object({ fixtures: z.array(FixtureEntry) });

export const Gold = z.object({
  reviewed: z.boolean().optional().describe('false until a person has checked it; unreviewed gold is not scored (absent: the manifest entry says)'),
  notes: z.array(z.string()).optional(),
  expectedWarnings: z.array(z.string()).optional().describe('warning codes the extractor must emit'),
  document: Document,
});

export type FixtureEntry = z.infer<typeof FixtureEntry>;
export type Gold = z.infer<typeof Gold>;

export interface LoadedFixture {
  entry: FixtureEntry;
  documentPath: string;
  referencePath: string | null;
  gold: Gold;
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`the ${what} ${path} is not JSON: ${(error as Error).message}`);
  }
}

/** The suite in a folder, every gold checked against the schema and every document present. */
export function loadManifest(dir: string): LoadedFixture[] {
  const manifestPath = resolve(dir, 'manifest.json');
  const manifest = Manifest.safeParse(readJson(manifestPath, 'manifest'));
  if (!manifest.success) throw new Error(`the manifest ${manifestPath} does not fit the schema: ${z.prettifyError(manifest.error)}`);
  const base = dirname(manifestPath);
  const ids = new Set<string>();
  return manifest.data.fixtures.map((entry) => {
    if (ids.has(entry.id)) throw new Error(`the manifest ${manifestPath} lists the fixture id '${entry.id}' twice`);
    ids.add(entry.id);
    const goldPath = join(base, entry.gold);
    const parsed = Gold.safeParse(readJson(goldPath, `gold of ${entry.id}`));
    if (!parsed.success) throw new Error(`gold ${goldPath} does not fit the schema: ${z.prettifyError(parsed.error)}`);
    const documentPath = join(base, entry.document);
    if (!existsSync(documentPath)) throw new Error(`the document of ${entry.id}, ${documentPath}, does not exist`);
    const referencePath = entry.reference ? join(base, entry.reference) : null;
    if (referencePath && !existsSync(referencePath)) throw new Error(`the reference document of ${entry.id}, ${referencePath}, does not exist`);
    const gold = { ...parsed.data, reviewed: parsed.data.reviewed ?? entry.reviewed ?? false };
    return { entry, documentPath, referencePath, gold };
  });
}
