// Part one of a disclosure (第一部分 部门整体绩效目标): 总体绩效目标 and 分项绩效目标 written as prose.
import type { Objective } from '../schemas/extraction.ts';
import { normalizeOptional } from './normalize.ts';
import { readProseIndicators } from './prose.ts';

const SECTION_HEADING = /^[一二三四五六七八九十]+[、.．]\s*(.+)$/;
/** 第二部分 and the like: part one is over. */
const PART_HEADING = /^第[一二三四五六七八九十]+部分/;
const OVERALL_GOAL = /总体绩效目标$/;
const SUB_GOALS = /分项绩效目标$/;
/** An objective heading: （一）…, or a line 目标1：… */
const OBJECTIVE_HEADING = /^[（(][一二三四五六七八九十]+[）)]/;
const NUMBERED_TARGET = /^(目标\s*[0-9０-９]+)\s*[：:]\s*(.*)$/s;
const GOAL_LABEL = /^绩效目标\s*[：:]\s*(.*)$/s;
const INDICATOR_LABEL = /^绩效指标\s*[：:]\s*(.*)$/s;
const INLINE_INDICATOR_LABEL = /绩效指标\s*[：:]/;

/** What part one reads: the document's paragraphs (normalised) in order, and where tables stand. */
export type ProseItem = { kind: 'paragraph'; text: string } | { kind: 'row' };
type ParagraphItem = Extract<ProseItem, { kind: 'paragraph' }>;

export interface PartOne {
  overallGoal: string | null;
  objectives: Objective[];
}

/** The paragraphs of each numbered section of part one, up to the first table or the next part. */
function sections(items: readonly ProseItem[]): Array<{ heading: string; paragraphs: ParagraphItem[] }> {
  const found: Array<{ heading: string; paragraphs: ParagraphItem[] }> = [];
  let current: { heading: string; paragraphs: ParagraphItem[] } | null = null;
  for (const item of items) {
    if (item.kind === 'row') {
      if (current) break;
      continue;
    }
    if (current && PART_HEADING.test(item.text.trim())) break;
    const heading = SECTION_HEADING.exec(item.text);
    if (heading?.[1] && (OVERALL_GOAL.test(heading[1]) || SUB_GOALS.test(heading[1]) || current)) {
      current = { heading: heading[1], paragraphs: [] };
      found.push(current);
      continue;
    }
    current?.paragraphs.push(item);
  }
  return found;
}

const join = (lines: readonly string[]) => normalizeOptional(lines.join('\n'));

interface Draft {
  title: string | null;
  goal: string[];
  indicator: string[] | null;
  mode: 'goal' | 'indicator';
}

function toObjective(draft: Draft): Objective {
  const indicatorText = draft.indicator === null ? null : join(draft.indicator);
  return {
    title: draft.title,
    goal: join(draft.goal),
    indicatorText,
    indicators: indicatorText === null ? [] : readProseIndicators(indicatorText),
  };
}

/** Splits `目标6：建立…。绩效指标：系统运行顺畅…` into the target and its indicator text. */
function splitInline(text: string, draft: Draft): void {
  const at = text.search(INLINE_INDICATOR_LABEL);
  if (at === -1) {
    draft.goal.push(text);
    return;
  }
  draft.goal.push(text.slice(0, at));
  draft.indicator = [text.slice(at).replace(INDICATOR_LABEL, '$1')];
  draft.mode = 'indicator';
}

function readObjectives(paragraphs: readonly ParagraphItem[]): Objective[] {
  const drafts: Draft[] = [];
  let draft: Draft | null = null;
  for (const { text } of paragraphs) {
    const target = NUMBERED_TARGET.exec(text);
    if (OBJECTIVE_HEADING.test(text) || target) {
      draft = { title: target?.[1] ?? text, goal: [], indicator: null, mode: 'goal' };
      drafts.push(draft);
      if (target) splitInline(target[2] ?? '', draft);
      continue;
    }
    if (!draft) continue;
    const goal = GOAL_LABEL.exec(text);
    const indicator = INDICATOR_LABEL.exec(text);
    if (goal) {
      draft.mode = 'goal';
      splitInline(goal[1] ?? '', draft);
    } else if (indicator) {
      draft.mode = 'indicator';
      draft.indicator = [indicator[1] ?? ''];
    } else if (draft.mode === 'indicator') {
      draft.indicator?.push(text);
    } else {
      draft.goal.push(text);
    }
  }
  return drafts.map(toObjective);
}

export function readPartOne(items: readonly ProseItem[]): PartOne {
  let overallGoal: string | null = null;
  const objectives: Objective[] = [];
  for (const section of sections(items)) {
    if (OVERALL_GOAL.test(section.heading)) overallGoal ??= join(section.paragraphs.map((p) => p.text));
    else if (SUB_GOALS.test(section.heading)) objectives.push(...readObjectives(section.paragraphs));
  }
  return { overallGoal, objectives };
}
