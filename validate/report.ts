// Plain-text reports for a person: findings grouped by project, and summary counts.
import type { Finding, FindingCounts, Severity, ValidationSummary } from '../schemas/findings.ts';
import { rules } from './rules/index.ts';

const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: '错误 error', warning: '警告 warning', info: '提示 info' };
const RULE_TITLES: ReadonlyMap<string, string> = new Map(rules.map((rule) => [rule.code, `${rule.title} / ${rule.titleEn}`]));

export function countsLine(counts: FindingCounts): string {
  return `错误 ${counts.error}，警告 ${counts.warning}，提示 ${counts.info} (errors ${counts.error}, warnings ${counts.warning}, info ${counts.info})`;
}

export interface ReportInput {
  file: string | null;
  projects: ReadonlyArray<{ name: string | null; title: string | null }>;
  findings: readonly Finding[];
}

/** Every finding, grouped by project in document order; a project without findings says so. */
export function renderReport({ file, projects, findings }: ReportInput, counts: FindingCounts): string {
  const lines: string[] = [`${file ?? '（标准输入 standard input）'}: ${projects.length} 个项目 projects — ${countsLine(counts)}`];
  projects.forEach((project, index) => {
    const own = findings.filter((finding) => finding.loc.projectIndex === index);
    const heading = project.name ?? project.title ?? '（无名称 unnamed）';
    const title = project.title && project.title !== project.name ? `  〔${project.title}〕` : '';
    lines.push('', `[${index + 1}] ${heading}${title}${own.length === 0 ? '  — 未发现问题 no findings' : ''}`);
    for (const finding of own) {
      lines.push(`  ${SEVERITY_LABEL[finding.severity]}  ${finding.code}`, `    ${finding.message}`, `    ${finding.messageEn}`);
    }
  });
  return lines.join('\n') + '\n';
}

const pad = (count: number) => String(count).padStart(4);

/** Counts per rule, then per project (and file), the projects with most errors first. */
export function renderSummary(summary: ValidationSummary): string {
  const lines = [`${summary.projects} 个项目 projects — ${countsLine(summary.counts)}`, '', '按规则 by rule:'];
  const width = Math.max(0, ...Object.keys(summary.byRule).map((code) => code.length));
  for (const [code, count] of Object.entries(summary.byRule)) lines.push(`  ${code.padEnd(width)} ${pad(count)}  ${RULE_TITLES.get(code) ?? ''}`);
  lines.push('', '按项目 by project  (错误 error / 警告 warning / 提示 info):');
  const projects = [...summary.byProject].sort((a, b) => b.counts.error - a.counts.error || b.counts.warning - a.counts.warning || b.counts.info - a.counts.info);
  for (const { file, projectIndex, projectName, counts } of projects) {
    const where = file ? `${file} #${projectIndex + 1}` : `#${projectIndex + 1}`;
    lines.push(`  ${pad(counts.error)} ${pad(counts.warning)} ${pad(counts.info)}  ${where} ${projectName ?? '（无名称 unnamed）'}`);
  }
  return lines.join('\n') + '\n';
}
