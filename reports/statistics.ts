/**
 * Means with 95 % confidence intervals (Student's t), and paired differences: runs of two
 * strategies with the same seed met the same workload (common random numbers), so the
 * difference per seed removes the workload's own variance from the comparison. And medians with
 * distribution-free intervals, for timings on a shared machine, whose slow outliers a mean and a
 * t interval would follow.
 */
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { deviation, mean, quantileSorted } from 'd3';

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

export interface MedianInterval {
  median: number;
  /** The interval's ends: order statistics of the values (±Infinity when n is too small). */
  low: number;
  high: number;
  /** Its actual coverage, at least `level` (order statistics give only whole steps). */
  coverage: number;
  n: number;
}

/**
 * The median and a confidence interval for it from order statistics: [x(k), x(n+1−k)] with the
 * largest k for which P(Binomial(n, ½) < k) ≤ (1 − level) / 2. It assumes nothing about the
 * values' distribution beyond independence; below 6 values no 95 % interval exists, and the ends
 * are −Infinity and Infinity.
 */
export function medianInterval(values: readonly number[], level = 0.95): MedianInterval {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const m = quantileSorted(sorted, 0.5) ?? NaN;
  const tail = (1 - level) / 2;
  let k = 0;
  while (k + 1 <= n / 2 && binomialCdf(k, n, 0.5) <= tail) k++;
  if (k === 0) return { median: m, low: -Infinity, high: Infinity, coverage: 1, n };
  return { median: m, low: sorted[k - 1], high: sorted[n - k], coverage: 1 - 2 * binomialCdf(k - 1, n, 0.5), n };
}
