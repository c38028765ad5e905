/**
 * Google Autopilot's moving-window recommender: samples fall into windows of `window` seconds;
 * each closed window keeps its peak; the recommendation is the max over the last `windows` peaks
 * (the "max" recommender) or a percentile of them, plus a safety margin.
 */
import type { Predictor } from './predictor.js';

export class MovingWindow implements Predictor {
  readonly name = 'moving-window';
  count = 0;
  private readonly peaks: Float64Array;
  private closed = 0;
  private currentWindow = -1;
  private currentPeak = -Infinity;

  constructor(
    private readonly window = 300,
    private readonly windows = 48,
  ) {
    this.peaks = new Float64Array(windows);
  }

  observe(t: number, x: number): void {
    this.count++;
    const w = Math.floor(t / this.window);
    if (w !== this.currentWindow) {
      if (this.currentWindow >= 0) this.peaks[this.closed++ % this.windows] = this.currentPeak;
      this.currentWindow = w;
      this.currentPeak = -Infinity;
    }
    if (x > this.currentPeak) this.currentPeak = x;
  }

  /** Peaks of the closed windows and of the open one. */
  private recent(): number[] {
    const n = Math.min(this.closed, this.windows);
    const out = Array.from(this.peaks.subarray(0, n));
    if (this.currentPeak > -Infinity) out.push(this.currentPeak);
    return out;
  }

  /** q = 1: the max over the windows; otherwise the q-th percentile of window peaks (nearest rank). */
  quantile(q: number): number {
    const r = this.recent().sort((a, b) => a - b);
    if (r.length === 0) return NaN;
    return r[Math.min(r.length - 1, Math.max(0, Math.ceil(q * r.length) - 1))];
  }

  mean(): number {
    const r = this.recent();
    return r.length ? r.reduce((a, b) => a + b, 0) / r.length : NaN;
  }
}
