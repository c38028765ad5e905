/**
 * The simulation's event queue: an indexed binary min-heap ordered by (time, seq).
 *
 * Every event has a slot in typed arrays: its kind and target packed in one number (a popped
 * event's slot was written long before, so what it is costs one cache line, not two) and its seq.
 * The heap holds times and slot ids in heap order, so a sift compares neighbouring memory; seq,
 * which only breaks ties of equal times, is read through the slot, so a sift moves two numbers a
 * level, not three. `pos` maps a slot back to its heap position, so an event can be moved (a
 * stage's completion when its share changes) or cancelled in O(log n) without leaving stale
 * entries behind. Popping sinks the hole to a leaf along the smaller children and lifts the last
 * entry from there (one comparison per level instead of two). Slots are recycled through a free
 * list: scheduling and popping allocate nothing once the arrays have grown to the run's peak size.
 * `seq` is the insertion counter, so ties resolve first-in first-out and every run is reproducible.
 */

/** An event's kind takes the low bits of its slot's number, its target the rest. */
const KIND_BITS = 4;
const KIND_MASK = (1 << KIND_BITS) - 1;
const MAX_TARGET = 2 ** (31 - KIND_BITS);

export class EventQueue {
  /** Per slot: target << KIND_BITS | kind. */
  private event: Int32Array;
  /** Heap order: time and slot id of the entry at each position. */
  private hTime: Float64Array;
  private hId: Int32Array;
  /** Per slot: the insertion number that orders it among events of equal time. */
  private seq: Float64Array;
  private pos: Int32Array;
  private free: Int32Array;
  private freeTop = 0;
  private size = 0;
  private nextSeq = 0;
  private capacity: number;

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.hTime = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.hId = new Int32Array(initialCapacity);
    this.event = new Int32Array(initialCapacity);
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
    return this.size > 0 ? this.hTime[0] : Infinity;
  }

  /** Sequence number of the earliest event (valid when the queue is not empty). */
  peekSeq(): number {
    return this.seq[this.hId[0]];
  }

  /** Takes the next insertion number, for an event kept outside the heap (an arrival). */
  takeSequence(): number {
    return this.nextSeq++;
  }

  /** Adds an event and returns its slot id (valid until it is popped or cancelled). */
  schedule(time: number, kind: number, target: number): number {
    return this.scheduleAt(time, this.nextSeq++, kind, target);
  }

  /** Adds an event ordered among equal times by `seq`, a number taken with `takeSequence`. */
  scheduleAt(time: number, seq: number, kind: number, target: number): number {
    if (this.freeTop === 0) this.grow();
    if (kind >= 1 << KIND_BITS || target >= MAX_TARGET) throw new Error(`event kind ${kind} or target ${target} out of range`);
    const id = this.free[--this.freeTop];
    this.event[id] = (target << KIND_BITS) | kind;
    this.seq[id] = seq;
    this.siftUp(this.size++, time, seq, id);
    return id;
  }

  /** Moves a scheduled event to a new time; it is ordered as if inserted now. */
  reschedule(id: number, time: number): void {
    this.rescheduleAt(id, time, this.nextSeq++);
  }

  /** Moves a scheduled event to (time, seq), `seq` taken with `takeSequence`. */
  rescheduleAt(id: number, time: number, seq: number): void {
    const at = this.pos[id];
    if (at < 0) throw new Error(`event ${id} is not scheduled`);
    const earlier = time < this.hTime[at] || (time === this.hTime[at] && seq < this.seq[id]);
    this.seq[id] = seq;
    if (earlier) this.siftUp(at, time, seq, id);
    else this.siftDown(at, time, seq, id);
  }

  /** Removes a scheduled event and frees its slot. */
  cancel(id: number): void {
    const at = this.pos[id];
    if (at < 0) return;
    this.release(id);
    const last = --this.size;
    if (at === last) return;
    // Refill the gap with the last entry, which may belong above or below it.
    const t = this.hTime[last];
    const moved = this.hId[last];
    const s = this.seq[moved];
    this.siftDown(at, t, s, moved);
    if (this.pos[moved] === at) this.siftUp(at, t, s, moved);
  }

  /**
   * Removes the earliest event and returns its slot id. The slot's kind and target stay readable
   * (`kindOf`, `targetOf`) until the next call to `schedule`.
   */
  pop(): number {
    const { hTime, hId, pos, seq } = this;
    const id = hId[0];
    this.release(id);
    const last = --this.size;
    if (last === 0) return id;
    // Sink the hole at the root to a leaf along the smaller children...
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && (hTime[right] < hTime[child] || (hTime[right] === hTime[child] && seq[hId[right]] < seq[hId[child]]))) child = right;
      hTime[at] = hTime[child];
      const c = hId[child];
      hId[at] = c;
      pos[c] = at;
      at = child;
    }
    // ...and lift the last entry into it from there.
    this.siftUp(at, hTime[last], seq[hId[last]], hId[last]);
    return id;
  }

  /** The kind of the event in slot `id`. */
  kindOf(id: number): number {
    return this.event[id] & KIND_MASK;
  }

  /** The target (an item, instance, reservation... as the kind says) of the event in slot `id`. */
  targetOf(id: number): number {
    return this.event[id] >> KIND_BITS;
  }

  private release(id: number): void {
    this.pos[id] = -1;
    this.free[this.freeTop++] = id;
  }

  /** Places entry (t, s, id) at or above position `at`. */
  private siftUp(at: number, t: number, s: number, id: number): void {
    const { hTime, hId, pos, seq } = this;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const tp = hTime[parentAt];
      const parent = hId[parentAt];
      if (tp < t || (tp === t && seq[parent] < s)) break;
      hTime[at] = tp;
      hId[at] = parent;
      pos[parent] = at;
      at = parentAt;
    }
    hTime[at] = t;
    hId[at] = id;
    pos[id] = at;
  }

  /** Places entry (t, s, id) at or below position `at`. */
  private siftDown(at: number, t: number, s: number, id: number): void {
    const { hTime, hId, pos, seq } = this;
    const size = this.size;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && (hTime[right] < hTime[child] || (hTime[right] === hTime[child] && seq[hId[right]] < seq[hId[child]]))) child = right;
      const tc = hTime[child];
      if (t < tc || (t === tc && s < seq[hId[child]])) break;
      hTime[at] = tc;
      const c = hId[child];
      hId[at] = c;
      pos[c] = at;
      at = child;
    }
    hTime[at] = t;
    hId[at] = id;
    pos[id] = at;
  }

  private grow(): void {
    const old = this.capacity;
    const cap = old * 2;
    this.capacity = cap;
    this.hTime = growFloat(this.hTime, cap);
    this.seq = growFloat(this.seq, cap);
    this.hId = growInt(this.hId, cap);
    this.event = growInt(this.event, cap);
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
