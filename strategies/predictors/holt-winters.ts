/**
 * Additive Holt-Winters (seed 002's seasonal forecaster): level, trend and a season of `period`
 * slots. The first full season initialises the seasonal indices; the forecast distribution is
 * normal around the one-step forecast with the smoothed squared error as variance.
 */
import { normalQuantile, type Predictor } from './predictor.js';

export class HoltWinters implements Predictor {
  readonly name = 'holt-winters';
  count = 0;
  private level = 0;
  private trend = 0;
  private readonly season: Float64Array;
  private readonly first: number[] = [];
  private variance = 0;

  constructor(
    private readonly period: number,
    private readonly alpha = 0.3,
    private readonly beta = 0.05,
    private readonly gamma = 0.2,
  ) {
    this.season = new Float64Array(period);
  }

  observe(_t: number, x: number): void {
    const n = this.count++;
    if (n < this.period) {
      this.first.push(x);
      if (n === this.period - 1) {
        const m = this.first.reduce((a, b) => a + b, 0) / this.period;
        this.level = m;
        for (let i = 0; i < this.period; i++) this.season[i] = this.first[i] - m;
      }
      return;
    }
    const s = n % this.period;
    const forecast = this.level + this.trend + this.season[s];
    const error = x - forecast;
    this.variance = this.alpha * error * error + (1 - this.alpha) * this.variance;
    const previous = this.level;
    this.level = this.alpha * (x - this.season[s]) + (1 - this.alpha) * (this.level + this.trend);
    this.trend = this.beta * (this.level - previous) + (1 - this.beta) * this.trend;
    this.season[s] = this.gamma * (x - this.level) + (1 - this.gamma) * this.season[s];
  }

  /** The forecast for the next observation (slot count mod period). */
  mean(): number {
    if (this.count < this.period) return this.first.length ? this.first.reduce((a, b) => a + b, 0) / this.first.length : NaN;
    return this.level + this.trend + this.season[this.count % this.period];
  }

  quantile(q: number): number {
    return this.mean() + Math.sqrt(this.variance) * normalQuantile(q);
  }
}
