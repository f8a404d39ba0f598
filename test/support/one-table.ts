// One project table, as pasted from Word (the seeds' form), under a name and code of one's choosing:
// for tests and benchmarks that add to a library (the seeds hold the original) or just need a table.
import { createHash } from 'node:crypto';

export function oneTable(name = '2026年度海关办公经费', code = `13060526P${createHash('sha256').update(name).digest('hex').slice(0, 12).toUpperCase()}`): string {
  return [
    `1.${name}绩效目标表`,
    '304001保定白沟新城国际贸易服务中心（本级）',
    '\t项目编码', `\t${code}`, '\t项目名称', `\t${name}`, '',
    '\t预算规模及资金用途', '\t预算数', '\t60.00', '\t其中：财政资金', '\t60.00', '\t其他资金', '\t', '',
    '\t绩效目标', '\t1.维护相关设备，保障海关工作正常开展。', '',
    '\t一级指标', '\t二级指标', '\t三级指标', '\t绩效指标描述', '\t指标值', '\t指标值确定依据', '',
    '\t产出指标', '\t数量指标', '\t开展业务次数', '\t开展业务次数', '\t≥10次', '\t依据实际工作开展情况', '',
    '\t', '\t质量指标', '\t保障海关工作完成率', '\t保障海关工作完成率', '\t≥95%', '\t依据实际工作开展情况', '',
    '\t', '\t时效指标', '\t保障综合事务工作完成时限', '\t保障综合事务工作完成时限', '\t12月底', '\t依据实际工作开展情况', '',
    '\t', '\t成本指标', '\t运行保障总成本', '\t运行保障总成本', '\t≤60万元', '\t依据实际工作开展情况', '',
    '\t效益指标', '\t社会效益指标', '\t保障工作正常开展率', '\t维护相关设备，保障海关工作正常开展', '\t100%', '\t依据实际工作开展情况', '',
    '\t满意度指标', '\t服务对象满意度指标', '\t工作人员满意度', '\t工作人员满意度', '\t≥98%', '\t调查问卷', '',
  ].join('\n');
}
