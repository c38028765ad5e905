/** Short human-readable tables on the terminal. */
import type { RunSummary } from '../reports/summary.js';

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '-');

export function printRunTable(summaries: readonly RunSummary[]): void {
  const rows = summaries.map((s) => [
    s.strategy,
    String(s.seed),
    String(s.items),
    `${fmt(100 * s.successRate)}%`,
    fmt(s.wait.mean),
    fmt(s.wait.p99),
    `${fmt(100 * s.utilization.cpu)}%`,
    `${fmt(100 * s.allocation.cpu)}%`,
    fmt(s.cost, 2),
    `${fmt(s.eventsPerSecond / 1e6, 2)}M`,
  ]);
  const header = ['strategy', 'seed', 'items', 'success', 'wait mean s', 'wait p99 s', 'util cpu', 'alloc cpu', 'cost', 'events/s'];
  printTable(header, rows);
}

export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}
