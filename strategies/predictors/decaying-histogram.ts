/**
 * The Kubernetes VPA recommender's histogram: exponentially growing buckets (first bucket
 * `firstBucket`, each `ratio` times wider), sample weights that double every `halfLife` seconds so
 * old samples fade, and a recommendation = percentile × (1 + margin). VPA's defaults: cpu at the
 * 90th percentile, memory at the 95th of per-interval peaks, a 15 % margin, a 24 h half-life.
 */
import type { Predictor } from './predictor.js';

export class DecayingHistogram implements Predictor {
  readonly name = 'decaying-histogram';
  count = 0;
  private readonly weights: Float64Array;
  private total = 0;
  /** Time the weights are relative to (moved forward to keep numbers in range). */
  private reference = 0;

  constructor(
    private readonly halfLife = 86400,
    private readonly firstBucket = 0.01,
    private readonly ratio = 1.05,
    private readonly buckets = 400,
  ) {
    this.weights = new Float64Array(buckets);
  }

  /** The bucket holding value x: bucket k covers [start(k), start(k + 1)). */
  bucketOf(x: number): number {
    if (x < this.firstBucket) return 0;
    const k = Math.floor(Math.log(((x / this.firstBucket) * (this.ratio - 1)) + 1) / Math.log(this.ratio));
    return Math.min(this.buckets - 1, k);
  }

  /** Lower edge of bucket k: firstBucket · (ratio^k − 1) / (ratio − 1). */
  bucketStart(k: number): number {
    return (this.firstBucket * (this.ratio ** k - 1)) / (this.ratio - 1);
  }

  observe(t: number, x: number): void {
    this.count++;
    if (t - this.reference > 20 * this.halfLife) this.rebase(t);
    const w = 2 ** ((t - this.reference) / this.halfLife);
    this.weights[this.bucketOf(x)] += w;
    this.total += w;
  }

  private rebase(t: number): void {
    const f = 2 ** (-(t - this.reference) / this.halfLife);
    for (let k = 0; k < this.buckets; k++) this.weights[k] *= f;
    this.total *= f;
    this.reference = t;
  }

  /** The upper edge of the bucket where the cumulative weight reaches q (as VPA answers). */
  quantile(q: number): number {
    if (this.total === 0) return NaN;
    let acc = 0;
    for (let k = 0; k < this.buckets; k++) {
      acc += this.weights[k];
      if (acc >= q * this.total) return this.bucketStart(k + 1);
    }
    return this.bucketStart(this.buckets);
  }

  mean(): number {
    if (this.total === 0) return NaN;
    let s = 0;
    for (let k = 0; k < this.buckets; k++) s += this.weights[k] * (this.bucketStart(k) + this.bucketStart(k + 1)) / 2;
    return s / this.total;
  }
}
