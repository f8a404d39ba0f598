// When the library has no project with a kind of indicator the draft needs (an empty library, an
// unusual project), the framework's usual target for that kind (shared/domain/primer.md) stands in,
// plainly marked as such, for a person to adjust.
import { parseValue } from '../extract/values.ts';
import type { DraftIndicator } from '../schemas/library.ts';
import type { ProjectFacts } from './adapt.ts';

type Template = (facts: ProjectFacts) => Pick<DraftIndicator, 'name' | 'value' | 'basis' | 'rationale'>;

const USUAL = '计划标准：绩效指标框架中该类指标的常用目标值';
const ADJUST = '库中没有含此类指标的相近项目，先用框架中的常用目标值，请按本项目实际修改。';

export const TEMPLATES: Readonly<Record<string, Template>> = {
  数量指标: () => ({ name: '项目任务完成数', value: parseValue('≥1项'), basis: USUAL, rationale: ADJUST }),
  质量指标: () => ({ name: '项目任务验收合格率', value: parseValue('≥95%'), basis: USUAL, rationale: ADJUST }),
  时效指标: (facts) => ({ name: '项目完成时限', value: parseValue(`${facts.year}年12月底前`), basis: `计划标准：项目在${facts.year}年度内完成`, rationale: '完成时限定在预算年度内。' }),
  成本指标: (facts) => ({ name: '项目总成本', value: parseValue(`≤${facts.budget}万元`), basis: `计划标准：本项目预算${facts.budget}万元`, rationale: '成本上限为本项目预算。' }),
  社会效益指标: () => ({ name: '服务对象受益率', value: parseValue('≥90%'), basis: USUAL, rationale: ADJUST }),
  服务对象满意度指标: () => ({ name: '服务对象满意度', value: parseValue('≥90%'), basis: '满意度调查问卷', rationale: ADJUST }),
};
