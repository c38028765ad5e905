/**
 * The simulation's event queue: an indexed binary min-heap ordered by (time, seq).
 *
 * Every event lives in a slot of parallel typed arrays; the heap holds slot ids and `pos` maps a
 * slot back to its heap position, so an event can be moved (a stage's completion when its share
 * changes) or cancelled in O(log n) without leaving stale entries behind. Slots are recycled
 * through a free list: scheduling and popping allocate nothing once the arrays have grown to the
 * run's peak size. `seq` is the insertion counter, so ties resolve first-in first-out and every
 * run is reproducible.
 */
export class EventQueue {
  time: Float64Array;
  seq: Float64Array;
  kind: Uint8Array;
  target: Int32Array;
  private heap: Int32Array;
  private pos: Int32Array;
  private free: Int32Array;
  private freeTop = 0;
  private size = 0;
  private nextSeq = 0;
  private capacity: number;

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.time = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.kind = new Uint8Array(initialCapacity);
    this.target = new Int32Array(initialCapacity);
    this.heap = new Int32Array(initialCapacity);
    this.pos = new Int32Array(initialCapacity).fill(-1);
    this.free = new Int32Array(initialCapacity);
    for (let i = 0; i < initialCapacity; i++) this.free[i] = initialCapacity - 1 - i;
    this.freeTop = initialCapacity;
  }

  get length(): number {
    return this.size;
  }

  /** Time of the earliest event, or Infinity when the queue is empty. */
  peekTime(): number {
    return this.size > 0 ? this.time[this.heap[0]] : Infinity;
  }

  /** Sequence number of the earliest event (valid when the queue is not empty). */
  peekSeq(): number {
    return this.seq[this.heap[0]];
  }

  /** Takes the next insertion number, for an event kept outside the heap (an arrival). */
  takeSequence(): number {
    return this.nextSeq++;
  }

  /** Adds an event and returns its slot id (valid until it is popped or cancelled). */
  schedule(time: number, kind: number, target: number): number {
    if (this.freeTop === 0) this.grow();
    const id = this.free[--this.freeTop];
    this.time[id] = time;
    this.seq[id] = this.nextSeq++;
    this.kind[id] = kind;
    this.target[id] = target;
    const at = this.size++;
    this.heap[at] = id;
    this.pos[id] = at;
    this.siftUp(at);
    return id;
  }

  /** Moves a scheduled event to a new time; it is ordered as if inserted now. */
  reschedule(id: number, time: number): void {
    const at = this.pos[id];
    if (at < 0) throw new Error(`event ${id} is not scheduled`);
    const earlier = time < this.time[id];
    this.time[id] = time;
    this.seq[id] = this.nextSeq++;
    if (earlier) this.siftUp(at);
    else this.siftDown(at);
  }

  /** Removes a scheduled event and frees its slot. */
  cancel(id: number): void {
    const at = this.pos[id];
    if (at < 0) return;
    this.removeAt(at);
  }

  /**
   * Removes the earliest event and returns its slot id. The slot's time, kind and target stay
   * readable until the next call to `schedule`.
   */
  pop(): number {
    const id = this.heap[0];
    this.removeAt(0);
    return id;
  }

  private removeAt(at: number): void {
    const id = this.heap[at];
    const last = --this.size;
    this.pos[id] = -1;
    this.free[this.freeTop++] = id;
    if (at === last) return;
    const moved = this.heap[last];
    this.heap[at] = moved;
    this.pos[moved] = at;
    this.siftDown(at);
    if (this.pos[moved] === at) this.siftUp(at);
  }

  private siftUp(at: number): void {
    const { heap, pos, time, seq } = this;
    const id = heap[at];
    const t = time[id];
    const s = seq[id];
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = heap[parentAt];
      const tp = time[parent];
      if (tp < t || (tp === t && seq[parent] < s)) break;
      heap[at] = parent;
      pos[parent] = at;
      at = parentAt;
    }
    heap[at] = id;
    pos[id] = at;
  }

  private siftDown(at: number): void {
    const { heap, pos, time, seq } = this;
    const size = this.size;
    const id = heap[at];
    const t = time[id];
    const s = seq[id];
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      let c = heap[child];
      let tc = time[c];
      const right = child + 1;
      if (right < size) {
        const r = heap[right];
        const tr = time[r];
        if (tr < tc || (tr === tc && seq[r] < seq[c])) {
          child = right;
          c = r;
          tc = tr;
        }
      }
      if (t < tc || (t === tc && s < seq[c])) break;
      heap[at] = c;
      pos[c] = at;
      at = child;
    }
    heap[at] = id;
    pos[id] = at;
  }

  private grow(): void {
    const old = this.capacity;
    const cap = old * 2;
    this.capacity = cap;
    this.time = growFloat(this.time, cap);
    this.seq = growFloat(this.seq, cap);
    const kind = new Uint8Array(cap);
    kind.set(this.kind);
    this.kind = kind;
    this.target = growInt(this.target, cap);
    this.heap = growInt(this.heap, cap);
    const pos = new Int32Array(cap).fill(-1);
    pos.set(this.pos);
    this.pos = pos;
    this.free = growInt(this.free, cap);
    for (let i = cap - 1; i >= old; i--) this.free[this.freeTop++] = i;
  }
}

export function growFloat(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

export function growInt(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
