// mammoth reads w:gridSpan and w:vMerge but not w:gridBefore / w:gridAfter (rows that start or
// end short of the table grid, common in tables edited by hand) nor the legacy w:hMerge that
// older Word and WPS write for horizontal merges. Left alone, each shifts every later cell of its
// row one column left. This rewrites them in document.xml as the gridSpan cells mammoth does read.
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';

// xmldom's types are the DOM lib's (its .d.ts references lib "dom").
type XmlElement = Element;

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Cheap test first: most documents need no rewrite. */
export function needsMergeRepair(documentXml: string): boolean {
  return /<w:(gridBefore|gridAfter|hMerge)\b/.test(documentXml);
}

function children(element: XmlElement, localName: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as XmlElement).namespaceURI === W && (node as XmlElement).localName === localName) found.push(node as XmlElement);
  }
  return found;
}

function intValue(element: XmlElement | undefined): number {
  const value = Number.parseInt(element?.getAttributeNS(W, 'val') ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function gridSpanOf(cell: XmlElement): number {
  const properties = children(cell, 'tcPr')[0];
  return Math.max(1, intValue(properties ? children(properties, 'gridSpan')[0] : undefined));
}

function setGridSpan(cell: XmlElement, span: number): void {
  const document = cell.ownerDocument;
  let properties = children(cell, 'tcPr')[0];
  if (!properties) {
    properties = document.createElementNS(W, 'w:tcPr');
    cell.insertBefore(properties, cell.firstChild);
  }
  let gridSpan = children(properties, 'gridSpan')[0];
  if (!gridSpan) {
    gridSpan = document.createElementNS(W, 'w:gridSpan');
    properties.insertBefore(gridSpan, properties.firstChild);
  }
  gridSpan.setAttributeNS(W, 'w:val', String(span));
}

function emptyCell(row: XmlElement, span: number): XmlElement {
  const cell = row.ownerDocument.createElementNS(W, 'w:tc');
  setGridSpan(cell, span);
  cell.appendChild(row.ownerDocument.createElementNS(W, 'w:p'));
  return cell;
}

function repairRow(row: XmlElement): void {
  const rowProperties = children(row, 'trPr')[0];
  const before = intValue(rowProperties ? children(rowProperties, 'gridBefore')[0] : undefined);
  const after = intValue(rowProperties ? children(rowProperties, 'gridAfter')[0] : undefined);
  const cells = children(row, 'tc');
  if (before > 0 && cells[0]) row.insertBefore(emptyCell(row, before), cells[0]);
  if (after > 0) row.appendChild(emptyCell(row, after));
  let restart: XmlElement | null = null;
  for (const cell of cells) {
    const properties = children(cell, 'tcPr')[0];
    const hMerge = properties ? children(properties, 'hMerge')[0] : undefined;
    if (!hMerge) {
      restart = null;
      continue;
    }
    const value = hMerge.getAttributeNS(W, 'val');
    if (value === 'restart' || !restart) {
      restart = cell;
      continue;
    }
    // A continuation: widen the cell that started the merge, keep any text it had.
    setGridSpan(restart, gridSpanOf(restart) + gridSpanOf(cell));
    for (const paragraph of children(cell, 'p')) {
      if ((paragraph.textContent ?? '').trim().length > 0) restart.appendChild(paragraph);
    }
    row.removeChild(cell);
  }
}

export function repairMerges(documentXml: string): string {
  // xmldom's default handler prints what it recovers from to the console (the CLI's standard error,
  // the server's log) and carries on with elements dropped. read-docx.ts lets only well-formed XML
  // this far; what xmldom still finds wrong is damage, refused (CORRUPT) rather than printed.
  const document = new DOMParser({
    locator: {},
    errorHandler: {
      warning: () => undefined,
      error: (message: string) => {
        throw new Error(message);
      },
      fatalError: (message: string) => {
        throw new Error(message);
      },
    },
  }).parseFromString(documentXml, 'text/xml');
  const rows = document.getElementsByTagNameNS(W, 'tr');
  for (let index = 0; index < rows.length; index++) {
    const row = rows.item(index);
    if (row) repairRow(row);
  }
  return new XMLSerializer().serializeToString(document);
}
