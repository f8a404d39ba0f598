// A fixture suite kept outside this repository (a province's own gold set) evaluates with the same
// command: `jixiao eval --fixtures DIR`, its thresholds and baseline read beside its manifest, and
// `jixiao gold` adds a new document to it as unreviewed gold that is not scored until a person
// has checked it. Everything goes through bin/jixiao.js, as a user would run it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin', 'jixiao.js');
const fixtures = join(root, 'fixtures');

function jixiao(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A province's suite: a Word form, the PDF printed from it, and a pasted text, each with its gold. */
function provinceSuite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-province-'));
  mkdirSync(join(dir, 'docs'));
  const copy = (from: string, to: string) => copyFileSync(join(fixtures, from), join(dir, 'docs', to));
  copy('formats/chengde.docx', 'chengde.docx');
  copy('formats/chengde.docx.gold.json', 'chengde.docx.gold.json');
  copy('formats/chengde.pdf', 'chengde.pdf');
  copy('formats/chengde.pdf.gold.json', 'chengde.pdf.gold.json');
  copy('seeds/004_584bff0bac0b6d6f.txt', 'bonded-zone.txt');
  copy('seeds/004_584bff0bac0b6d6f.gold.json', 'bonded-zone.gold.json');
  const manifest = {
    fixtures: [
      { id: 'chengde-word', document: 'docs/chengde.docx', gold: 'docs/chengde.docx.gold.json', format: 'docx', tags: ['province-x', 'form-chengde'] },
      { id: 'chengde-print', document: 'docs/chengde.pdf', gold: 'docs/chengde.pdf.gold.json', format: 'pdf', tags: ['province-x'], reference: 'docs/chengde.docx' },
      { id: 'bonded-zone-paste', document: 'docs/bonded-zone.txt', gold: 'docs/bonded-zone.gold.json', format: 'text', tags: ['province-x', 'paste'] },
    ],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

interface Report {
  fixtures: { id: string; teds: number | null }[];
  totals: Record<string, number>;
  byFormat: Record<string, Record<string, number>>;
  failures: { name: string }[];
}

describe('jixiao eval --fixtures DIR, a suite outside fixtures/', { timeout: 240_000 }, () => {
  it('scores the folder, keeps its report, baseline and thresholds beside its manifest, and leaves unreviewed gold out', () => {
    const dir = provinceSuite();

    // A new document joins the suite with a starting gold for a person to correct.
    copyFileSync(join(fixtures, 'formats/xingtai.html'), join(dir, 'docs', 'xingtai.html'));
    const gold = jixiao('gold', join(dir, 'docs', 'xingtai.html'), '--manifest', dir, '--id', 'xingtai-web', '--tags', 'province-x');
    expect(gold.status, gold.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'docs', 'xingtai.html.gold.json'), 'utf8')) as { reviewed: boolean; notes: string[]; document: { projects: { indicators: object[] }[] } };
    expect(written.reviewed).toBe(false);
    expect(written.notes.join(' ')).toContain('set "reviewed": true');
    expect(written.document.projects).toHaveLength(3);
    expect(JSON.stringify(written)).not.toContain('provenance');
    const listed = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { fixtures: { id: string; format: string; document: string }[] };
    expect(listed.fixtures.at(-1)).toMatchObject({ id: 'xingtai-web', format: 'html', document: 'docs/xingtai.html' });

    // Written gold may hold a person's corrections: a second run leaves it alone.
    writeFileSync(join(dir, 'docs', 'xingtai.html.gold.json'), JSON.stringify({ ...written, notes: ['corrected by hand'] }));
    const again = jixiao('gold', join(dir, 'docs', 'xingtai.html'));
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('已存在');
    expect(readFileSync(join(dir, 'docs', 'xingtai.html.gold.json'), 'utf8')).toContain('corrected by hand');

    const first = jixiao('eval', '--fixtures', dir, '--json');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('not scored, gold not yet reviewed: xingtai-web');
    expect(first.stderr).toContain(`no baseline at ${join(dir, 'baseline.json')}`);
    const report = JSON.parse(first.stdout) as Report;
    expect(report.fixtures.map((fixture) => fixture.id)).toEqual(['chengde-word', 'chengde-print', 'bonded-zone-paste']);
    expect(Object.keys(report.byFormat).sort()).toEqual(['docx', 'pdf', 'text']);
    expect(report.totals['rows.f1']).toBe(1);
    // The printed PDF's rebuilt grids against the Word file's.
    expect(report.fixtures.find((fixture) => fixture.id === 'chengde-print')?.teds).toBeGreaterThan(0.9);
    expect(existsSync(join(dir, 'report.json'))).toBe(true);

    expect(jixiao('eval', '--fixtures', dir, '--save-baseline').status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'))).toMatchObject({ version: 1, engine: 'rules', total: { 'rows.f1': 1 } });

    // The suite's own thresholds; and a gold corrected by a person that the extractor does not
    // meet makes the same command fail, naming the figure and the fixture.
    writeFileSync(join(dir, 'thresholds.json'), JSON.stringify({ 'rows.f1': 1, 'format.text.aligned.raw': 1 }));
    const goldPath = join(dir, 'docs', 'bonded-zone.gold.json');
    const corrected = readFileSync(goldPath, 'utf8').replace('"raw": "≥95%"', '"raw": "≥96%"');
    expect(corrected).not.toBe(readFileSync(goldPath, 'utf8'));
    writeFileSync(goldPath, corrected);
    const failing = jixiao('eval', '--fixtures', dir);
    expect(failing.status).toBe(4);
    expect(failing.stderr).toMatch(/format\.text\.aligned\.raw = 0\.\d{3} is below its threshold 1\.000/);
    expect(failing.stderr).toMatch(/WORSE: bonded-zone-paste/);
  });

  it('names what is wrong with a suite it cannot load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-broken-suite-'));
    const none = jixiao('eval', '--fixtures', dir);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(`cannot read the manifest ${join(dir, 'manifest.json')}: ENOENT`);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ fixtures: [{ id: 'a', document: 'a.txt', gold: 'a.gold.json', format: 'text' }] }));
    writeFileSync(join(dir, 'a.gold.json'), JSON.stringify({ reviewed: true, document: { projects: 'none' } }));
    const bad = jixiao('eval', '--fixtures', dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`gold ${join(dir, 'a.gold.json')} does not fit the schema`);
  });
});
