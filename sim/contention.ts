/**
 * Weighted max-min sharing of an instance's compressible dimensions (DESIGN §2 "Contention").
 *
 * Per shared dimension d with capacity C: stage i gets r_i = min(cap_i, λ·w_i), with w_i its
 * reservation (weight), cap_i what it can use, and λ the largest value with Σ r_i ≤ C
 * (water-filling). A stage progresses at p_i = min_d r_i,d / demand_i,d (at most 1). The sharing is
 * work-conserving: what a stage cannot use because another dimension limits it is shared again
 * among the others, by repeating the water-filling with cap_i,d = demand_i,d · (the rate its other
 * dimensions allow) until no rate changes. On one dimension this is SimGrid's CPU sharing model.
 * A stage may carry a bound on its rate (a capped shadow run, as SimGrid's action bound): its caps
 * start at demand × bound.
 *
 * The solver owns its scratch arrays and allocates nothing per call once they have grown.
 */
import { resized } from './typed.js';

const MAX_ROUNDS = 16;
const RATE_EPSILON = 1e-12;

export class ContentionSolver {
  /** Inputs, filled by the caller: row j, shared dimension s at [j * S + s]. */
  demand = new Float64Array(64);
  weight = new Float64Array(64);
  /** Row j's highest rate (1 unless the stage is capped), filled by the caller. */
  bound = new Float64Array(16).fill(1);
  /** Output: the progress rate of each stage, in [0, 1]. */
  rate = new Float64Array(16);
  private cap = new Float64Array(64);
  private share = new Float64Array(64);
  private ratio = new Float64Array(16);
  private order = new Int32Array(16);
  private previous = new Float64Array(16);


  /** Makes room for `stages` rows of `dims` shared dimensions. */
  reserve(stages: number, dims: number): void {
    const cells = stages * dims;
    if (cells > this.demand.length) {
      const n = Math.max(cells, this.demand.length * 2);
      this.demand = resized(this.demand, n);
      this.weight = resized(this.weight, n);
      this.cap = resized(this.cap, n);
      this.share = resized(this.share, n);
    }
    if (stages > this.rate.length) {
      const n = Math.max(stages, this.rate.length * 2);
      this.rate = resized(this.rate, n);
      this.bound = resized(this.bound, n, 1);
      this.ratio = resized(this.ratio, n);
      this.order = resized(this.order, n);
      this.previous = resized(this.previous, n);
    }
  }

  /**
   * Computes `rate[0..k)` for k stages sharing capacities `capacity[0..S)`.
   * `demand` and `weight` must hold k·S values (weights > 0 where demand > 0).
   */
  solve(k: number, S: number, capacity: ArrayLike<number>): void {
    const { demand, cap, share, rate, previous, bound } = this;
    for (let j = 0; j < k; j++) for (let s = 0; s < S; s++) cap[j * S + s] = demand[j * S + s] * bound[j];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      for (let s = 0; s < S; s++) this.fill(k, S, s, capacity[s]);
      let changed = false;
      for (let j = 0; j < k; j++) {
        let p = bound[j];
        for (let s = 0; s < S; s++) {
          const dm = demand[j * S + s];
          if (dm > 0) {
            const q = share[j * S + s] / dm;
            if (q < p) p = q;
          }
        }
        if (round === 0 || Math.abs(p - previous[j]) > RATE_EPSILON) changed = true;
        previous[j] = p;
        rate[j] = p;
      }
      if (!changed || S === 1) return;
      // Each dimension may offer a stage only what its other dimensions let it use.
      for (let j = 0; j < k; j++) {
        for (let s = 0; s < S; s++) {
          let m = bound[j];
          for (let o = 0; o < S; o++) {
            if (o === s) continue;
            const dm = demand[j * S + o];
            if (dm > 0) {
              const q = share[j * S + o] / dm;
              if (q < m) m = q;
            }
          }
          cap[j * S + s] = demand[j * S + s] * m;
        }
      }
    }
  }

  /** Water-filling of one dimension: share[j, s] for every stage with demand there. */
  private fill(k: number, S: number, s: number, capacity: number): void {
    const { cap, weight, share, ratio, order } = this;
    let n = 0;
    let wsum = 0;
    for (let j = 0; j < k; j++) {
      share[j * S + s] = 0;
      if (this.demand[j * S + s] <= 0) continue;
      const w = weight[j * S + s];
      ratio[j] = cap[j * S + s] / w;
      order[n++] = j;
      wsum += w;
    }
    if (n === 0) return;
    if (n < 24) {
      for (let a = 1; a < n; a++) {
        const v = order[a];
        let b = a - 1;
        while (b >= 0 && this.before(v, order[b])) {
          order[b + 1] = order[b];
          b--;
        }
        order[b + 1] = v;
      }
    } else {
      this.heapSort(n);
    }
    let free = capacity;
    let a = 0;
    for (; a < n; a++) {
      const j = order[a];
      const lambda = free / wsum;
      if (ratio[j] > lambda * (1 + 1e-12)) break;
      const c = cap[j * S + s];
      share[j * S + s] = c;
      free -= c;
      wsum -= weight[j * S + s];
    }
    if (a < n) {
      const lambda = Math.max(0, free) / wsum;
      for (; a < n; a++) {
        const j = order[a];
        share[j * S + s] = lambda * weight[j * S + s];
      }
    }
  }

  /** Whether stage a comes before stage b: lower ratio first, then lower index (a total order). */
  private before(a: number, b: number): boolean {
    const ra = this.ratio[a];
    const rb = this.ratio[b];
    return ra < rb || (ra === rb && a < b);
  }

  /** Sorts order[0..n) by `before` in place (many stages: no allocation, O(n log n)). */
  private heapSort(n: number): void {
    const order = this.order;
    for (let start = (n >> 1) - 1; start >= 0; start--) this.sink(start, n);
    for (let end = n - 1; end > 0; end--) {
      const top = order[0];
      order[0] = order[end];
      order[end] = top;
      this.sink(0, end);
    }
  }

  /** Moves order[at] down the max-heap order[0..size) (max by `before`). */
  private sink(at: number, size: number): void {
    const order = this.order;
    const v = order[at];
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && this.before(order[child], order[child + 1])) child++;
      if (!this.before(v, order[child])) break;
      order[at] = order[child];
      at = child;
    }
    order[at] = v;
  }
}
