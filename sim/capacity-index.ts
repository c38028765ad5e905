/**
 * A free-capacity index over the fleet: a segment tree whose nodes hold, per dimension, the
 * largest unreserved capacity of any accepting instance below them. `firstFit` descends to the
 * leftmost instance where a request fits — the same answer as a linear scan in index order — in
 * about log(n) steps when capacity is plentiful, and prunes whole subtrees when it is not.
 *
 * A node's per-dimension maxima may come from different instances, so a node that "covers" the
 * request can still hold no fitting instance; the descent then backtracks. Updates are eager: one
 * leaf-to-root pass per change of an instance's free capacity or state.
 */
export class CapacityIndex {
  private readonly D: number;
  private leaves = 1;
  private tree = new Float64Array(0);
  private stack = new Int32Array(64);

  constructor(D: number) {
    this.D = D;
  }

  /** Rebuilds the whole tree from `free` for `count` instances. */
  build(count: number, free: Float64Array, accepting: (i: number) => boolean): void {
    let leaves = 1;
    while (leaves < count) leaves *= 2;
    this.leaves = leaves;
    const D = this.D;
    this.tree = new Float64Array(2 * leaves * D).fill(-Infinity);
    for (let i = 0; i < count; i++) {
      if (!accepting(i)) continue;
      const at = (leaves + i) * D;
      for (let d = 0; d < D; d++) this.tree[at + d] = free[i * D + d];
    }
    for (let node = leaves - 1; node >= 1; node--) this.pull(node);
  }

  /** Whether instance i is inside the tree (else rebuild). */
  holds(i: number): boolean {
    return i < this.leaves;
  }

  /** Instance i's free capacity or acceptance changed. */
  update(i: number, free: Float64Array, accepting: boolean): void {
    const D = this.D;
    const tree = this.tree;
    let node = this.leaves + i;
    const at = node * D;
    for (let d = 0; d < D; d++) tree[at + d] = accepting ? free[i * D + d] : -Infinity;
    node >>= 1;
    while (node >= 1) {
      this.pull(node);
      node >>= 1;
    }
  }

  private pull(node: number): void {
    const D = this.D;
    const tree = this.tree;
    const at = node * D;
    const l = 2 * node * D;
    const r = l + D;
    for (let d = 0; d < D; d++) {
      const a = tree[l + d];
      const b = tree[r + d];
      tree[at + d] = a > b ? a : b;
    }
  }

  /**
   * The leftmost instance whose free capacity covers `request` (minus `slack`) on every
   * dimension and that `accept` approves (labels), or -1.
   */
  firstFit(request: ArrayLike<number>, slack: number, accept?: (i: number) => boolean): number {
    const D = this.D;
    const tree = this.tree;
    const leaves = this.leaves;
    let stack = this.stack;
    let top = 0;
    stack[top++] = 1;
    while (top > 0) {
      const node = stack[--top];
      const at = node * D;
      let covers = true;
      for (let d = 0; d < D; d++) {
        if (tree[at + d] < request[d] - slack) {
          covers = false;
          break;
        }
      }
      if (!covers) continue;
      if (node >= leaves) {
        const i = node - leaves;
        if (accept === undefined || accept(i)) return i;
        continue;
      }
      if (top + 2 > stack.length) {
        const grown = new Int32Array(stack.length * 2);
        grown.set(stack);
        this.stack = stack = grown;
      }
      stack[top++] = 2 * node + 1;
      stack[top++] = 2 * node;
    }
    return -1;
  }
}
