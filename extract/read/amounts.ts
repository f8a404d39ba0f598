// Amounts and units of a form's header part: money in 万元 (元 converted), the unit that owns a
// project with the code written before its name, and the goals of a goal cell.
import type { Unit } from '../../schemas/extraction.ts';
import { UNIT_LINE } from '../../vocab/furniture.ts';
import { normalizeText, stripNumbering } from '../normalize.ts';
import { parseNumeric } from '../values.ts';

/**
 * An amount cell in 万元: `60.00`, `131.2万元`, `50万`, `5000元` (converted), or a fund's name with
 * its amount at the end (`中央衔接推进乡村振兴补助资金(少数民族发展任务)50`). `inYuan`: the table
 * says its amounts are in 元.
 */
export function parseAmount(cell: string, inYuan = false): number | null {
  const text = normalizeText(cell).replace(/^[:：]/, '');
  if (text === '') return null;
  const numeric = parseNumeric(text);
  const read = numeric ?? (/^\D*[\p{Unified_Ideograph})）]\s*(\d+(?:\.\d+)?)\s*(万元|万|元)?$/u.test(text) ? parseNumeric(text.replace(/^\D*[\p{Unified_Ideograph})）]\s*(?=\d)/u, '')) : null);
  if (!read || read.number === null || read.op !== null) return null;
  if (read.unit === null) return inYuan ? read.number / 10000 : read.number;
  if (read.unit === '万元' || read.unit === '万') return read.number;
  if (read.unit === '元') return read.number / 10000;
  return null;
}

/** A unit with the code written before it: `304001保定…`, `[610001]湖南…`, `219001-池州市…`. */
export function parseUnitText(text: string): Unit | null {
  const normalized = normalizeText(text);
  if (normalized === '') return null;
  const bracketed = /^[[【]\s*(\d{3,})\s*[\]】]\s*(.+)$/.exec(normalized);
  if (bracketed?.[1] && bracketed[2]) return { code: bracketed[1], name: normalizeText(bracketed[2]) };
  const dashed = /^(\d{3,})\s*[-－—]\s*(\D.*)$/.exec(normalized);
  if (dashed?.[1] && dashed[2]) return { code: dashed[1], name: normalizeText(dashed[2]) };
  const line = UNIT_LINE.exec(normalized);
  if (line?.[1] && line[2]) return { code: line[1], name: normalizeText(line[2]) };
  return { code: null, name: normalized };
}

const GOAL_TEXT = /[\p{L}\p{N}]/u;
const NUMBERED_LINE = /^\s*(?:[0-9０-９]+[.．、]|[（(][0-9０-９一二三四五六七八九十]+[）)]|目标\s*[0-9０-９]+)/u;
const NUMBERED_INLINE = /(?<=[\s。；;])(?=[0-9０-９]{1,2}[、.．](?![0-9０-９]))/u;

/** One goal per numbered line or numbered item of a cell; numbering stripped. */
export function goalItems(cell: string): string[] {
  const items: string[] = [];
  const lines = cell.split('\n').flatMap((line) => (/^\s*[0-9０-９]{1,2}[、.．]/.test(line) ? line.split(NUMBERED_INLINE) : [line]));
  for (const line of lines) {
    if (items.length === 0 || NUMBERED_LINE.test(line)) items.push(line);
    else items[items.length - 1] += '\n' + line;
  }
  return items.flatMap((item) => {
    let text = normalizeText(item);
    for (let previous = ''; previous !== text; ) {
      previous = text;
      text = normalizeText(stripNumbering(text));
    }
    return text !== '' && GOAL_TEXT.test(text) ? [text] : [];
  });
}
