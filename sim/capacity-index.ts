/**
 * A free-capacity index over a set of instances (the fleet keeps one per instance group, so label
 * constraints select whole trees): a segment tree whose leaves are the members in increasing id
 * order and whose nodes hold, per dimension, the largest unreserved capacity of the accepting
 * instances below them (and, once best-fit has asked, the smallest free and largest total).
 *
 * - `firstFit` descends to the leftmost instance where a request fits — the answer of a linear scan
 *   in index order — pruning every subtree whose largest free capacity is short on some dimension.
 *   A node's maxima may come from different instances, so the descent can backtrack; it walks the
 *   tree in order without a stack (left child down, next sibling across).
 * - `bestFit` finds the instance left with the least free capacity (the sum over the scored
 *   dimensions of (free − request) / capacity, lowest index on ties) by branch and bound: a subtree
 *   whose smallest free capacity over its largest capacity already leaves more than the best found
 *   is skipped.
 *
 * Updates are eager, one leaf-to-root pass per change of an instance's free capacity or state, and
 * stop at the first node the change leaves as it was: most changes touch an instance that is not
 * the fullest or emptiest of its neighbours, so the pass is a level or two, not the tree's height.
 */
export class CapacityIndex {
  private readonly D: number;
  private leaves = 1;
  /** Instance id of each leaf. */
  private members = new Int32Array(0);
  /** 1 / capacity per dimension (0 where it is 0): the members share one capacity. */
  private inverseCapacity = new Float64Array(0);
  /**
   * One record of W = D + P numbers per node, so a node's test reads neighbouring memory: the largest
   * free capacity per dimension, then for each pair dimension d (a dimension other than cpu that
   * the members have) the largest min(free cpu / cpu capacity, free d / d capacity) of an instance
   * below. Per-dimension maxima may come from different instances; the pairs tie cpu to each other
   * dimension inside one instance, which prunes a packed stretch where instances have cpu left but
   * no memory.
   */
  private node = new Float64Array(0);
  private W = 0;
  private pairDims = new Int32Array(0);
  /** Best-fit's bounds (smallest free, largest capacity; D-strided), kept only once asked for. */
  private bounds = false;
  private minFree = new Float64Array(0);
  private maxCap = new Float64Array(0);
  /** Per query: the request less the slack, and its pair shares. */
  private need = new Float64Array(0);

  constructor(D: number) {
    this.D = D;
  }

  /** Rebuilds the whole tree over `members` (instance ids, increasing). */
  build(members: readonly number[], free: Float64Array, capacity: Float64Array, accepting: (i: number) => boolean): void {
    const D = this.D;
    const count = members.length;
    let leaves = 1;
    while (leaves < count) leaves *= 2;
    this.leaves = leaves;
    this.members = Int32Array.from(members);
    // The pair test divides by capacity: members must share one (the fleet indexes per group).
    const shared = count > 0 ? capacity.slice(members[0] * D, (members[0] + 1) * D) : new Float64Array(D);
    this.inverseCapacity = shared.map((c) => (c > 0 ? 1 / c : 0));
    const pairs: number[] = [];
    if (shared[0] > 0) for (let d = 1; d < D; d++) if (shared[d] > 0) pairs.push(d);
    this.pairDims = Int32Array.from(pairs);
    this.W = D + pairs.length;
    this.need = new Float64Array(this.W);
    this.node = new Float64Array(2 * leaves * this.W).fill(-Infinity);
    if (this.bounds) {
      this.minFree = new Float64Array(2 * leaves * D).fill(Infinity);
      this.maxCap = new Float64Array(2 * leaves * D).fill(-Infinity);
    }
    for (let j = 0; j < count; j++) this.setLeaf(j, free, capacity, accepting(members[j]));
    for (let node = leaves - 1; node >= 1; node--) this.pull(node);
  }

