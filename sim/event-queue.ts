/**
 * The simulation's event queue, ordered by (time, seq): a calendar queue (R. Brown, "Calendar
 * queues", CACM 1988). Time is cut into days of `width` seconds, numbered from 0; day k's events
 * sit in bucket k mod `days`, each bucket a list sorted by (time, seq). The earliest event is the
 * head of the first bucket, from the current day on, whose head falls on the day scanned — so
 * scheduling and popping cost a few steps whatever the number of events, where a binary heap moves
 * an entry across every level (13 of them for the 9,000 stage ends of fleet-ff at 1,000 hosts).
 * The number of days follows the number of events, and the width is re-estimated from the gaps
 * between the earliest events whenever it changes or the scans grow long.
 *
 * Every event has a slot: 32 bytes holding its time and seq (read as reals), its kind and target
 * packed in one number, its bucket and list links (read as ints) — one cache line for all an
 * operation reads of an event, which is cold when it comes due. A slot is recycled through a free
 * list once popped or cancelled, so scheduling and popping allocate nothing once the arrays have
 * grown to the run's peak. `seq` is the insertion counter: ties resolve first-in first-out and
 * every run is reproducible.
 */

/** An event's kind takes the low bits of its slot's number, its target the rest. */
const KIND_BITS = 4;
const KIND_MASK = (1 << KIND_BITS) - 1;
const MAX_TARGET = 2 ** (31 - KIND_BITS);

/** Day numbers are capped here (times beyond every useful horizon share the last day). */
const LAST_DAY = 2 ** 52;
const MIN_DAYS = 16;
/** `Infinity` as a module constant, which V8 folds into compiled code (see arrivals.ts). */
const NONE = Infinity;
/** Int offsets in a slot's record (ints 0-3 are its time and seq). */
const EVENT = 4;
const NEXT = 5;
const PREV = 6;
const BUCKET = 7;
/** How many of the earliest events the width is estimated from, and the gaps a day should span. */
const WIDTH_SAMPLE = 64;
const GAPS_PER_DAY = 2;

export class EventQueue {
  /**
   * Slot records, two views of one buffer: reals [id * 4] time and [id * 4 + 1] seq (the insertion
   * number that orders events of equal time); ints [id * 8 + EVENT] target << KIND_BITS | kind,
   * [+ NEXT] and [+ PREV] the bucket list's neighbours, [+ BUCKET] the bucket (-1: not scheduled).
   */
  private reals: Float64Array;
  private ints: Int32Array;
  private free: Int32Array;
  private freeTop = 0;
  private capacity: number;
  private size = 0;
  private nextSeq = 0;

  /** First event of each bucket, or -1. */
  private head = new Int32Array(MIN_DAYS).fill(-1);
  private days = MIN_DAYS;
  private width = 1;
  private perWidth = 1;
  /** The day the scan for the earliest event starts from: no event falls on an earlier one. */
  private today = LAST_DAY;
  /** The earliest event, once found (-1: to be found). */
  private first = -1;
  /** Scan and insertion steps, and operations, since the width was last set. */
  private steps = 0;
  private operations = 0;

  /**
   * Starts small by default, so that growing runs in a run's first events, before the code that
   * schedules them is compiled: V8 throws compiled code away the first time it reaches a branch
   * never taken before, and the kernel's first growth at 4,096 events did that to its hottest path.
   */
  constructor(initialCapacity = 64) {
    this.capacity = 0;
    this.ints = new Int32Array(0);
    this.reals = new Float64Array(0);
    this.free = new Int32Array(0);
    this.grow(initialCapacity);
  }

  get length(): number {
    return this.size;
  }

  /** Time of the earliest event, or Infinity when the queue is empty. */
  peekTime(): number {
    const id = this.findFirst();
    return id >= 0 ? this.reals[id * 4] : NONE;
  }

  /** Sequence number of the earliest event (valid when the queue is not empty). */
  peekSeq(): number {
    return this.reals[this.findFirst() * 4 + 1];
  }

