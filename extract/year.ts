// The budget year: from part one's heading, a form's year line, or the titles the projects carry.
import type { Project } from '../schemas/extraction.ts';
import { filledCells, type Item } from './items.ts';
import { FORM_YEAR } from './department.ts';

const PART_ONE_HEADING = /^(\d{4})\s*年度?.*绩效目标$/;
const YEAR = /(?<![\d[〔【(（-])((?:19|20)\d{2})(?![\d\]〕】)）])(?!\s*[-—~至到]\s*\d)/g;

export function yearsIn(text: string): number[] {
  return [...text.matchAll(YEAR)].map((match) => Number(match[1]));
}

export function documentYear(items: readonly Item[], formYear: number | null, projects: readonly Project[]): number | null {
  for (const item of items) {
    if (item.kind === 'row') break;
    const heading = PART_ONE_HEADING.exec(item.text);
    if (heading?.[1]) return Number(heading[1]);
  }
  for (const item of items) {
    const texts = item.kind === 'paragraph' ? [item.text] : filledCells(item);
    if (texts.length === 1 && FORM_YEAR.test(texts[0] ?? '')) return Number(FORM_YEAR.exec(texts[0] ?? '')?.[1]);
  }
  if (formYear !== null) return formYear;
  const counts = new Map<number, number>();
  for (const project of projects) {
    const years = new Set([...yearsIn(project.title ?? ''), ...yearsIn(project.name ?? '')]);
    for (const year of years) counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [year, count] of counts) {
    const bestCount = best === null ? 0 : (counts.get(best) ?? 0);
    if (count > bestCount || (count === bestCount && best !== null && year > best)) best = year;
  }
  return best;
}
