/** Intervals and paired differences on numbers checked by hand. */
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../reports/comparison.js';
import type { RunRecord } from '../../reports/run-record.js';
import { interval, medianInterval, pairedDifference } from '../../reports/statistics.js';
import type { RunSummary } from '../../reports/summary.js';

describe('interval', () => {
  it('is the t interval: [1..5] → 3 ± 2.776 · 1.5811 / √5', () => {
    const ci = interval([1, 2, 3, 4, 5]);
    const half = 2.7764451051977987 * (Math.sqrt(2.5) / Math.sqrt(5));
    expect(ci.mean).toBe(3);
    expect(ci.low).toBeCloseTo(3 - half, 12);
    expect(ci.high).toBeCloseTo(3 + half, 12);
  });

  it('collapses to the value with one run', () => {
    expect(interval([7])).toEqual({ mean: 7, low: 7, high: 7, n: 1 });
  });

  it('pairs by position: a constant shift has a zero-width interval even when runs vary a lot', () => {
    const a = [10, 200, 35, 4000];
    const d = pairedDifference(
      a.map((x) => x + 3),
      a,
    );
    expect([d.mean, d.low, d.high]).toEqual([3, 3, 3]);
    const unpaired = interval(a.map((x) => x + 3));
    expect(unpaired.high - unpaired.low).toBeGreaterThan(1000);
  });
});

describe('medianInterval', () => {
  it('takes the 2nd and 9th of 10 values: P(Binomial(10, ½) ≤ 1) = 11/1024 ≤ 2.5 % < P(≤ 2) = 56/1024', () => {
    const ci = medianInterval([7, 3, 10, 1, 5, 9, 2, 8, 6, 4]);
    expect(ci).toEqual({ median: 5.5, low: 2, high: 9, coverage: 1 - 22 / 1024, n: 10 });
  });

  it('needs 6 values for 95 %: the range of 6 covers 1 − 2/64; 5 give no interval', () => {
    expect(medianInterval([6, 1, 5, 2, 4, 3])).toMatchObject({ low: 1, high: 6, coverage: 1 - 2 / 64 });
    expect(medianInterval([5, 1, 4, 2, 3])).toEqual({ median: 3, low: -Infinity, high: Infinity, coverage: 1, n: 5 });
  });

  it('ignores how far the outliers are, unlike the t interval', () => {
    const values = [0.5, 0.51, 0.52, 0.52, 0.53, 0.53, 0.54, 0.55, 0.56, 0.1];
    const ci = medianInterval(values);
    expect([ci.low, ci.high]).toEqual([0.5, 0.55]);
    expect(interval(values).low).toBeLessThan(0.4);
  });

  it('at 80 % on 10 values, takes the 3rd and 8th (P(≤ 2) = 56/1024 ≤ 10 % < P(≤ 3) = 176/1024)', () => {
    expect(medianInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.8)).toMatchObject({ low: 3, high: 8, coverage: 1 - 112 / 1024 });
  });
});

describe('compareRuns', () => {
  const run = (strategy: string, seed: number, successRate: number): RunRecord => ({
    summary: { strategy, seed, successRate } as unknown as RunSummary,
    series: { columns: [], rows: [] },
    waitQuantiles: [],
    readyQuantiles: [],
  });

  it('pairs each strategy with the baseline by seed, whatever the order of records', () => {
    const records = [run('b', 2, 0.7), run('a', 1, 0.5), run('b', 1, 0.6), run('a', 2, 0.5)];
    const rows = compareRuns(records, ['a', 'b'], [1, 2], 'a').filter((r) => r.metric === 'successRate');
    expect(rows[0]).toMatchObject({ strategy: 'a', mean: 0.5 });
    expect(rows[0].diff).toBeUndefined();
    expect(rows[1].strategy).toBe('b');
    expect(rows[1].mean).toBeCloseTo(0.65, 12);
    expect(rows[1].diff).toBeCloseTo(0.15, 12);
  });

  it('refuses a missing run', () => {
    expect(() => compareRuns([run('a', 1, 1)], ['a'], [1, 2], 'a')).toThrow('no run for a, seed 2');
  });
});
