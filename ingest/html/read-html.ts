// HTML → blocks through parse5 (the WHATWG parser browsers use), so broken markup from
// 部门预算公开 pages parses the way a browser shows it. Tables keep rowspan/colspan; page chrome
// (navigation, scripts, banners, footers) is skipped. mammoth's docx output comes through here too.
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import type { Block, Cell, SourceSpan, Table } from '../../schemas/doc.ts';
import { IngestError } from '../errors.ts';
import { MAX_HTML_DEPTH } from '../limits.ts';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/** Never content: code, styling, embedded objects and form controls. */
const IGNORED_TAGS = new Set(['head', 'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'select', 'button', 'input', 'textarea', 'map']);
/** Page chrome by element. header/footer only outside the content (an article may have its own header). */
const CHROME_TAGS = new Set(['nav', 'aside']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'menu', 'menubar']);
/** Class or id tokens that gov site templates use for chrome. Matched as whole tokens or prefixes like nav-top. */
const CHROME_NAME = /^(nav|navbar|menu|breadcrumbs?|crumbs?|topbar|top-bar|sidebar|side-bar|footer|foot|copyright|share|skip-link|position|location)([-_].*)?$/i;
const BLOCK_TAGS = new Set(['p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'center', 'figure', 'figcaption', 'caption', 'hr', 'address', 'header', 'footer', 'form', 'fieldset', 'legend', 'body', 'html']);
const MAX_SPAN = 1000;

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

function insideContent(element: Element): boolean {
  for (let parent = element.parentNode; parent && isElement(parent as Node); parent = (parent as Element).parentNode) {
    const tag = (parent as Element).tagName;
    if (tag === 'article' || tag === 'main' || tag === 'table') return true;
  }
  return false;
}

function isChrome(element: Element): boolean {
  const tag = element.tagName;
  if (IGNORED_TAGS.has(tag) || CHROME_TAGS.has(tag)) return true;
  if ((tag === 'header' || tag === 'footer') && !insideContent(element)) return true;
  const role = attribute(element, 'role');
  if (role && CHROME_ROLES.has(role.toLowerCase())) return true;
  if (element.tagName === 'table' || insideContent(element)) return false;
  const names = `${attribute(element, 'class') ?? ''} ${attribute(element, 'id') ?? ''}`.split(/\s+/).filter(Boolean);
  if (names.some((name) => CHROME_NAME.test(name))) return true;
  const style = attribute(element, 'style') ?? '';
  return /display\s*:\s*none/i.test(style) || attribute(element, 'hidden') !== undefined;
}

function spanOf(element: Element): SourceSpan {
  const location = element.sourceCodeLocation;
  return location ? { lineStart: location.startLine, lineEnd: location.endLine } : {};
}

/** Text of a subtree, lines split at block boundaries and <br>, spaces collapsed within lines. */
function textOf(node: Node): string {
  const parts: string[] = [];
  const visit = (current: Node): void => {
    if (current.nodeName === '#text') {
      parts.push(asInlineText((current as DefaultTreeAdapterTypes.TextNode).value));
      return;
    }
    if (!isElement(current)) return;
    if (isChrome(current)) return;
    if (current.tagName === 'br') {
      parts.push('\n');
      return;
    }
    const block = BLOCK_TAGS.has(current.tagName) || current.tagName === 'tr' || current.tagName === 'table';
    if (block) parts.push('\n');
    for (const child of current.childNodes) {
      visit(child);
      if (current.tagName === 'tr' && isElement(child)) parts.push('\t');
    }
    if (block) parts.push('\n');
  };
  visit(node);
  return cleanLines(parts.join('')).join('\n');
}

/** In HTML a newline in the source is only a space; lines break at <br> and block boundaries. */
function asInlineText(value: string): string {
  return value.replace(/\s+/g, ' ');
}

/** Source whitespace is layout, not content: collapse it within lines, drop blank lines. */
function cleanLines(raw: string): string[] {
  return raw
    .split('\n')
    .map((line) => line.replace(/[ \u00a0\u3000\r\f\v]+/g, ' ').replace(/\t+/g, '\t').trim())
    .filter((line) => line.length > 0);
}

function childElements(element: Element, tags: Set<string>): Element[] {
  return element.childNodes.filter((child): child is Element => isElement(child) && tags.has(child.tagName));
}

/** A table's own rows, not those of tables nested in its cells. */
function ownRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.childNodes) {
    if (!isElement(child)) continue;
    if (child.tagName === 'tr') rows.push(child);
    else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') rows.push(...childElements(child, new Set(['tr'])));
  }
  return rows;
}

function containsTable(element: Element): boolean {
  return element.childNodes.some((child) => isElement(child) && (child.tagName === 'table' || containsTable(child)));
}

function spanValue(raw: string | undefined, fallback: number): number {
  const value = Number.parseInt(raw ?? '', 10);
  if (!Number.isFinite(value) || value < 0) return 1;
  if (value === 0) return fallback;
  return Math.min(value, MAX_SPAN);
}

function readTable(table: Element, tableNumber: number): Table {
  const rowElements = ownRows(table);
  const rows: Cell[][] = rowElements.map((row, rowIndex) =>
    childElements(row, new Set(['td', 'th'])).map((cell, cellIndex) => ({
      text: textOf(cell),
      // rowspan="0" spans to the end of the table.
      rowSpan: spanValue(attribute(cell, 'rowspan'), rowElements.length - rowIndex),
      colSpan: spanValue(attribute(cell, 'colspan'), 1),
      source: { ...spanOf(cell), table: tableNumber, row: rowIndex + 1, cell: cellIndex + 1 },
    })),
  );
  return { kind: 'table', rows: rows.filter((row) => row.length > 0), source: spanOf(table) };
}

/**
 * How deep the tree's elements nest, walked without recursion. The readers below recurse, and
 * parse5 builds whatever nesting the markup asks for (a million unclosed <div>s), so the depth is
 * checked before them.
 */
function nestingDepth(root: Node): number {
  let deepest = 0;
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of (node as DefaultTreeAdapterTypes.ParentNode).childNodes ?? []) if (isElement(child)) stack.push([child, depth + 1]);
  }
  return deepest;
}

