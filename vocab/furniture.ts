// What stands around a table but is not part of it: signatures and review rows under a form, the
// sections that close a self-evaluation, generic form names that are never a project's title,
// unit and money lines, and the debris of document-sharing sites.
import { squeeze } from './fold.ts';

/** Rows that end a grid: signatures, review opinions, totals, the closing parts of a self-evaluation. */
export const GRID_END = /经办人|签字|签章|盖章|(审核|审批|初审|复审|评审)意见|财务负责人|填表人|填报人|^评价结论|^存在问题|^改进措施|^合计$|^总计$|^说明$|^注[:：]/;

/** A form title ends so. */
export const FORM_TITLE = /(绩效目标|绩效指标|绩效自评|绩效信息|绩效目标申报|绩效目标审批|绩效目标批复|绩效)(表|申报表|自评表|审批表|批复表)$/;

/** A page number a PDF's text carries (第1页, 第 2 页, -3-, 第1页/共3页), folded. */
export const PAGE_NUMBER = /^(第\d+页(\/共\d+页)?|-\d+-|\d+\/\d+)$/;

/** Generic form names and section headings that are never a project's title. */
export const GENERIC_HEADINGS: readonly RegExp[] = [
  /^(.{0,12}[市县区省]级?)?(部门)?(预算)?项目(支出)?绩效(目标|信息)(表|申报表|批复表|审批表)?$/,
  /^[（(]?\d{4}年度?[）)]?(.{0,16}[市县区省]级?)?(部门)?(预算)?项目(支出)?绩效(目标|信息|目标申报|目标自评|自评)?(表|申报表|批复表|审批表|自评表)(?:[（(]?\d{4}年度?[）)]?)?$/,
  /^(.{0,16}(市|县|区|省|市级|县级|区级|省级|市直|省直))?(部门预算)?(项目)?(支出)?绩效(目标|目标申报|目标自评|自评)(表|申报表|自评表)[（(]?\d{0,4}年?度?[）)]?$/,
  /^(\d{4}年度?)?(.{0,8}级)?(专项资金|专项|转移支付|专项转移支付)绩效目标(自评)?表[（(]?\d{0,4}年?度?[）)]?$/,
  // 2017年财政支出项目绩效目标表, 青山区部门预算部门专项(绩效目标)申报表2021年度
  /^(\d{4}年度?)?(.{0,12}[市县区省旗]级?)?(财政)?(支出)?(部门预算)?(部门)?(项目|专项)(支出)?[(（]?绩效目标[)）]?(表|申报表|批复表|审批表|自评表)(\d{4}年度?)?$/,
  /^第[一二三四五六七八九十]+部分$/,
  /^(\d{4}年度?)?(部门整体|专项资金|部门)(支出)?绩效目标(表)?$/,
  /^[（(]?\s*\d{4}\s*年度?[）)]?$/,
  /^(金额)?单位[：:]/,
  /^(填报单位|预算单位|单位名称)/,
  /^\d{6,}/,
  /(签字|签章|盖章|经办人|联系电话)/,
  /^附(件|表)\s*[0-9０-９]*[：:]?$/,
  /^[一二三四五六七八九十]+、/,
  /^(项目基本信息|项目基本情况|绩效指标|绩效目标|绩效评价指标评分)$/,
];

export function isGenericHeading(text: string): boolean {
  const squeezed = squeeze(text);
  return squeezed === '' || GENERIC_HEADINGS.some((pattern) => pattern.test(squeezed));
}

/** A unit line: `304001保定白沟新城国际贸易服务中心（本级）` — a digit code, then the name. */
export const UNIT_LINE = /^\s*(\d{6,})\s*(\p{Unified_Ideograph}.*?)\s*$/su;

/** A form's own year line: `（2022年度）`, `(   2023年度)`, `2021年度)` with a lost bracket. */
export const FORM_YEAR = /^[（(]?\s*(\d{4})\s*年度?\s*[）)]$/;

/** `金额单位：元` / `单位：万元` over a table: the unit its amounts are in. */
export const MONEY_UNIT_LINE = /^(?:金额)?单位[：:]\s*(万元|元)\s*$/;

/**
 * Lines document-sharing and government sites put around a document: upload and view counts,
 * page lists, download hints, share buttons. Text, not the form.
 */
export const SITE_DEBRIS = /^(上传人|文档编号|资源ID|资源大小|资源格式|下载积分|浏览次数|点击查看更多|下载资源|资源描述|还剩\d+页未读|文本内容[:：]?$|扫一扫|【字体|字号|索\s*引\s*号|发布机构|发布时间|发布日期|来源[:：]|归档时间|成文日期|主题分类|公文时效|有\s*效\s*性|文\s*号|标\s*题|统一登记号|信息时效性|公开方式|您现在所在的位置|首页\s*>|第\d+页\s*\/\s*共\d+页|友情提示|\[下载\]|由会员分享|可在线阅读|更多相关|时间[:：]\d)/;