  /** Takes the next insertion number, for an event kept outside the queue (an arrival). */
  takeSequence(): number {
    return this.nextSeq++;
  }

  /** Adds an event and returns its slot id (valid until it is popped or cancelled). */
  schedule(time: number, kind: number, target: number): number {
    return this.scheduleAt(time, this.nextSeq++, kind, target);
  }

  /** Adds an event ordered among equal times by `seq`, a number taken with `takeSequence`. */
  scheduleAt(time: number, seq: number, kind: number, target: number): number {
    if (this.freeTop === 0) this.grow(this.capacity * 2);
    if (kind >= 1 << KIND_BITS || target >= MAX_TARGET) throw new Error(`event kind ${kind} or target ${target} out of range`);
    const id = this.free[--this.freeTop];
    this.ints[id * 8 + EVENT] = (target << KIND_BITS) | kind;
    this.reals[id * 4] = time;
    this.reals[id * 4 + 1] = seq;
    this.insert(id);
    if (++this.size > 2 * this.days) this.rebuild(this.days * 2);
    return id;
  }

  /** Moves a scheduled event to a new time; it is ordered as if inserted now. */
  reschedule(id: number, time: number): void {
    this.rescheduleAt(id, time, this.nextSeq++);
  }

  /** Moves a scheduled event to (time, seq), `seq` taken with `takeSequence`. */
  rescheduleAt(id: number, time: number, seq: number): void {
    if (this.ints[id * 8 + BUCKET] < 0) throw new Error(`event ${id} is not scheduled`);
    this.remove(id);
    this.reals[id * 4] = time;
    this.reals[id * 4 + 1] = seq;
    this.insert(id);
  }

  /** Removes a scheduled event and frees its slot. */
  cancel(id: number): void {
    if (this.ints[id * 8 + BUCKET] < 0) return;
    this.remove(id);
    this.release(id);
  }

  /**
   * Removes the earliest event and returns its slot id. The slot's kind and target stay readable
   * (`kindOf`, `targetOf`) until the next call to `schedule`.
   */
  pop(): number {
    const id = this.findFirst();
    this.remove(id);
    this.release(id);
    return id;
  }

  /** The kind of the event in slot `id`. */
  kindOf(id: number): number {
    return this.ints[id * 8 + EVENT] & KIND_MASK;
  }

  /** The target (an item, instance, reservation... as the kind says) of the event in slot `id`. */
  targetOf(id: number): number {
    return this.ints[id * 8 + EVENT] >> KIND_BITS;
  }

  /**
   * The day the event in slot `id` falls on. It takes the slot, not its time: a call V8 does not
   * inline passes a double boxed (a heap number per call), an integer as it is — and the day, a
   * whole number, comes back as a small integer rather than a heap number.
   */
  private dayOf(id: number): number {
    const day = Math.floor(this.reals[id * 4] * this.perWidth);
    // Also catches NaN and times so far out that consecutive days could not be told apart.
    return day < LAST_DAY ? day : LAST_DAY;
  }

  /** Puts slot id (its time and seq set) in its bucket, in (time, seq) order. */
  private insert(id: number): void {
    const { reals, ints } = this;
    const t = reals[id * 4];
    const s = reals[id * 4 + 1];
    const day = this.dayOf(id);
    if (day < this.today) this.today = day;
    // Day numbers fit a double exactly; ToInt32 keeps their value modulo 2^32, of which the
    // (power-of-two) number of days is a divisor.
    const b = day & (this.days - 1);
    let p = -1;
    let n = this.head[b];
    while (n >= 0) {
      const tn = reals[n * 4];
      if (tn > t || (tn === t && reals[n * 4 + 1] > s)) break;
      p = n;
      n = ints[n * 8 + NEXT];
      this.steps++;
    }
    ints[id * 8 + PREV] = p;
    ints[id * 8 + NEXT] = n;
    ints[id * 8 + BUCKET] = b;
    if (p >= 0) ints[p * 8 + NEXT] = id;
    else this.head[b] = id;
    if (n >= 0) ints[n * 8 + PREV] = id;
    const f = this.first;
    if (f >= 0 && (t < reals[f * 4] || (t === reals[f * 4] && s < reals[f * 4 + 1]))) this.first = id;
    this.operations++;
  }