export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let pending: { text: string[]; source: SourceSpan } = { text: [], source: {} };

  const flush = (): void => {
    for (const line of cleanLines(pending.text.join(''))) blocks.push({ kind: 'paragraph', text: line, source: pending.source });
    pending = { text: [], source: {} };
  };

  const visit = (node: Node): void => {
    if (node.nodeName === '#text') {
      const value = (node as DefaultTreeAdapterTypes.TextNode).value;
      if (pending.text.length === 0 && value.trim().length > 0) {
        const location = (node as DefaultTreeAdapterTypes.TextNode).sourceCodeLocation;
        pending.source = location ? { lineStart: location.startLine, lineEnd: location.endLine } : {};
      }
      pending.text.push(asInlineText(value));
      return;
    }
    if (!isElement(node)) {
      // The document and fragments: only their children carry content.
      if (node.nodeName === '#document' || node.nodeName === '#document-fragment') for (const child of (node as DefaultTreeAdapterTypes.ParentNode).childNodes) visit(child);
      return;
    }
    if (isChrome(node)) return;
    if (node.tagName === 'br') {
      pending.text.push('\n');
      return;
    }
    if (node.tagName === 'table') {
      flush();
      const cells = ownRows(node).flatMap((row) => childElements(row, new Set(['td', 'th'])));
      // Old gov templates lay the page out with tables; the data tables sit inside their cells.
      if (cells.some(containsTable)) {
        for (const cell of cells) {
          for (const child of cell.childNodes) visit(child);
          flush();
        }
        return;
      }
      const table = readTable(node, blocks.filter((block) => block.kind === 'table').length + 1);
      if (table.rows.length > 0) blocks.push(table);
      return;
    }
    const block = BLOCK_TAGS.has(node.tagName);
    if (block) flush();
    for (const child of node.childNodes) visit(child);
    if (block) flush();
  };

  const tree = parse(html, { sourceCodeLocationInfo: true });
  const depth = nestingDepth(tree);
  if (depth > MAX_HTML_DEPTH) throw new IngestError('TOO_DEEPLY_NESTED', `the page nests its elements ${depth} deep; the limit is ${MAX_HTML_DEPTH}`);
  visit(tree);
  flush();
  return blocks;
}

/** True when text is an HTML page or fragment rather than pasted text that mentions a tag. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?<!doctype html/.test(head) || /^(<\?xml[^>]*>\s*)?<html[\s>]/.test(head)) return true;
  const tags = text.slice(0, 65536).match(/<\/?(table|tr|td|th|p|div|span|br|body|tbody)\b[^>]*>/gi)?.length ?? 0;
  return tags >= 8 && /<table[\s>]/i.test(text);
}
