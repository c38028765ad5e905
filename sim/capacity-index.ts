/**
 * A free-capacity index over a set of instances (the fleet keeps one per instance group, so label
 * constraints select whole trees): a segment tree whose leaves are the members in increasing id
 * order and whose nodes hold, per dimension, the largest and smallest unreserved capacity and the
 * largest total capacity of the accepting instances below them.
 *
 * - `firstFit` descends to the leftmost instance where a request fits — the answer of a linear scan
 *   in index order — pruning every subtree whose largest free capacity is short on some dimension.
 *   A node's maxima may come from different instances, so the descent can backtrack.
 * - `bestFit` finds the instance left with the least free capacity (the sum over the scored
 *   dimensions of (free − request) / capacity, lowest index on ties) by branch and bound: a subtree
 *   whose smallest free capacity over its largest capacity already leaves more than the best found
 *   is skipped.
 *
 * Updates are eager: one leaf-to-root pass per change of an instance's free capacity or state.
 */
export class CapacityIndex {
  private readonly D: number;
  private leaves = 1;
  /** Instance id of each leaf. */
  private members = new Int32Array(0);
  private memberCapacity = new Float64Array(0);
  private maxFree = new Float64Array(0);
  private minFree = new Float64Array(0);
  private maxCap = new Float64Array(0);
  /**
   * Per node and per dimension d > 0: the largest min(free cpu / cpu capacity, free d / d
   * capacity) of an instance below. Per-dimension maxima may come from different instances; this
   * pairs cpu with each other dimension inside one instance, which prunes a packed stretch where
   * instances have cpu left but no memory.
   */
  private pairShare = new Float64Array(0);
  private stack = new Int32Array(64);

  constructor(D: number) {
    this.D = D;
  }

  /** Rebuilds the whole tree over `members` (instance ids, increasing). */
  build(members: readonly number[], free: Float64Array, capacity: Float64Array, accepting: (i: number) => boolean): void {
    const count = members.length;
    let leaves = 1;
    while (leaves < count) leaves *= 2;
    this.leaves = leaves;
    this.members = Int32Array.from(members);
    // The pair test divides by capacity: members must share one (the fleet indexes per group).
    this.memberCapacity = count > 0 ? capacity.slice(members[0] * this.D, (members[0] + 1) * this.D) : new Float64Array(this.D);
    const n = 2 * leaves * this.D;
    this.maxFree = new Float64Array(n).fill(-Infinity);
    this.minFree = new Float64Array(n).fill(Infinity);
    this.maxCap = new Float64Array(n).fill(-Infinity);
    this.pairShare = new Float64Array(n).fill(-Infinity);
    for (let j = 0; j < count; j++) this.setLeaf(j, free, capacity, accepting(members[j]));
    for (let node = leaves - 1; node >= 1; node--) this.pull(node);
  }

  /** Number of members the tree holds. */
  get size(): number {
    return this.members.length;
  }

  /** Member j (the j-th instance of the set) changed its free capacity or acceptance. */
  update(j: number, free: Float64Array, capacity: Float64Array, accepting: boolean): void {
    this.setLeaf(j, free, capacity, accepting);
    for (let node = (this.leaves + j) >> 1; node >= 1; node >>= 1) this.pull(node);
  }

  private setLeaf(j: number, free: Float64Array, capacity: Float64Array, accepting: boolean): void {
    const D = this.D;
    const i = this.members[j];
    const at = (this.leaves + j) * D;
    for (let d = 0; d < D; d++) {
      this.maxFree[at + d] = accepting ? free[i * D + d] : -Infinity;
      this.minFree[at + d] = accepting ? free[i * D + d] : Infinity;
      this.maxCap[at + d] = accepting ? capacity[i * D + d] : -Infinity;
    }
    const cpuShare = share(free[i * D], capacity[i * D]);
    this.pairShare[at] = accepting ? cpuShare : -Infinity;
    for (let d = 1; d < D; d++) {
      const other = share(free[i * D + d], capacity[i * D + d]);
      this.pairShare[at + d] = accepting ? Math.min(cpuShare, other) : -Infinity;
    }
  }

