// `jixiao gold FILE`: a starting gold for a new fixture, from the current extraction, for a person to
// correct. It is marked `reviewed: false`, and unreviewed gold is left out of every score, so a
// wrong reading cannot become the truth by being copied; the person checks each row against the
// document, fixes it, and sets `reviewed: true`. With --manifest DIR the fixture is also listed in
// DIR/manifest.json. Nothing already written is replaced unless --force says so.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { extract } from '../pipeline/index.ts';
import { Manifest, type FixtureEntry, type Gold } from '../eval/manifest.ts';
import type { ExtractedDocument } from '../schemas/extraction.ts';
import { EXIT, readFailure, readInput, usageFailure } from './exit.ts';

const USAGE = `usage: jixiao gold FILE [--out GOLD.json] [--manifest DIR [--id ID] [--tags a,b]] [--force]
  write a starting gold (reviewed: false) from the current extraction, to correct by reading the
  document
  --out FILE        where (default FILE.gold.json); an existing file is kept
  --manifest DIR    also list the fixture in DIR/manifest.json (--id, --tags a,b)
  --force           replace an existing gold or manifest entry
exit 0 written, 1 usage, 2 unreadable input, 3 nothing found
`;

interface GoldOptions {
  file: string;
  out: string;
  manifest: string | null;
  id: string | null;
  tags: string[];
  force: boolean;
}

function parseArgs(args: readonly string[]): GoldOptions | string {
  const files: string[] = [];
  const values: Record<string, string> = {};
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (['--out', '--manifest', '--id', '--tags'].includes(arg)) {
      const next = args[++i];
      if (next === undefined) return `${arg} needs a value`;
      values[arg] = next;
    } else if (arg === '--force') force = true;
    else if (arg.startsWith('--')) return `unknown option '${arg}'`;
    else files.push(arg);
  }
  if (files.length !== 1) return 'expected one FILE';
  const file = resolve(files[0]!);
  return {
    file,
    out: resolve(values['--out'] ?? `${file}.gold.json`),
    manifest: values['--manifest'] ? resolve(values['--manifest']) : null,
    id: values['--id'] ?? null,
    tags: (values['--tags'] ?? '').split(',').map((tag) => tag.trim()).filter(Boolean),
    force,
  };
}

/** The document without provenance: gold holds what the document says, not where it was read. */
function withoutProvenance(document: ExtractedDocument): ExtractedDocument {
  const strip = <T extends { provenance?: unknown }>(row: T): T => {
    const { provenance: _provenance, ...rest } = row;
    return rest as T;
  };
  return {
    ...document,
    objectives: document.objectives.map((objective) => ({ ...objective, indicators: objective.indicators.map(strip) })),
    projects: document.projects.map((project) => ({ ...project, indicators: project.indicators.map(strip) })),
  };
}

/** The manifest with the entry added, or why it cannot be. The file is edited as written: fields
 * this version does not know are kept. */
function manifestWith(dir: string, entry: FixtureEntry, force: boolean): { path: string; text: string } | string {
  const path = join(dir, 'manifest.json');
  let raw: { fixtures: { id?: unknown }[] } = { fixtures: [] };
  if (existsSync(path)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      return `the manifest ${path} is not JSON (${(error as Error).message}); fix it first`;
    }
    const checked = Manifest.safeParse(parsed);
    if (!checked.success) return `the manifest ${path} does not fit the manifest schema: ${z.prettifyError(checked.error)}`;
    raw = parsed as typeof raw;
  }
  const existing = raw.fixtures.findIndex((fixture) => fixture.id === entry.id);
  if (existing >= 0 && !force) return `the manifest ${path} already has a fixture '${entry.id}' (use --id, or --force to replace it)`;
  if (existing >= 0) raw.fixtures[existing] = entry;
  else raw.fixtures.push(entry);
  return { path, text: JSON.stringify(raw, null, 2) + '\n' };
}

export async function runGold(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  const options = parseArgs(args);
  if (typeof options === 'string') return usageFailure('gold', options, USAGE);
  if (existsSync(options.out) && !options.force) {
    return usageFailure('gold', `${options.out} 已存在，可能含有人工校对，未覆盖（--force 才替换）`, USAGE);
  }
  const input = await readInput(options.file);
  if (!input.ok) return readFailure('gold', input.code, input.detail);
  const result = await extract({ bytes: input.bytes, filename: basename(options.file) });
  if (!result.ok) return readFailure('gold', result.error.code, result.error.message);
  const { extraction } = result;
  const rows = extraction.document.projects.reduce((sum, project) => sum + project.indicators.length, 0);
  const warnings = [...new Set(extraction.warnings.map((warning) => warning.code))];
  const gold: Gold = {
    reviewed: false,
    notes: [
      `Written by \`jixiao gold\` from the rules extraction of ${basename(options.file)} on ${new Date().toISOString().slice(0, 10)}: ${extraction.document.projects.length} projects, ${rows} indicator rows.`,
      'Check every field against the document and correct it; then set "reviewed": true. Until then this fixture is not scored.',
      ...(warnings.length > 0 ? [`The extractor warned ${warnings.join(', ')}; list in expectedWarnings those the document really calls for.`] : []),
    ],
    expectedWarnings: [],
    document: withoutProvenance(extraction.document),
  };
  let manifest: { path: string; text: string; id: string } | null = null;
  if (options.manifest) {
    const entry: FixtureEntry = {
      id: options.id ?? basename(options.file).replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '-'),
      document: relative(options.manifest, options.file),
      gold: relative(options.manifest, options.out),
      format: extraction.source.format,
      tags: [...options.tags, ...(extraction.source.ocr ? ['ocr'] : [])],
    };
    if (entry.document.startsWith('..') || entry.gold.startsWith('..')) {
      return usageFailure('gold', `文档和它的 gold 须在 ${options.manifest} 之内，才能列入其 manifest`, USAGE);
    }
    const updated = manifestWith(options.manifest, entry, options.force);
    if (typeof updated === 'string') {
      return usageFailure('gold', updated, USAGE);
    }
    manifest = { ...updated, id: entry.id };
  }
  writeFileSync(options.out, JSON.stringify(gold, null, 2) + '\n');
  if (manifest) {
    writeFileSync(manifest.path, manifest.text);
    process.stderr.write(`jixiao gold: listed as '${manifest.id}' in ${manifest.path}\n`);
  }
  process.stderr.write(`jixiao gold: wrote ${options.out} (${extraction.document.projects.length} projects, ${rows} rows), reviewed: false — correct it, then set reviewed: true\n`);
  return EXIT.ok;
}
