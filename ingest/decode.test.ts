import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, normalizeLineEnds } from './decode.ts';

const text = '项目名称\t2026年度海关办公经费 ≥95%';

describe('decodeText', () => {
  it.each([
    ['utf-8', Buffer.from(text, 'utf8'), 'utf-8'],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8'],
    ['utf-16le with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]), 'utf-16le'],
    ['utf-16be with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]), 'utf-16be'],
    ['utf-16le without BOM', iconv.encode(text, 'utf-16le'), 'utf-16le'],
    ['gb18030', iconv.encode(text, 'gb18030'), 'gb18030'],
    ['gbk', iconv.encode(text, 'gbk'), 'gb18030'],
  ] as const)('%s', (_name, bytes, encoding) => {
    expect(decodeText(bytes)).toEqual({ text, encoding });
  });

  it('turns CRLF and CR line ends into LF', () => {
    expect(normalizeLineEnds('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });
});