  private pull(node: number): void {
    const D = this.D;
    const { maxFree, minFree, maxCap, pairShare } = this;
    const at = node * D;
    const l = 2 * at;
    const r = l + D;
    for (let d = 0; d < D; d++) {
      const p = pairShare[l + d];
      const q = pairShare[r + d];
      pairShare[at + d] = p > q ? p : q;
      const a = maxFree[l + d];
      const b = maxFree[r + d];
      maxFree[at + d] = a > b ? a : b;
      const c = minFree[l + d];
      const e = minFree[r + d];
      minFree[at + d] = c < e ? c : e;
      const f = maxCap[l + d];
      const g = maxCap[r + d];
      maxCap[at + d] = f > g ? f : g;
    }
  }

  /**
   * Whether some instance below might fit: every dimension's maximum covers the request, and for
   * each dimension some instance has both it and cpu in at least the requested shares. `needShare`
   * holds min(request cpu share, request d share) per d, computed once per query.
   */
  private covers(node: number, request: ArrayLike<number>, slack: number): boolean {
    const D = this.D;
    const at = node * D;
    for (let d = 0; d < D; d++) if (this.maxFree[at + d] < request[d] - slack) return false;
    for (let d = 1; d < D; d++) if (this.pairShare[at + d] < this.needShare[d]) return false;
    return true;
  }

  /** Request shares for the pair test, against the members' capacities (one group: one capacity). */
  private needShare = new Float64Array(0);
  private prepare(request: ArrayLike<number>, slack: number, capacity: ArrayLike<number>): void {
    const D = this.D;
    if (this.needShare.length !== D) this.needShare = new Float64Array(D);
    const cpu = share(request[0] - slack, capacity[0]);
    for (let d = 1; d < D; d++) {
      // Shares are rounded down a hair so that float noise never prunes a fitting instance.
      this.needShare[d] = Math.min(cpu, share(request[d] - slack, capacity[d])) * (1 - 1e-9) - 1e-12;
    }
  }

  private push(node: number, top: number): number {
    if (top === this.stack.length) {
      const grown = new Int32Array(this.stack.length * 2);
      grown.set(this.stack);
      this.stack = grown;
    }
    this.stack[top] = node;
    return top + 1;
  }

  /**
   * The leftmost instance whose free capacity covers `request` (minus `slack`) on every
   * dimension and that `accept` approves (labels), or -1.
   */
  firstFit(request: ArrayLike<number>, slack: number, accept?: (i: number) => boolean): number {
    const leaves = this.leaves;
    this.prepare(request, slack, this.memberCapacity);
    let top = this.push(1, 0);
    while (top > 0) {
      const node = this.stack[--top];
      if (!this.covers(node, request, slack)) continue;
      if (node >= leaves) {
        const i = this.members[node - leaves];
        if (accept === undefined || accept(i)) return i;
        continue;
      }
      top = this.push(2 * node + 1, top);
      top = this.push(2 * node, top);
    }
    return -1;
  }

  /**
   * The feasible instance with the least Σ_{d in scored} (free − request) / capacity, the lowest
   * index on ties, or -1. `score(i)` must compute exactly that sum for instance i.
   */
  bestFit(
    request: ArrayLike<number>,
    slack: number,
    scored: readonly number[],
    score: (i: number) => number,
    accept?: (i: number) => boolean,
  ): number {
    const D = this.D;
    const leaves = this.leaves;
    const { minFree, maxCap } = this;
    this.prepare(request, slack, this.memberCapacity);
    let best = -1;
    let bestLeft = Infinity;
    let top = this.push(1, 0);
    while (top > 0) {
      const node = this.stack[--top];
      if (!this.covers(node, request, slack)) continue;
      if (node >= leaves) {
        const i = this.members[node - leaves];
        if (accept !== undefined && !accept(i)) continue;
        const left = score(i);
        if (left < bestLeft || (left === bestLeft && i < best)) {
          bestLeft = left;
          best = i;
        }
        continue;
      }
      // Lower bound of what any instance below is left with.
      let bound = 0;
      for (const d of scored) {
        const cap = maxCap[node * D + d];
        if (cap > 0) bound += Math.max(0, minFree[node * D + d] - request[d]) / cap;
      }
      if (bound > bestLeft) continue;
      top = this.push(2 * node + 1, top);
      top = this.push(2 * node, top);
    }
    return best;
  }
}

/** Free share of a capacity; a dimension without capacity never limits. */
function share(free: number, capacity: number): number {
  return capacity > 0 ? free / capacity : Infinity;
}
