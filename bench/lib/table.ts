/** The table `npm run bench` prints: one line per result, columns aligned. */
import { ratio, type BenchResult } from '../row.ts';

export const COLUMNS = ['row', 'Ringback', 'baseline', 'baseline figure', 'ratio', 'better'] as const;

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

export function formatRatio(result: BenchResult): string {
  const r = ratio(result);
  if (!Number.isFinite(r)) return 'n/a';
  return r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r >= 0.01 ? r.toFixed(2) : r.toPrecision(2);
}

export function tableRows(results: readonly BenchResult[]): string[][] {
  return results.map((r) => [
    r.name,
    `${formatNumber(r.ringback)} ${r.unit}`,
    r.baselineName,
    `${formatNumber(r.baseline)} ${r.unit}`,
    formatRatio(r),
    r.better,
  ]);
}

/** Left-aligned text, right-aligned figures, a rule under the header. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = [[...COLUMNS], ...tableRows(results)];
  const widths = COLUMNS.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const numeric = new Set([1, 3, 4]);
  const line = (row: string[]) =>
    row.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
