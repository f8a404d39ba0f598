// Inputs past a limit answer with that limit's code, at once (issue 18): bytes that are no text are
// UNSUPPORTED_FORMAT, not a text too long; an image past the pixel limit is IMAGE_TOO_LARGE, not
// damaged. (A PDF declaring a million pages: ingest/pdf/page-count.test.ts.)
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ingest } from './index.ts';
import { hugeBlankPng } from './ocr/testdata/huge-png.ts';
import { cpuMs } from '../test/support/cpu-time.ts';

describe('the code of a refusal names the reason', () => {
  it('49 MB of random bytes: UNSUPPORTED_FORMAT, judged from a sample', async () => {
    const bytes = new Uint8Array(randomBytes(49 * 1024 * 1024));
    // No magic number by chance: the first bytes are ones no format starts with.
    bytes.set([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]);
    const started = cpuMs();
    const result = await ingest(bytes);
    expect(result.ok ? null : result.error.code).toBe('UNSUPPORTED_FORMAT');
    expect(cpuMs() - started).toBeLessThan(5000);
  }, 30_000);

  it('a long UTF-8 text whose sample ends inside a character is still text: TEXT_TOO_LONG past the limit', async () => {
    // 360 KB of three-byte characters: the 256 KiB sample ends one byte into one.
    const long = new TextEncoder().encode('项目名称'.repeat(30_000));
    const limited = await ingest(long, { limits: { maxTextChars: 1000 } });
    expect(limited.ok ? null : limited.error.code).toBe('TEXT_TOO_LONG');
  });

  it('a 20000 × 20000 PNG: IMAGE_TOO_LARGE with its size', async () => {
    const result = await ingest(hugeBlankPng(20000, 20000));
    expect(result.ok ? null : [result.error.code, result.error.message]).toEqual(['IMAGE_TOO_LARGE', 'the image is 20000 × 20000 pixels (400000000); the limit is 100000000 pixels']);
  });
});
