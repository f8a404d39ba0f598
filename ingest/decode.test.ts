import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodesToItself, decodeText, isReadableText, normalizeLineEnds, textSample } from './decode.ts';

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

describe('decodesToItself', () => {
  it('holds for text its UTF-8 bytes decode back to, and only for it', () => {
    for (const same of [text, '', '一级指标\t二级指标\r\n≥95%\u3000', 'a\uFEFFb']) {
      expect(decodesToItself(same)).toBe(true);
      expect(decodeText(Buffer.from(same, 'utf8'))).toEqual({ text: same, encoding: 'utf-8' });
    }
    // A byte-order mark is dropped, a lone surrogate becomes U+FFFD, NULs can make the bytes UTF-16.
    for (const changed of ['\uFEFF项目', 'a\uD800b', 'a\uDC00', 'a\u0000b\u0000c\u0000d\u0000']) {
      expect(decodesToItself(changed)).toBe(false);
      expect(decodeText(Buffer.from(changed, 'utf8')).text).not.toBe(changed);
    }
    // Astral characters come back unchanged, but are left to the round trip.
    expect(decodesToItself('项目𠀀')).toBe(false);
  });
});

describe('telling text from binary by a sample', () => {
  it('cuts the sample before a UTF-8 character it would split', () => {
    const bytes = Buffer.from('a项目', 'utf8'); // 61 | e9 a1 b9 | e7 9b ae
    expect([1, 2, 3, 4, 5, 6, 7].map((size) => textSample(bytes, size).length)).toEqual([1, 1, 1, 4, 4, 4, 7]);
  });

  it('reads a UTF-8 text longer than the sample as text wherever the sample ends', () => {
    for (const pad of ['', 'a', 'ab']) {
      const bytes = Buffer.from(pad + '项目名称'.repeat(30_000), 'utf8');
      expect(bytes.length).toBeGreaterThan(262144);
      expect(isReadableText(bytes)).toBe(true);
    }
  });

  it('calls random bytes and NUL-ridden bytes binary', () => {
    const random = new Uint8Array(1 << 20);
    for (let i = 0, state = 1; i < random.length; i++) random[i] = (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
    expect(isReadableText(random)).toBe(false);
    expect(isReadableText(new Uint8Array(4096).fill(0).map((_, i) => (i % 3 === 0 ? 0 : 0x41)))).toBe(false);
    expect(isReadableText(iconv.encode(text.repeat(1000), 'gb18030'))).toBe(true);
    // Random bytes behind a UTF-16 byte-order mark: lone surrogate halves give them away.
    const utf16 = new Uint8Array(random);
    utf16.set([0xff, 0xfe]);
    expect(isReadableText(utf16)).toBe(false);
    expect(isReadableText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('项目𠀀名称'.repeat(1000), 'utf-16le')]))).toBe(true);
  });
});
