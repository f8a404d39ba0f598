// Small PDFs written byte by byte for the tests of the checks made before pdf.js opens a file
// (font-guard, page-count, raw-pdf): objects numbered from 1, a cross-reference table with their
// true offsets, a trailer.
import { deflateSync } from 'node:zlib';

export type PdfObject = string | Uint8Array;

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

/** A stream object's body: `<<dict /Length n>>`, the data on the next line, `endstream`. */
export function stream(dict: string, data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === 'string' ? latin1(data) : data;
  return new Uint8Array(Buffer.concat([latin1(`<<${dict}/Length ${bytes.length}>>\nstream\n`), bytes, latin1('\nendstream')]));
}

/** The objects (1, 2, …) with an xref table and a trailer holding `trailer` (e.g. `/Root 1 0 R`). */
export function buildPdf(objects: readonly PdfObject[], trailer: string): Uint8Array {
  const parts: Uint8Array[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(offset);
    const bytes = Buffer.concat([latin1(`${index + 1} 0 obj\n`), typeof body === 'string' ? latin1(body) : body, latin1('\nendobj\n')]);
    parts.push(bytes);
    offset += bytes.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(latin1(`${xref}trailer\n<</Size ${objects.length + 1}${trailer}>>\nstartxref\n${offset}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/** A Type 1 font program's clear text with `entries` in its built-in encoding, then the eexec section's start. */
export function type1Program(entries: string): Uint8Array {
  return latin1(
    `%!FontType1-1.0: Test 001\n11 dict begin\n/FontName /Test def\n/FontMatrix [0.001 0 0 0.001 0 0]readonly def\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n${entries}\nreadonly def\ncurrentdict end\ncurrentfile eexec\n`,
  );
}

/** A one-page PDF whose font descriptor (object 4) embeds object 5, written with `fontStream`'s dictionary and data. */
export function pdfWithFontProgram(fontStream: Uint8Array, descriptorKey = '/FontFile'): Uint8Array {
  return buildPdf(
    [
      '<</Type/Catalog/Pages 2 0 R>>',
      '<</Type/Pages/Kids[3 0 R]/Count 1>>',
      '<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>',
      `<</Type/FontDescriptor/FontName/Test/Flags 32/FontBBox[0 0 1000 1000]/ItalicAngle 0/Ascent 800/Descent -200/CapHeight 700/StemV 80${descriptorKey} 5 0 R>>`,
      fontStream,
    ],
    '/Root 1 0 R',
  );
}

export const deflate = (bytes: Uint8Array) => new Uint8Array(deflateSync(bytes));
