// Bar charts as inline SVG, drawn on the server so the report needs no script and no network:
// one horizontal bar per (category, series), values 0..1 unless a maximum is given.

export interface BarGroup {
  label: string;
  /** one value per series, in the chart's series order; null draws no bar */
  values: (number | null)[];
}

export interface BarChart {
  title: string;
  series: string[];
  groups: BarGroup[];
  /** the value of a full-width bar; 1 for shares */
  maximum?: number;
  /** how a value is written beside its bar */
  format?: (value: number) => string;
}

/** Colour-blind-safe colours (Okabe–Ito), one per series. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** About how wide a label draws at 11px: CJK characters are square, the rest about half. */
function labelWidth(text: string): number {
  return [...text].reduce((width, char) => width + (/[\u2E80-\uFFEF]/.test(char) ? 11 : 6.2), 0);
}
const BAR_AREA = 360;
const BAR_HEIGHT = 14;
const GROUP_GAP = 10;

export function barChartSvg(chart: BarChart): string {
  const maximum = chart.maximum ?? 1;
  const format = chart.format ?? ((value: number) => value.toFixed(3));
  const legendHeight = chart.series.length > 1 ? 22 : 0;
  const groupHeight = chart.series.length * BAR_HEIGHT + GROUP_GAP;
  const height = legendHeight + chart.groups.length * groupHeight + 8;
  const labelArea = Math.ceil(Math.max(60, ...chart.groups.map((group) => labelWidth(group.label))) + 12);
  const width = labelArea + BAR_AREA + 70;
  const parts: string[] = [];
  chart.series.forEach((name, index) => {
    if (chart.series.length < 2) return;
    const x = labelArea + index * 110;
    parts.push(`<rect x="${x}" y="4" width="12" height="12" fill="${PALETTE[index % PALETTE.length]}"/><text x="${x + 16}" y="14">${escapeHtml(name)}</text>`);
  });
  chart.groups.forEach((group, groupIndex) => {
    const top = legendHeight + groupIndex * groupHeight;
    parts.push(`<text x="${labelArea - 8}" y="${top + (chart.series.length * BAR_HEIGHT) / 2 + 4}" text-anchor="end">${escapeHtml(group.label)}</text>`);
    group.values.forEach((value, seriesIndex) => {
      if (value === null) return;
      const y = top + seriesIndex * BAR_HEIGHT;
      const barWidth = Math.max(1, (Math.min(value, maximum) / maximum) * BAR_AREA);
      const name = chart.series[seriesIndex] ?? '';
      parts.push(
        `<rect class="bar" x="${labelArea}" y="${y + 1}" width="${barWidth.toFixed(1)}" height="${BAR_HEIGHT - 2}" fill="${PALETTE[seriesIndex % PALETTE.length]}"><title>${escapeHtml(`${group.label} · ${name}: ${format(value)}`)}</title></rect>`,
        `<text x="${labelArea + barWidth + 4}" y="${y + BAR_HEIGHT - 3}" class="value">${format(value)}</text>`,
      );
    });
  });
  return `<svg class="chart" role="img" aria-label="${escapeHtml(chart.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}
