// Every limit where input enters, each with its own code: a reader refuses, it does not grind.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { extractText } from '../pipeline/index.ts';
import { ingest, type IngestLimits } from '../ingest/index.ts';
import { createServer } from '../server/app.ts';
import { defaultConfig } from '../server/config.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const seed = readFileSync(new URL('../fixtures/seeds/004_584bff0bac0b6d6f.txt', import.meta.url), 'utf8');

async function codeOf(bytes: Uint8Array, limits: Partial<IngestLimits>): Promise<string | null> {
  const result = await ingest(bytes, { limits });
  return result.ok ? null : result.error.code;
}

describe('reading limits', () => {
  it('FILE_TOO_LARGE: more bytes than maxInputBytes', async () => {
    expect(await codeOf(new TextEncoder().encode(seed), { maxInputBytes: 1000 })).toBe('FILE_TOO_LARGE');
  });

  it('TEXT_TOO_LONG: pasted text and text files past maxTextChars', async () => {
    expect(() => extractText(seed, { maxTextChars: 1000 })).toThrow(expect.objectContaining({ code: 'TEXT_TOO_LONG' }));
    expect(await codeOf(new TextEncoder().encode(seed), { maxTextChars: 1000 })).toBe('TEXT_TOO_LONG');
    expect(await codeOf(fixture('formats/chengde.html'), { maxTextChars: 1000 })).toBe('TEXT_TOO_LONG');
    expect(extractText(seed).document.projects.length).toBeGreaterThan(0);
  });

  it('TOO_MANY_CELLS: a paste, a Word file and a sheet past maxCells', async () => {
    expect(() => extractText(seed, { maxCells: 50 })).toThrow(expect.objectContaining({ code: 'TOO_MANY_CELLS' }));
    expect(await codeOf(fixture('formats/chengde.docx'), { maxCells: 50 })).toBe('TOO_MANY_CELLS');
    expect(await codeOf(fixture('formats/chengde.xlsx'), { maxCells: 50 })).toBe('TOO_MANY_CELLS');
    expect(await codeOf(fixture('formats/chengde.docx'), {})).toBeNull();
  });

  it('TOO_DEEPLY_NESTED: a page nesting elements thousands deep', async () => {
    const html = `<html><body>${'<div>'.repeat(5000)}<table><tr><td>产出指标</td></tr></table></body></html>`;
    expect(await codeOf(new TextEncoder().encode(html), {})).toBe('TOO_DEEPLY_NESTED');
  });

  it('DECOMPRESSED_TOO_LARGE: a Word file inflating past maxDecompressedBytes', async () => {
    expect(await codeOf(fixture('formats/chengde.docx'), { maxDecompressedBytes: 10_000 })).toBe('DECOMPRESSED_TOO_LARGE');
  });

  it('TOO_MANY_PAGES and IMAGE_TOO_LARGE: a PDF past maxPages, an image past maxImagePixels', async () => {
    expect(await codeOf(fixture('formats/chengde.pdf'), { maxPages: 1 })).toBe('TOO_MANY_PAGES');
    expect(await codeOf(fixture('formats/chengde-photo.jpg'), { maxImagePixels: 10_000 })).toBe('IMAGE_TOO_LARGE');
  });
});

describe('the server applies its configured limits', () => {
  const server = createServer(defaultConfig({ MAX_TEXT_CHARS: 6000, MAX_CELLS: 100, JIXIAO_LIBRARY: ':memory:' }));
  afterAll(() => server.close());
  const post = (text: string) => server.app.request('/api/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });

  it('answers 413 with the limit’s code, not a crash', async () => {
    const long = await post('。'.repeat(7000));
    expect(long.status).toBe(413);
    expect((await long.json()).error.code).toBe('TEXT_TOO_LONG');
    const wide = await post(seed.slice(0, 5000));
    expect(wide.status).toBe(413);
    expect((await wide.json()).error.code).toBe('TOO_MANY_CELLS');
  });
});
