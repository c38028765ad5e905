/**
 * What one (strategy, seed) run of a comparison hands back: its summary, its time series, and the
 * quantile functions of wait and time-to-ready (for CDFs) — never its per-item log, so a
 * comparison's memory does not grow with the workload.
 */
import { quantileSorted } from 'd3';
import type { Simulation } from '../sim/simulation.js';
import type { RunSummary } from './summary.js';

export interface RunRecord {
  summary: RunSummary;
  series: { columns: string[]; rows: number[][] };
  /** Wait and time-to-ready at probabilities 0, 0.01, ..., 1 (seconds). */
  waitQuantiles: number[];
  readyQuantiles: number[];
}

export const CDF_POINTS = 101;

export function recordOf(sim: Simulation, summary: RunSummary): RunRecord {
  const log = sim.outcomes;
  const waits: number[] = [];
  const ready: number[] = [];
  for (let o = 0; o < log.count; o++) {
    if (log.ended(o) !== 1) continue;
    const a = log.arrival(o);
    const p = log.placed(o);
    const s = log.ready(o);
    if (p === p) waits.push(p - a);
    if (s === s) ready.push(s - a);
  }
  return {
    summary,
    series: { columns: sim.series.columns, rows: sim.series.rows },
    waitQuantiles: quantiles(waits),
    readyQuantiles: quantiles(ready),
  };
}

function quantiles(values: number[]): number[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort() as unknown as number[];
  return Array.from({ length: CDF_POINTS }, (_, k) => quantileSorted(sorted, k / (CDF_POINTS - 1)) ?? 0);
}
