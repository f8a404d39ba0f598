// An image's size is read from its header and judged before a pixel is decoded (issue 18: a PNG of
// 400 megapixels was answered CORRUPT, sharp's own pixel limit firing while counting its pages).
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../errors.ts';
import { countPages, decodeGrey, pngDeclaredSize } from './image.ts';
import { hugeBlankPng } from './testdata/huge-png.ts';
import { cpuMs } from '../../test/support/cpu-time.ts';

describe('image size from the header', () => {
  const huge = hugeBlankPng(20000, 20000);

  it('counts the pages of an image past sharp’s own pixel limit', async () => {
    expect(huge.length).toBeLessThan(200_000);
    expect(await countPages(huge)).toBe(1);
  });

  it('refuses it as IMAGE_TOO_LARGE, naming its size, without decoding it', async () => {
    const started = cpuMs();
    await expect(decodeGrey(huge, 0, undefined, 100_000_000)).rejects.toEqual(
      new IngestError('IMAGE_TOO_LARGE', 'the image is 20000 × 20000 pixels (400000000); the limit is 100000000 pixels'),
    );
    expect(cpuMs() - started).toBeLessThan(2000);
  });

  it('reads a PNG’s declared size from its IHDR when libpng refuses the header (sides past a million)', async () => {
    const header = Buffer.from(hugeBlankPng(8, 8));
    header.writeUInt32BE(2 ** 31 - 1, 16);
    header.writeUInt32BE(2 ** 31 - 1, 20);
    header.writeUInt32BE(crc32(header.subarray(12, 29)), 29);
    const bytes = new Uint8Array(header);
    expect(pngDeclaredSize(bytes)).toEqual({ width: 2 ** 31 - 1, height: 2 ** 31 - 1 });
    expect(await countPages(bytes)).toBe(1);
    await expect(decodeGrey(bytes, 0, undefined, 100_000_000)).rejects.toMatchObject({
      code: 'IMAGE_TOO_LARGE',
      message: 'the image is 2147483647 × 2147483647 pixels (4611686014132420609); the limit is 100000000 pixels',
    });
    expect(pngDeclaredSize(new Uint8Array(24))).toBeNull();
  });

  it('decodes an image within the limit', async () => {
    const small = await decodeGrey(hugeBlankPng(300, 200), 0, undefined, 100_000);
    expect([small.width, small.height, small.data[0]]).toEqual([300, 200, 255]);
  });
});
