// A .docx assembled from raw WordprocessingML, for tests that need markup the `docx` package
// never writes (w:gridBefore, w:hMerge) or a damaged archive.
import { zipSync, strToU8 } from 'fflate';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

export function docxFromBody(bodyXml: string, extraParts: Record<string, Uint8Array> = {}): Uint8Array {
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${bodyXml}</w:body></w:document>`;
  return zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(RELS), 'word/document.xml': strToU8(document), ...extraParts });
}

export const paragraph = (text: string): string => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

/** A cell; properties are raw w:tcPr children such as <w:gridSpan w:val="2"/>. */
export const cell = (text: string, properties = ''): string => `<w:tc>${properties ? `<w:tcPr>${properties}</w:tcPr>` : ''}${paragraph(text)}</w:tc>`;

export const row = (cells: string[], rowProperties = ''): string => `<w:tr>${rowProperties ? `<w:trPr>${rowProperties}</w:trPr>` : ''}${cells.join('')}</w:tr>`;

export const table = (rows: string[], columns: number): string =>
  `<w:tbl><w:tblGrid>${'<w:gridCol w:w="2000"/>'.repeat(columns)}</w:tblGrid>${rows.join('')}</w:tbl>`;
