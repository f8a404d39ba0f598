// Money in a 指标值, in 万元 as the contract keeps 预算数; percents.
import type { Value } from '../schemas/extraction.ts';

const MONEY_UNITS: Readonly<Record<string, number>> = { 元: 1e-4, 千元: 1e-1, 万元: 1, 百万元: 100, 亿元: 1e4 };

/** A money amount in 万元 (`≤60万元`, `2000元`, `0.5亿元`); null for unit prices (`万元/年`) and non-money. */
export function moneyInWan(value: Value): number | null {
  if (value.kind !== 'numeric' || value.number === null || value.unit === null) return null;
  const factor = MONEY_UNITS[value.unit.replace(/\s/g, '')];
  return factor === undefined ? null : value.number * factor;
}

export function formatWan(amount: number): string {
  return `${Number(amount.toFixed(4))}万元`;
}

export function isPercent(value: Value): boolean {
  return value.kind === 'numeric' && (value.unit === '%' || value.unit === '％');
}
