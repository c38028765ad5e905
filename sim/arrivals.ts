/**
 * Submitted items waiting for their arrival time, one FIFO per workload source. Sources submit in
 * time order, so arrivals need no heap: the kernel merges the FIFO heads with the event queue by
 * (time, seq), which halves the heap traffic of an arrival-heavy run.
 */
import { resized } from './typed.js';

/**
 * `Infinity` read from a module constant, which V8 folds into compiled code: the global `Infinity`
 * in a branch not yet taken when the kernel's loop is compiled is left as a lookup of unknown
 * type, and the head time returned beside it is then boxed — a heap number per event.
 */
const NONE = Infinity;

export class ArrivalFifo {
  time = new Float64Array(1024);
  seq = new Float64Array(1024);
  item = new Int32Array(1024);
  private head = 0;
  private tail = 0;
  /** Latest time pushed: arrivals are kept in non-decreasing order. */
  last = -Infinity;

  get length(): number {
    return this.tail - this.head;
  }

  push(time: number, seq: number, item: number): void {
    if (this.tail === this.time.length) this.compact();
    this.time[this.tail] = time;
    this.seq[this.tail] = seq;
    this.item[this.tail] = item;
    this.tail++;
    this.last = time;
  }

  headTime(): number {
    return this.head < this.tail ? this.time[this.head] : NONE;
  }

  headSeq(): number {
    return this.seq[this.head];
  }

  shift(): number {
    return this.item[this.head++];
  }

  private compact(): void {
    const n = this.tail - this.head;
    if (this.head > 0 && n <= this.time.length / 2) {
      this.time.copyWithin(0, this.head, this.tail);
      this.seq.copyWithin(0, this.head, this.tail);
      this.item.copyWithin(0, this.head, this.tail);
    } else {
      const cap = this.time.length * 2;
      this.time = resized(this.time, cap);
      this.seq = resized(this.seq, cap);
      this.item = resized(this.item, cap);
      if (this.head > 0) {
        this.time.copyWithin(0, this.head, this.tail);
        this.seq.copyWithin(0, this.head, this.tail);
        this.item.copyWithin(0, this.head, this.tail);
      }
    }
    this.head = 0;
    this.tail = n;
  }
}
