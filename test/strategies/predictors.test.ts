/** Each predictor on small series with values computed by hand. */
import { describe, expect, it } from 'vitest';
import { DecayingHistogram } from '../../strategies/predictors/decaying-histogram.js';
import { EmpiricalQuantiles } from '../../strategies/predictors/empirical-quantiles.js';
import { ExponentialSmoothing } from '../../strategies/predictors/exponential-smoothing.js';
import { HoltWinters } from '../../strategies/predictors/holt-winters.js';
import { MovingWindow } from '../../strategies/predictors/moving-window.js';
import { normalQuantile } from '../../strategies/predictors/predictor.js';
import { ShadowProfiles } from '../../strategies/predictors/shadow-profile.js';
import { NearestNeighbours } from '../../strategies/predictors/nearest-neighbours.js';

describe('predictors', () => {
  it('shadow profiles: per-step mean, sd, peak; allocation = average (shared) or largest step (memory) × margin', () => {
    const p = new ShadowProfiles(2);
    // Two runs of "app", two steps; dimension 0 shared (cpu), 1 memory.
    p.observe('app', 0, [1, 1], 10);
    p.observe('app', 1, [2, 3], 30);
    p.observe('app', 0, [3, 1], 10);
    p.observe('app', 1, [2, 5], 10);
    // A profile counts once a run completed every step.
    expect(p.runs('app')).toBe(0);
    expect(p.steps('app')).toBeUndefined();
    p.finish('app');
    p.finish('app');
    expect(p.runs('app')).toBe(2);
    expect(p.runs('other')).toBe(0);
    const step0 = p.steps('app')![0];
    expect([...step0.mean]).toEqual([2, 1]);
    expect([...step0.peak]).toEqual([3, 1]);
    // cpu at step 0: mean 2, sd √2; the median is the mean, the 84.13 % quantile mean + sd.
    expect(p.quantile('app', 0, 0, 0.5)).toBe(2);
    expect(p.quantile('app', 0, 0, 0.8413447460685429)).toBeCloseTo(2 + Math.SQRT2, 6);
    // Step 1 lasted 30 and 10 s: mean 20. cpu average (2·10 + 2·20) / 30 = 2; memory: largest step mean 4.
    const a = p.allocation('app', [1], 1.2, new Float64Array(2))!;
    expect(a[0]).toBeCloseTo(2 * 1.2, 12);
    expect(a[1]).toBeCloseTo(4 * 1.2, 12);
    expect(p.allocation('other', [1], 1.2, new Float64Array(2))).toBeUndefined();
  });

  it('nearest neighbours: categories count 1, numbers by log distance; quantiles of the k nearest', () => {
    const m = new NearestNeighbours(1, 3, 4);
    const job = (app: string, runtime: number) => ({ categorical: [app], numeric: [runtime] });
    m.observe(job('etl', 100), [0.5]);
    m.observe(job('etl', 120), [0.7]);
    m.observe(job('train', 100), [0.9]);
    m.observe(job('etl', 10000), [0.1]);
    expect(NearestNeighbours.distance(job('etl', 99), job('train', 99))).toBe(1);
    expect(NearestNeighbours.distance(job('etl', Math.E - 1), job('etl', 0))).toBeCloseTo(1, 12);
    // For etl at 110 s: etl/120 (0.086 away), etl/100 (0.094), then train/100 (1.094) before etl/10000 (4.5).
    expect(m.neighbours(job('etl', 110))).toEqual([1, 0, 2]);
    expect(m.quantile(job('etl', 110), 0, 0.5)).toBeCloseTo(0.7, 12);
    expect(m.quantile(job('etl', 110), 0, 1)).toBeCloseTo(0.9, 12);
    // The ring keeps the last 4: a fifth sample replaces the oldest (etl/100).
    m.observe(job('etl', 110), [0.3]);
    expect(m.count).toBe(4);
    expect(m.quantile(job('etl', 110), 0, 0)).toBeCloseTo(0.1 + 0.2, 12); // 0.3, 0.7, 0.9 → min 0.3
    expect(new NearestNeighbours(1).quantile(job('etl', 1), 0, 0.5)).toBeNaN();
  });

  it('exponential smoothing: level and smoothed error variance (α = 0.5)', () => {
    const p = new ExponentialSmoothing(0.5);
    p.observe(0, 10);
    p.observe(1, 20);
    // level 10 → 10 + 0.5 · 10 = 15; variance 0.5 · 10² = 50.
    expect(p.mean()).toBe(15);
    expect(p.quantile(0.5)).toBe(15);
    expect(p.quantile(0.975)).toBeCloseTo(15 + Math.sqrt(50) * 1.959964, 5);
  });

  it('Holt-Winters: a season initialises, then one update (period 2)', () => {
    const p = new HoltWinters(2, 0.3, 0.05, 0.2);
    p.observe(0, 10);
    p.observe(1, 20);
    // level 15, seasons −5 and +5: the next (slot 0) forecast is 10.
    expect(p.mean()).toBe(10);
    p.observe(2, 12);
    // error 2; level 0.3·(12 + 5) + 0.7·15 = 15.6; trend 0.05·0.6 = 0.03;
    // season[0] 0.2·(12 − 15.6) + 0.8·(−5) = −4.72. Next (slot 1): 15.6 + 0.03 + 5 = 20.63.
    expect(p.mean()).toBeCloseTo(20.63, 12);
    expect(p.quantile(0.5)).toBeCloseTo(20.63, 12);
    // variance 0.3 · 2² = 1.2
    expect(p.quantile(normalCdf(1))).toBeCloseTo(20.63 + Math.sqrt(1.2), 6);
  });

  it('empirical quantiles over a window of 4', () => {
    const p = new EmpiricalQuantiles(4);
    for (const [t, x] of [1, 2, 3, 4, 5].entries()) p.observe(t, x);
    // The window holds 2, 3, 4, 5.
    expect([p.quantile(0), p.quantile(0.5), p.quantile(1), p.mean()]).toEqual([2, 3.5, 5, 3.5]);
  });

  it('decaying histogram: exponential buckets, weights doubling every half-life, upper bucket edge', () => {
    const p = new DecayingHistogram(100, 0.01, 1.05, 200);
    expect(p.bucketOf(1)).toBe(Math.floor(Math.log(1 / 0.01 * 0.05 + 1) / Math.log(1.05)));
    p.observe(0, 1); // weight 1
    p.observe(100, 2); // one half-life later: weight 2 — total 3
    const k1 = p.bucketOf(1);
    const k2 = p.bucketOf(2);
    // A third of the weight is at 1: q ≤ 1/3 answers the top of 1's bucket, beyond it 2's.
    expect(p.quantile(0.3)).toBeCloseTo(p.bucketStart(k1 + 1), 12);
    expect(p.quantile(0.34)).toBeCloseTo(p.bucketStart(k2 + 1), 12);
    expect(p.bucketStart(k1)).toBeLessThanOrEqual(1);
    expect(p.bucketStart(k1 + 1)).toBeGreaterThan(1);
  });

  it('moving window: peaks per window, max and percentile of peaks', () => {
    const p = new MovingWindow(10, 48);
    p.observe(0, 1);
    p.observe(5, 3); // window 0 peak 3
    p.observe(12, 2); // window 1 peak 2
    p.observe(25, 7); // window 2 (open) peak 7
    expect(p.quantile(1)).toBe(7);
    expect(p.quantile(0.5)).toBe(3);
    expect(p.mean()).toBe(4);
  });

  it('the normal quantile is accurate', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 8);
  });
});

/** Φ(x) by the error function's series (for one test value). */
function normalCdf(x: number): number {
  let sum = 0;
  let term = x;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / 2 / (n + 1);
  }
  return 0.5 + sum / Math.sqrt(2 * Math.PI);
}
