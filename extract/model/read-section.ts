// One section read by the model: the prompt (prompts/extract-table.md, its user part a langchain
// template), the answer's schema, and the answer turned into the contract's projects, each string
// held to the section (grounding.ts) and each value parsed by the same parser the rules use.
import { randomBytes } from 'node:crypto';
import { PromptTemplate } from '@langchain/core/prompts';
import { z } from 'zod';
import { askJson, type Usage } from '../../llm/ask-json.ts';
import type { Llm } from '../../llm/client.ts';
import type { Prompt } from '../../llm/prompts.ts';
import type { Indicator, Project, Warning } from '../../schemas/extraction.ts';
import { canonicalLevels } from '../../vocab/canonical-levels.ts';
import { normalizeOptional } from '../normalize.ts';
import { parseAmount, parseUnitText } from '../read/amounts.ts';
import { parseValue } from '../values.ts';
import { Grounding } from './grounding.ts';
import type { Section } from './sections.ts';

const text = z.string().nullable();

export const SectionAnswer = z.object({
  projects: z.array(
    z.object({
      name: text,
      code: text,
      unit: text,
      budgetTotal: text,
      indicators: z.array(z.object({ level1: text, level2: text, name: text, description: text, value: text, basis: text })),
    }),
  ),
});
export type SectionAnswer = z.infer<typeof SectionAnswer>;

export interface SectionRead {
  projects: Project[];
  warnings: Warning[];
  usage: Usage;
  /** the last answer that failed the schema, when the section could not be read */
  failedOutput: string | null;
  /** why the section could not be read (the rules' reading stands) */
  problem: string | null;
}

/** The prompt file's two parts: the system text, and the user message template after `--- user ---`. */
export function promptParts(prompt: Prompt): { system: string; user: PromptTemplate } {
  const [system, user] = prompt.text.split(/^--- user ---$/m);
  if (!system || !user) throw new Error(`prompt ${prompt.version} has no "--- user ---" part`);
  return { system: system.trim(), user: PromptTemplate.fromTemplate(user.trim()) };
}

export async function readSection(llm: Llm, prompt: Prompt, section: Section, count: number, model?: string): Promise<SectionRead> {
  const { system, user } = promptParts(prompt);
  // A fresh tag per request: text inside the document cannot close the section early.
  const nonce = randomBytes(8).toString('hex');
  const message = await user.format({ index: String(section.index), count: String(count), nonce, section: section.text });
  const answer = await askJson({ llm, system, user: message, schema: SectionAnswer, schemaName: 'performance_tables', model });
  if (!answer.ok) {
    const code = answer.kind === 'invalid' ? 'LLM_INVALID_OUTPUT' : 'LLM_FAILED';
    return {
      projects: [],
      warnings: [{ code, message: `模型未能读取第${section.index}段: section ${section.index} was not read by the model: ${answer.problem}`, loc: {} }],
      usage: answer.usage,
      failedOutput: answer.lastOutput,
      problem: answer.problem,
    };
  }
  const grounded = groundAnswer(answer.value, new Grounding(section.text, section.ocr), section.index);
  const overcome: Warning[] = answer.faults.map((fault) => ({
    code: fault.includes('asked again') ? 'LLM_REASKED' : 'LLM_RETRIED',
    message: `读取第${section.index}段时模型出错后已恢复: section ${section.index}: ${fault}`,
    loc: {},
  }));
  return { projects: grounded.projects, warnings: [...overcome, ...grounded.warnings], usage: answer.usage, failedOutput: null, problem: null };
}

/** The answer as projects, with every string the section does not hold dropped and named. */
export function groundAnswer(answer: SectionAnswer, grounding: Grounding, sectionIndex: number): { projects: Project[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const kept = (value: string | null, what: string): string | null => {
    const normalized = normalizeOptional(value);
    if (normalized === null || grounding.holds(normalized)) return normalized;
    warnings.push({ code: 'UNGROUNDED_VALUE', message: `模型给出的${what}“${normalized}”在原文中找不到，已删除: the model's ${what} "${normalized}" is not in section ${sectionIndex}, dropped`, loc: {} });
    return null;
  };
  const projects = answer.projects.map((answered, p): Project => {
    const where = `project ${p + 1}`;
    const name = kept(answered.name, `${where} name`);
    const budget = kept(answered.budgetTotal, `${where} budget`);
    const unit = kept(answered.unit, `${where} unit`);
    const indicators = answered.indicators.flatMap((row, r): Indicator[] => {
      const label = `${where} row ${r + 1}`;
      const rowName = kept(row.name, `${label} 三级指标`);
      const raw = kept(row.value, `${label} 指标值`);
      // A row whose name and value are both gone holds nothing of the source.
      if (rowName === null && raw === null) return [];
      return [
        {
          ...canonicalLevels(normalizeOptional(row.level1), normalizeOptional(row.level2)),
          name: rowName,
          description: kept(row.description, `${label} 指标描述`),
          value: parseValue(raw ?? ''),
          basis: kept(row.basis, `${label} 指标值确定依据`),
          remark: null,
          fundingLine: null,
        },
      ];
    });
    return {
      title: null,
      code: kept(answered.code, `${where} 项目编码`),
      name,
      unit: unit === null ? null : parseUnitText(unit),
      owner: null,
      budget: { total: budget === null ? null : parseAmount(budget), fiscal: null, other: null },
      purpose: null,
      spendingPlan: [],
      goals: [],
      indicators,
    };
  });
  return { projects, warnings };
}
