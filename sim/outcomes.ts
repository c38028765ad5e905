/**
 * What happened to every item, by ordinal (the order items were submitted in): a compact log that
 * outlives the item's slot and feeds `items.csv` and the wait/time-to-ready percentiles.
 *
 * An item's whole record is written once, when it ends, at the end of a sequential stream of
 * 64-byte records; what is known earlier (arrival, source, index in the source) travels in the
 * item until then. So submitting writes nothing here, and an end writes only the next bytes of the
 * stream: the index from ordinal to record (and the check that no item ended twice) is built in
 * one pass when the log is first read, after the run, rather than kept by a write per end to a
 * random place in a million-entry array — a cache line fetched for four bytes, at every end.
 * Stored in fixed pages rather than doubling arrays, so a long run never copies the log; the pages
 * are not zeroed (every field of a record is written before anything reads it), so the stream's
 * lines pass through the cache once rather than twice.
 *
 * Pages are small (1,024 records) so that a new one is first needed within a run's first few
 * thousand items: V8 throws compiled code away the first time it reaches a branch that had never
 * been taken when it was compiled, and with pages of 65,536 records the code that ends items was
 * thrown away and compiled again a hundred thousand events into every large run.
 */
const PAGE_BITS = 10;
const PAGE = 1 << PAGE_BITS;
const MASK = PAGE - 1;

// Record fields. Codes share a number: the ordinal with kind and source, the instance with outcome
// and cause — the larger one as the whole part, the two small codes (< 256 each) as a fraction.
const ARRIVAL = 0;
const PLACED = 1;
const STARTED = 2;
const READY = 3;
const END = 4;
const INSTANCE_OUTCOME = 5;
const LOCAL = 6;
const CODES = 7;
const STRIDE = 8;

const KIND_AT = 1;
const SOURCE_AT = 1 << 8;
const CAUSE_AT = 1;
const OUTCOME_AT = 1 << 8;
/**
 * The small codes are a fraction of 2^16 (exact up to 2^37 ordinals or instances). Not
 * ordinal · 2^16 + codes: V8 compiles that as integer arithmetic from the first items' feedback
 * and throws the code that ends items away (a deopt for overflow) once an ordinal passes 2^15; a
 * fraction is a double from the first record on.
 */
const CODE_FRACTION = 1 / (1 << 16);

/** A page of records, its memory not zeroed (Node's uninitialised allocation where there is one). */
function recordPage(): Float64Array {
  const length = PAGE * STRIDE;
  if (typeof Buffer === 'undefined') return new Float64Array(length);
  const bytes = Buffer.allocUnsafeSlow(length * Float64Array.BYTES_PER_ELEMENT);
  return new Float64Array(bytes.buffer, bytes.byteOffset, length);
}

export class OutcomeLog {
  /** Ordinals handed out (items submitted). */
  count = 0;
  /** Records written (items ended). */
  private ends = 0;
  private records: Float64Array[] = [];
  /** Ordinals submitted but due after the run's end (they never arrived). */
  private notArrived: number[] = [];
  /**
   * Per ordinal: 1 + the index of its record; 0 while in the system; -1 if it never arrived.
   * Built on the first read (undefined until then, and again after any later write).
   */
  private where: Int32Array | undefined = undefined;

  /** Registers a new item; returns its ordinal. */
  add(): number {
    return this.count++;
  }

  /**
   * The ending item's times, set by the caller before `end`: arrival, placed, started, ready, end.
   * They come through here rather than as arguments because a double passed to a call V8 does not
   * inline is boxed — five heap numbers per item.
   */
  readonly times = new Float64Array(5);

  /**
   * Records how an item ended (its times in `times`). Each item ends exactly once: the first read
   * of the log throws if one ended twice.
   */
  end(o: number, kind: number, source: number, local: number, instance: number, outcome: number, cause: number): void {
    const n = this.ends++;
    if ((n & MASK) === 0) this.records.push(recordPage());
    const p = this.records[n >>> PAGE_BITS];
    const b = (n & MASK) * STRIDE;
    const times = this.times;
    p[b + ARRIVAL] = times[0];
    p[b + PLACED] = times[1];
    p[b + STARTED] = times[2];
    p[b + READY] = times[3];
    p[b + END] = times[4];
    p[b + INSTANCE_OUTCOME] = instance + 1 + (outcome * OUTCOME_AT + cause * CAUSE_AT) * CODE_FRACTION;
    p[b + LOCAL] = local;
    p[b + CODES] = o + (kind * KIND_AT + source * SOURCE_AT) * CODE_FRACTION;
    this.where = undefined;
  }

  /** Marks an item that was submitted but never arrived (due after the run ended). */
  markNotArrived(o: number): void {
    this.notArrived.push(o);
    this.where = undefined;
  }

  /** The index from ordinal to record, built in one pass over the records. */
  private index(): Int32Array {
    if (this.where !== undefined) return this.where;
    const where = new Int32Array(this.count);
    for (let n = 0; n < this.ends; n++) {
      const o = Math.floor(this.records[n >>> PAGE_BITS][(n & MASK) * STRIDE + CODES]);
      if (where[o] !== 0) throw new Error(`item ordinal ${o} ended twice`);
      where[o] = n + 1;
    }
    for (const o of this.notArrived) {
      if (where[o] !== 0) throw new Error(`item ordinal ${o} both ended and never arrived`);
      where[o] = -1;
    }
    this.where = where;
    return where;
  }

  /** A field of o's record; NaN while o has not ended. */
  private field(o: number, k: number): number {
    const w = this.index()[o];
    if (w <= 0) return NaN;
    const n = w - 1;
    return this.records[n >>> PAGE_BITS][(n & MASK) * STRIDE + k];
  }
  /** A small code: `at` picks it from the fraction of field k. */
  private code(o: number, k: number, at: number): number {
    const v = this.field(o, k);
    return Math.floor((v - Math.floor(v)) / CODE_FRACTION / at) % 256;
  }

  /** 0 while in the system, 1 once ended, NOT_ARRIVED if it never arrived. */
  ended(o: number): number {
    const w = this.index()[o];
    return w > 0 ? 1 : w < 0 ? NOT_ARRIVED : 0;
  }
  arrival(o: number): number {
    return this.field(o, ARRIVAL);
  }
  placed(o: number): number {
    return this.field(o, PLACED);
  }
  started(o: number): number {
    return this.field(o, STARTED);
  }
  /** When the item became ready: after its setup stages (instance requests), else when it started. */
  ready(o: number): number {
    return this.field(o, READY);
  }
  endTime(o: number): number {
    return this.field(o, END);
  }
  instance(o: number): number {
    return Math.floor(this.field(o, INSTANCE_OUTCOME)) - 1;
  }
  outcome(o: number): number {
    return this.code(o, INSTANCE_OUTCOME, OUTCOME_AT);
  }
  cause(o: number): number {
    return this.code(o, INSTANCE_OUTCOME, CAUSE_AT);
  }
  kind(o: number): number {
    return this.code(o, CODES, KIND_AT);
  }
  source(o: number): number {
    return this.code(o, CODES, SOURCE_AT);
  }
  local(o: number): number {
    return this.field(o, LOCAL);
  }
}

/** `ended` mark of an item submitted by a source but due after the run ended. */
export const NOT_ARRIVED = 2;
