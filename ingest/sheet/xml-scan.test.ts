// The tag scanner sees every start tag an XML parser would, however the text is cut into chunks.
import { describe, expect, it } from 'vitest';
import { IngestError } from '../errors.ts';
import { attributeValues, MAX_TAG_CHARS, XmlTagScanner } from './xml-scan.ts';

function tags(text: string, chunkSize: number): string[] {
  const seen: string[] = [];
  const scanner = new XmlTagScanner('part.xml', (name, attributes) => seen.push(`${name}|${attributes.trim()}`));
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; offset += chunkSize) scanner.write(bytes.subarray(offset, offset + chunkSize));
  scanner.end();
  return seen;
}

const XML = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<!-- <c r="Z1"/> is a comment -->',
  '<x:worksheet xmlns:x="urn:x"><x:sheetData>',
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c a=">" r="B1"/></row>',
  '<row r=\'2\'><c r="A2" t="inlineStr"><is><t><![CDATA[<c r="Q9"/> 文本 > <]]></t></is></c></row>',
  '</x:sheetData></x:worksheet>',
].join('\n');

describe('XmlTagScanner', () => {
  it('reads start tags by local name, skipping comments, CDATA, declarations and end tags, in chunks of any size', () => {
    const expected = ['worksheet|xmlns:x="urn:x"', 'sheetData|', 'row|r="1"', 'c|r="A1" t="s"', 'v|', 'c|a=">" r="B1"/', "row|r='2'", 'c|r="A2" t="inlineStr"', 'is|', 't|'];
    for (const size of [1, 2, 3, 7, 64, 100_000]) expect(tags(XML, size)).toEqual(expected);
  });

  it('a stray < does not hide the tag after it', () => {
    expect(tags('<a<c r="A1000000000"/>', 5)).toEqual(['c|r="A1000000000"/']);
  });

  it('refuses a tag that runs on past any real part’s, rather than keep it', () => {
    const long = `<c r="A1" x="${'x'.repeat(3 * MAX_TAG_CHARS)}"/>`;
    expect(() => tags(long, 1 << 16)).toThrow(IngestError);
  });
});

describe('attributeValues', () => {
  it('finds an unprefixed attribute in either quotes, entities decoded, repeated ones all', () => {
    expect(attributeValues(' r="A1" s="2"/', 'r')).toEqual(['A1']);
    expect(attributeValues(" x:r=\"C3\" r='B&#50;'", 'r')).toEqual(['B2']);
    expect(attributeValues(' r="A1" r="A1000000000"', 'r')).toEqual(['A1', 'A1000000000']);
    expect(attributeValues(' name="收支&amp;绩效" r:id="rId1"', 'name')).toEqual(['收支&绩效']);
    expect(attributeValues(' name="x" r:id="rId1"', 'r:id')).toEqual(['rId1']);
  });
});
