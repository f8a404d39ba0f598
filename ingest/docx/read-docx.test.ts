// A Word file's XML checked before mammoth reads it: a DTD (entities: XXE, billion laughs) is refused
// before any parsing, and a damaged part is named once with where the damage is.
import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extract } from '../../pipeline/index.ts';

const docx = readFileSync(new URL('../../fixtures/formats/chengde.docx', import.meta.url));

async function withDocument(change: (xml: string) => string) {
  const parts = unzipSync(new Uint8Array(docx));
  parts['word/document.xml'] = strToU8(change(strFromU8(parts['word/document.xml']!)));
  return extract({ bytes: zipSync(parts), filename: 'x.docx' });
}

describe('a Word file’s XML', () => {
  it('refuses a DTD with external entities, saying so once', async () => {
    const result = await withDocument((xml) =>
      xml.replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('<w:body>', '<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CORRUPT');
    expect(result.error.message).toBe('this Word file is not safe to read: word/document.xml declares a DTD (<!DOCTYPE …>), which Word never writes');
  });

  it('names a damaged part once, with the line and column of the first fault', async () => {
    const result = await withDocument((xml) => xml.replace('<w:body>', '<w:body><w:p><w:r><w:t>&bogus;</w:t></w:r></w:p>'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/^this Word file is damaged: word\/document\.xml is not well-formed XML \([^()]*at line \d+, column \d+\)$/);
    expect(result.error.message.match(/not well-formed/g)).toHaveLength(1);
  });
});
