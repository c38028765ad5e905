/**
 * What one (strategy, seed) run of a comparison hands back: its summary, its time series, and the
 * quantile functions of wait and time-to-ready (for CDFs) — never its per-item log, so a
 * comparison's memory does not grow with the workload.
 */
import { quantileSorted } from 'd3';
import type { Simulation } from '../sim/simulation.js';
import { outcomeSamples, type OutcomeSamples, type RunSummary } from './summary.js';

export interface RunRecord {
  summary: RunSummary;
  series: { columns: string[]; rows: number[][] };
  /** Wait and time-to-ready at probabilities 0, 0.01, ..., 1 (seconds). */
  waitQuantiles: number[];
  readyQuantiles: number[];
}

export const CDF_POINTS = 101;

export function recordOf(sim: Simulation, summary: RunSummary, samples: OutcomeSamples = outcomeSamples(sim)): RunRecord {
  return {
    summary,
    series: { columns: sim.series.columns, rows: sim.series.rows },
    waitQuantiles: quantiles(samples.waits),
    readyQuantiles: quantiles(samples.ready),
  };
}

function quantiles(sorted: Float64Array): number[] {
  if (sorted.length === 0) return [];
  const values = sorted as unknown as number[];
  return Array.from({ length: CDF_POINTS }, (_, k) => quantileSorted(values, k / (CDF_POINTS - 1)) ?? 0);
}