  /** Whether best-fit's bounds are kept. */
  get hasBounds(): boolean {
    return this.bounds;
  }

  /** Keeps best-fit's bounds from the next `build` on. */
  keepBounds(): void {
    this.bounds = true;
  }

  /** Number of members the tree holds. */
  get size(): number {
    return this.members.length;
  }

  /**
   * Member j (the j-th instance of the set) changed its free capacity or acceptance. Each number
   * of the record climbs on its own and stops at the first node it leaves as it was: a placement
   * changes cpu and memory and their pair, and the walk for a dimension nobody asked for is
   * skipped at the leaf.
   */
  update(j: number, free: Float64Array, capacity: Float64Array, accepting: boolean): void {
    const W = this.W;
    const rec = this.node;
    const i = this.members[j];
    const leaf = this.leaves + j;
    for (let k = 0; k < W; k++) {
      let v = this.leafValue(i, k, free, accepting);
      let at = leaf;
      if (rec[at * W + k] === v) continue;
      rec[at * W + k] = v;
      while (at > 1) {
        const sibling = rec[(at ^ 1) * W + k];
        if (sibling > v) v = sibling;
        at >>= 1;
        if (rec[at * W + k] === v) break;
        rec[at * W + k] = v;
      }
    }
    if (this.bounds) this.updateBounds(j, free, capacity, accepting);
  }

  /**
   * Number k of instance i's leaf record: its free amount of dimension k, or for a pair its smaller
   * share of free cpu and free pair dimension; -Infinity for all of them once it stops accepting.
   */
  private leafValue(i: number, k: number, free: Float64Array, accepting: boolean): number {
    if (!accepting) return -Infinity;
    const D = this.D;
    if (k < D) return free[i * D + k];
    const d = this.pairDims[k - D];
    const cpuShare = free[i * D] * this.inverseCapacity[0];
    const other = free[i * D + d] * this.inverseCapacity[d];
    return cpuShare < other ? cpuShare : other;
  }

  /** Best-fit's bounds after member j changed: smallest free and largest capacity, per dimension. */
  private updateBounds(j: number, free: Float64Array, capacity: Float64Array, accepting: boolean): void {
    const D = this.D;
    const { minFree, maxCap } = this;
    const i = this.members[j];
    const leaf = this.leaves + j;
    for (let d = 0; d < D; d++) {
      let lo = accepting ? free[i * D + d] : Infinity;
      let hi = accepting ? capacity[i * D + d] : -Infinity;
      let at = leaf;
      if (minFree[at * D + d] === lo && maxCap[at * D + d] === hi) continue;
      minFree[at * D + d] = lo;
      maxCap[at * D + d] = hi;
      while (at > 1) {
        const s = (at ^ 1) * D + d;
        if (minFree[s] < lo) lo = minFree[s];
        if (maxCap[s] > hi) hi = maxCap[s];
        at >>= 1;
        if (minFree[at * D + d] === lo && maxCap[at * D + d] === hi) break;
        minFree[at * D + d] = lo;
        maxCap[at * D + d] = hi;
      }
    }
  }

  private setLeaf(j: number, free: Float64Array, capacity: Float64Array, accepting: boolean): void {
    const D = this.D;
    const W = this.W;
    const i = this.members[j];
    const at = (this.leaves + j) * W;
    for (let k = 0; k < W; k++) this.node[at + k] = this.leafValue(i, k, free, accepting);
    if (this.bounds) {
      const b = (this.leaves + j) * D;
      for (let d = 0; d < D; d++) {
        this.minFree[b + d] = accepting ? free[i * D + d] : Infinity;
        this.maxCap[b + d] = accepting ? capacity[i * D + d] : -Infinity;
      }
    }
  }

