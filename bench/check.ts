/**
 * The regression gate: a suite fails when its ratio to the calibration task falls more than
 * `tolerance` (25 %) below the ratio recorded in bench/baseline.json.
 */
import type { BenchReport } from './suites.js';

export interface Baseline {
  /** How the baseline was made, for people reading the file. */
  note: string;
  tolerance: number;
  suites: Record<string, number>;
}

export interface CheckRow {
  name: string;
  baseline: number;
  now: number;
  /** now / baseline. */
  change: number;
  ok: boolean;
}

export function checkAgainst(report: BenchReport, baseline: Baseline): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const r of report.results) {
    const base = baseline.suites[r.name];
    if (base === undefined) continue;
    const change = r.ratio / base;
    rows.push({ name: r.name, baseline: base, now: r.ratio, change, ok: change >= 1 - baseline.tolerance });
  }
  return rows;
}

export function baselineOf(report: BenchReport, note: string, tolerance = 0.25): Baseline {
  return {
    note,
    tolerance,
    suites: Object.fromEntries(report.results.map((r) => [r.name, Number(r.ratio.toPrecision(4))])),
  };
}
