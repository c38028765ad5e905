/**
 * A paired multi-seed comparison (DESIGN §4): per strategy and metric, the mean over seeds with its
 * 95 % interval, and the paired difference to the baseline strategy with its interval.
 */
import type { RunRecord } from './run-record.js';
import { interval, pairedDifference } from './statistics.js';
import type { RunSummary } from './summary.js';

export interface MetricInfo {
  key: string;
  label: string;
  /** Which direction is an improvement. */
  better: 'higher' | 'lower';
  unit: string;
}

/** The metrics a comparison reports, by dotted path into the run summary. */
export const COMPARED_METRICS: readonly MetricInfo[] = [
  { key: 'successRate', label: 'success rate', better: 'higher', unit: '' },
  { key: 'wait.mean', label: 'wait, mean', better: 'lower', unit: 's' },
  { key: 'wait.p95', label: 'wait, p95', better: 'lower', unit: 's' },
  { key: 'timeToReady.p95', label: 'time to ready, p95', better: 'lower', unit: 's' },
  { key: 'timeToReady.p99', label: 'time to ready, p99', better: 'lower', unit: 's' },
  { key: 'utilization.cpu', label: 'cpu utilisation', better: 'higher', unit: '' },
  { key: 'utilization.mem', label: 'mem utilisation', better: 'higher', unit: '' },
  { key: 'allocation.cpu', label: 'cpu allocation', better: 'higher', unit: '' },
  { key: 'slack.cpu', label: 'cpu slack', better: 'lower', unit: '' },
  { key: 'reservationWaste.cpu', label: 'cpu reserved unused', better: 'lower', unit: 'core-h' },
  { key: 'cost', label: 'cost', better: 'lower', unit: '$' },
  { key: 'failed', label: 'failed items', better: 'lower', unit: '' },
  { key: 'rejected', label: 'rejected items', better: 'lower', unit: '' },
  { key: 'predictionError.underPredictionRate', label: 'under-allocated items', better: 'lower', unit: '' },
  { key: 'makespan', label: 'makespan', better: 'lower', unit: 's' },
];

export interface MetricRow {
  strategy: string;
  metric: string;
  n: number;
  mean: number;
  low: number;
  high: number;
  /** Paired difference to the baseline (undefined for the baseline itself). */
  diff?: number;
  diffLow?: number;
  diffHigh?: number;
}

export function metricValue(summary: RunSummary, key: string): number {
  let v: unknown = summary;
  for (const part of key.split('.')) v = (v as Record<string, unknown>)?.[part];
  return typeof v === 'number' ? v : NaN;
}

/**
 * Rows for every (strategy, metric), in strategy then metric order. `records` must hold one run
 * per (strategy, seed); pairing is by seed.
 */
export function compareRuns(
  records: readonly RunRecord[],
  strategies: readonly string[],
  seeds: readonly number[],
  baseline: string,
): MetricRow[] {
  const bySeed = (strategy: string) =>
    seeds.map((seed) => {
      const r = records.find((x) => x.summary.strategy === strategy && x.summary.seed === seed);
      if (!r) throw new Error(`no run for ${strategy}, seed ${seed}`);
      return r.summary;
    });
  const base = bySeed(baseline);
  const rows: MetricRow[] = [];
  for (const strategy of strategies) {
    const runs = bySeed(strategy);
    for (const m of COMPARED_METRICS) {
      const values = runs.map((s) => metricValue(s, m.key));
      const ci = interval(values);
      const row: MetricRow = { strategy, metric: m.key, n: ci.n, mean: ci.mean, low: ci.low, high: ci.high };
      if (strategy !== baseline) {
        const d = pairedDifference(
          values,
          base.map((s) => metricValue(s, m.key)),
        );
        row.diff = d.mean;
        row.diffLow = d.low;
        row.diffHigh = d.high;
      }
      rows.push(row);
    }
  }
  return rows;
}
