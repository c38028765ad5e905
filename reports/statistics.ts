/**
 * Means with 95 % confidence intervals (Student's t), and paired differences: runs of two
 * strategies with the same seed met the same workload (common random numbers), so the
 * difference per seed removes the workload's own variance from the comparison.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { deviation, mean } from 'd3';

export interface Interval {
  mean: number;
  low: number;
  high: number;
  n: number;
}

/** Mean and two-sided 95 % t interval (the interval is the mean itself when n < 2). */
export function interval(values: readonly number[], level = 0.95): Interval {
  const n = values.length;
  const m = mean(values) ?? NaN;
  if (n < 2) return { mean: m, low: m, high: m, n };
  const sd = deviation(values) ?? 0;
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { mean: m, low: m - half, high: m + half, n };
}

/** Interval of the per-seed differences a[i] − b[i] (paired by seed). */
export function pairedDifference(a: readonly number[], b: readonly number[], level = 0.95): Interval {
  if (a.length !== b.length) throw new Error(`paired difference of ${a.length} and ${b.length} runs`);
  return interval(
    a.map((x, i) => x - b[i]),
    level,
  );
}
