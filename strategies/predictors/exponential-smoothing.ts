/**
 * Simple exponential smoothing (seed 002's demand forecaster, non-seasonal): level
 * L ← α·x + (1 − α)·L; the one-step errors are smoothed the same way into a variance, and the
 * forecast distribution is normal around the level.
 */
import { normalQuantile, type Predictor } from './predictor.js';

export class ExponentialSmoothing implements Predictor {
  readonly name = 'exponential-smoothing';
  count = 0;
  private level = NaN;
  private variance = 0;
  constructor(private readonly alpha = 0.3) {}

  observe(_t: number, x: number): void {
    if (this.count++ === 0) {
      this.level = x;
      return;
    }
    const error = x - this.level;
    this.variance = this.alpha * error * error + (1 - this.alpha) * this.variance;
    this.level += this.alpha * error;
  }

  mean(): number {
    return this.level;
  }

  quantile(q: number): number {
    return this.level + Math.sqrt(this.variance) * normalQuantile(q);
  }
}