  /** Recomputes a node from its children; false when nothing changed (nor will above it). */
  private pull(node: number): boolean {
    const W = this.W;
    const rec = this.node;
    const at = node * W;
    const l = 2 * at;
    const r = l + W;
    let changed = false;
    for (let k = 0; k < W; k++) {
      const a = rec[l + k];
      const b = rec[r + k];
      const v = a > b ? a : b;
      if (v !== rec[at + k]) {
        rec[at + k] = v;
        changed = true;
      }
    }
    if (this.bounds) {
      const D = this.D;
      const { minFree, maxCap } = this;
      const b = node * D;
      for (let d = 0; d < D; d++) {
        const c = minFree[2 * b + d];
        const e = minFree[2 * b + D + d];
        const lo = c < e ? c : e;
        const g = maxCap[2 * b + d];
        const h = maxCap[2 * b + D + d];
        const hi = g > h ? g : h;
        if (lo !== minFree[b + d] || hi !== maxCap[b + d]) {
          minFree[b + d] = lo;
          maxCap[b + d] = hi;
          changed = true;
        }
      }
    }
    return changed;
  }

  /**
   * Fills `need` for one query: the request less the slack, then for each pair dimension
   * min(request cpu share, request d share), rounded down a hair so that float noise never prunes
   * a fitting instance.
   */
  private prepare(request: ArrayLike<number>, slack: number): void {
    const D = this.D;
    const need = this.need;
    const inverse = this.inverseCapacity;
    for (let d = 0; d < D; d++) need[d] = request[d] - slack;
    const cpu = need[0] * inverse[0];
    for (let k = 0; k < this.pairDims.length; k++) {
      const d = this.pairDims[k];
      const other = need[d] * inverse[d];
      need[D + k] = (cpu < other ? cpu : other) * (1 - 1e-9) - 1e-12;
    }
  }

  /** Whether some instance below might fit: every number of the node's record covers the need. */
  private covers(node: number): boolean {
    const W = this.W;
    const rec = this.node;
    const need = this.need;
    const at = node * W;
    for (let k = 0; k < W; k++) if (rec[at + k] < need[k]) return false;
    return true;
  }

  /**
   * The leftmost instance whose free capacity covers `request` (minus `slack`) on every
   * dimension and that `accept` approves (labels), or -1.
   */
  firstFit(request: ArrayLike<number>, slack: number, accept?: (i: number) => boolean): number {
    const leaves = this.leaves;
    this.prepare(request, slack);
    let node = 1;
    for (;;) {
      if (this.covers(node)) {
        if (node < leaves) {
          node = 2 * node;
          continue;
        }
        const i = this.members[node - leaves];
        if (accept === undefined || accept(i)) return i;
      }
      node = nextSubtree(node);
      if (node === 0) return -1;
    }
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
    if (!this.bounds) throw new Error('CapacityIndex.bestFit: call keepBounds() and build() first');
    const D = this.D;
    const leaves = this.leaves;
    const { minFree, maxCap } = this;
    this.prepare(request, slack);
    let best = -1;
    let bestLeft = Infinity;
    let node = 1;
    for (;;) {
      if (this.covers(node)) {
        if (node >= leaves) {
          const i = this.members[node - leaves];
          if (accept === undefined || accept(i)) {
            const left = score(i);
            if (left < bestLeft || (left === bestLeft && i < best)) {
              bestLeft = left;
              best = i;
            }
          }
        } else {
          // Lower bound of what any instance below is left with.
          let bound = 0;
          for (const d of scored) {
            const cap = maxCap[node * D + d];
            if (cap > 0) bound += Math.max(0, minFree[node * D + d] - request[d]) / cap;
          }
          if (bound <= bestLeft) {
            node = 2 * node;
            continue;
          }
        }
      }
      node = nextSubtree(node);
      if (node === 0) return best;
    }
  }
}

/** The next subtree to the right of `node` in an in-order walk (its sibling or an ancestor's); 0 past the end. */
function nextSubtree(node: number): number {
  while (node & 1) node >>= 1;
  return node === 0 ? 0 : node + 1;
}