  /** Takes slot id out of its bucket (it stays allocated). */
  private remove(id: number): void {
    const ints = this.ints;
    const p = ints[id * 8 + PREV];
    const n = ints[id * 8 + NEXT];
    if (p >= 0) ints[p * 8 + NEXT] = n;
    else this.head[ints[id * 8 + BUCKET]] = n;
    if (n >= 0) ints[n * 8 + PREV] = p;
    ints[id * 8 + BUCKET] = -1;
    if (this.first === id) this.first = -1;
  }

  /** Frees the slot of an event taken out of the queue. */
  private release(id: number): void {
    this.free[this.freeTop++] = id;
    // An empty queue has no day yet: the next event sets it.
    if (--this.size === 0) this.today = LAST_DAY;
    else if (this.days > MIN_DAYS && 4 * this.size < this.days) this.rebuild(this.days / 2);
  }

  /** The earliest event (-1 when none): the first bucket head, from today on, that is due that day. */
  private findFirst(): number {
    if (this.first >= 0 || this.size === 0) return this.first;
    const head = this.head;
    const mask = this.days - 1;
    let day = this.today;
    for (let k = 0; k < this.days; k++, day++) {
      const h = head[day & mask];
      if (h >= 0 && this.dayOf(h) === day) {
        this.today = day;
        this.first = h;
        return this.counted(k);
      }
    }
    // Nothing due within a whole calendar: the events are further out; take the earliest head.
    const reals = this.reals;
    let best = -1;
    for (let b = 0; b <= mask; b++) {
      const h = head[b];
      if (h < 0) continue;
      const t = reals[h * 4];
      if (best < 0 || t < reals[best * 4] || (t === reals[best * 4] && reals[h * 4 + 1] < reals[best * 4 + 1])) best = h;
    }
    this.today = this.dayOf(best);
    this.first = best;
    return this.counted(2 * this.days);
  }

  /**
   * Counts a search's steps; when searches and insertions have taken many steps per operation
   * since the width was set, re-estimates it and searches again. Returns the earliest event.
   */
  private counted(steps: number): number {
    this.steps += steps;
    this.operations++;
    if (this.steps <= 8 * this.operations + 4 * this.days) return this.first;
    this.rebuild(this.days);
    return this.findFirst();
  }

  /**
   * Re-files every event in `days` buckets, with the width re-estimated from the gaps between the
   * earliest events. Runs when the number of events doubles or falls to a quarter, or when scans
   * and insertions take many steps per operation (the width no longer suits the events).
   */
  private rebuild(days: number): void {
    const ids = new Int32Array(this.size);
    let k = 0;
    for (let b = 0; b < this.days; b++) {
      for (let id = this.head[b]; id >= 0; id = this.ints[id * 8 + NEXT]) ids[k++] = id;
    }
    const times = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) times[i] = this.reals[ids[i] * 4];
    times.sort();
    const m = Math.min(times.length, WIDTH_SAMPLE) - 1;
    if (m > 0) {
      const width = (GAPS_PER_DAY * (times[m] - times[0])) / m;
      if (width > 0 && width < Infinity) this.width = width;
    }
    this.perWidth = 1 / this.width;
    this.days = days;
    this.head = new Int32Array(days).fill(-1);
    this.today = LAST_DAY;
    this.first = -1;
    for (let i = 0; i < ids.length; i++) this.insert(ids[i]);
    this.steps = 0;
    this.operations = 0;
  }

  private grow(cap: number): void {
    const old = this.capacity;
    this.capacity = cap;
    const ints = new Int32Array(cap * 8);
    ints.set(this.ints);
    this.ints = ints;
    this.reals = new Float64Array(ints.buffer);
    const free = new Int32Array(cap);
    free.set(this.free);
    this.free = free;
    for (let i = cap - 1; i >= old; i--) {
      ints[i * 8 + BUCKET] = -1;
      this.free[this.freeTop++] = i;
    }
  }
}
