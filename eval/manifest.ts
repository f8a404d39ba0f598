// A fixture suite: documents beside their hand-checked gold, listed in manifest.json.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { Document } from '../schemas/extraction.ts';

export const FixtureEntry = z.object({
  id: z.string().describe('stable name of the fixture'),
  document: z.string().describe('path of the input, relative to the manifest'),
  gold: z.string().describe('path of the gold JSON, relative to the manifest'),
  format: z.string().describe('input format: text, docx, pdf, …'),
  tags: z.array(z.string()).default([]).describe('e.g. seed, paste-form, encoding, province'),
});

export const Manifest = z.object({ fixtures: z.array(FixtureEntry) });

export const Gold = z.object({
  reviewed: z.boolean().describe('false until a person has checked it; unreviewed gold is not scored'),
  notes: z.array(z.string()).optional(),
  expectedWarnings: z.array(z.string()).optional().describe('warning codes the extractor must emit'),
  document: Document,
});

export type FixtureEntry = z.infer<typeof FixtureEntry>;
export type Gold = z.infer<typeof Gold>;

export interface LoadedFixture {
  entry: FixtureEntry;
  documentPath: string;
  gold: Gold;
}

export function loadManifest(dir: string): LoadedFixture[] {
  const manifestPath = resolve(dir, 'manifest.json');
  const manifest = Manifest.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  const base = dirname(manifestPath);
  return manifest.fixtures.map((entry) => {
    const goldPath = join(base, entry.gold);
    const parsed = Gold.safeParse(JSON.parse(readFileSync(goldPath, 'utf8')));
    if (!parsed.success) throw new Error(`gold ${goldPath} does not fit the schema: ${z.prettifyError(parsed.error)}`);
    return { entry, documentPath: join(base, entry.document), gold: parsed.data };
  });
}
