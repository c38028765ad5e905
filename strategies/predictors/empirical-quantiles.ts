/** Empirical quantiles over a sliding window of the last `window` observations (linear interpolation). */
import { quantileSorted } from 'd3';
import type { Predictor } from './predictor.js';

export class EmpiricalQuantiles implements Predictor {
  readonly name = 'empirical-quantiles';
  count = 0;
  private readonly values: Float64Array;
  private readonly sorted: Float64Array;
  private dirty = true;

  constructor(private readonly window = 100) {
    this.values = new Float64Array(window);
    this.sorted = new Float64Array(window);
  }

  observe(_t: number, x: number): void {
    this.values[this.count++ % this.window] = x;
    this.dirty = true;
  }

  private view(): Float64Array {
    const n = Math.min(this.count, this.window);
    if (this.dirty) {
      this.sorted.set(this.values.subarray(0, n));
      this.sorted.subarray(0, n).sort();
      this.dirty = false;
    }
    return this.sorted.subarray(0, n);
  }

  quantile(q: number): number {
    const v = this.view();
    return v.length ? (quantileSorted(v as unknown as number[], q) ?? NaN) : NaN;
  }

  mean(): number {
    const v = this.view();
    let s = 0;
    for (const x of v) s += x;
    return v.length ? s / v.length : NaN;
  }
}
