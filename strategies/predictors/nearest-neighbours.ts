/**
 * A metadata regressor (seed 004): k nearest neighbours over past jobs' metadata. A job is a point
 * of categorical features (equal or not: distance 0 or 1 each) and numeric ones (compared on a log
 * scale, as runtimes and sizes spread over orders of magnitude); its neighbours' observed values —
 * here, what fraction of the declared request they used — answer as quantiles.
 *
 * Memory is a ring of the last `capacity` samples, so the model follows drift and costs O(capacity)
 * per query.
 */
import { quantileSorted } from 'd3';

export interface Features {
  readonly categorical: readonly string[];
  readonly numeric: readonly number[];
}

export class NearestNeighbours {
  readonly name = 'nearest-neighbours';
  private readonly samples: { x: Features; y: Float64Array }[] = [];
  private next = 0;
  private readonly distances: number[] = [];
  private readonly order: number[] = [];

  constructor(
    readonly outputs: number,
    readonly k = 10,
    readonly capacity = 2000,
  ) {}

  get count(): number {
    return this.samples.length;
  }

  observe(x: Features, y: ArrayLike<number>): void {
    const sample = { x, y: Float64Array.from(y as ArrayLike<number>) };
    if (this.samples.length < this.capacity) this.samples.push(sample);
    else this.samples[this.next] = sample;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Distance between two jobs: mismatched categories count 1 each, numbers |log(1+a) − log(1+b)|. */
  static distance(a: Features, b: Features): number {
    let d = 0;
    for (let i = 0; i < a.categorical.length; i++) if (a.categorical[i] !== b.categorical[i]) d += 1;
    for (let i = 0; i < a.numeric.length; i++) d += Math.abs(Math.log1p(Math.max(0, a.numeric[i])) - Math.log1p(Math.max(0, b.numeric[i])));
    return d;
  }

  /** The k nearest samples (ties broken by age, oldest first), as indices. */
  neighbours(x: Features): number[] {
    const n = this.samples.length;
    this.distances.length = n;
    this.order.length = n;
    for (let i = 0; i < n; i++) {
      this.distances[i] = NearestNeighbours.distance(x, this.samples[i].x);
      this.order[i] = i;
    }
    const age = (i: number) => (i - this.next + n) % n;
    this.order.sort((a, b) => this.distances[a] - this.distances[b] || age(a) - age(b));
    return this.order.slice(0, Math.min(this.k, n));
  }

  /**
   * Quantile q of output `o` over the k nearest neighbours of x (linear interpolation); NaN with
   * no samples.
   */
  quantile(x: Features, o: number, q: number): number {
    const near = this.neighbours(x);
    if (near.length === 0) return NaN;
    const values = near.map((i) => this.samples[i].y[o]).sort((a, b) => a - b);
    return quantileSorted(values, q) ?? NaN;
  }
}
