/**
 * What happened to every item, by ordinal (the order items were submitted in): a compact log that
 * outlives the item's slot and feeds `items.csv` and the wait/time-to-ready percentiles.
 *
 * One record of eight numbers (64 bytes) per ordinal, so recording an end writes one or two cache
 * lines rather than one per field, and never reads them: whether an ordinal has ended is a byte
 * in a separate, dense array that stays in cache (an end is written long after the record was).
 * Stored in fixed pages rather than one doubling array, so a million-item run never copies it.
 */
const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;
const MASK = PAGE - 1;

// Record fields. Small codes share a number: kind and source (written at submission), and the
// instance with outcome and cause (written at the end).
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
const INSTANCE_AT = 1 << 16;

export class OutcomeLog {
  count = 0;
  private pages: Float64Array[] = [];
  private endedPages: Uint8Array[] = [];

  /** Registers a new item; returns its ordinal. */
  add(kind: number, source: number, local: number, arrival: number): number {
    const o = this.count++;
    const i = o & MASK;
    if (i === 0) {
      this.pages.push(new Float64Array(PAGE * STRIDE));
      this.endedPages.push(new Uint8Array(PAGE));
    }
    const p = this.pages[o >>> PAGE_BITS];
    const b = i * STRIDE;
    p[b + ARRIVAL] = arrival;
    p[b + LOCAL] = local;
    p[b + CODES] = kind * KIND_AT + source * SOURCE_AT;
    return o;
  }

  /** Records how an item ended. Throws if it had ended already (each item ends exactly once). */
  end(o: number, placed: number, started: number, ready: number, end: number, instance: number, outcome: number, cause: number): void {
    const ended = this.endedPages[o >>> PAGE_BITS];
    if (ended[o & MASK]) throw new Error(`item ordinal ${o} ended twice`);
    ended[o & MASK] = 1;
    const p = this.pages[o >>> PAGE_BITS];
    const b = (o & MASK) * STRIDE;
    p[b + INSTANCE_OUTCOME] = (instance + 1) * INSTANCE_AT + outcome * OUTCOME_AT + cause * CAUSE_AT;
    p[b + PLACED] = placed;
    p[b + STARTED] = started;
    p[b + READY] = ready;
    p[b + END] = end;
  }

  /** Marks an item that was submitted but never arrived (due after the run ended). */
  markNotArrived(o: number): void {
    this.endedPages[o >>> PAGE_BITS][o & MASK] = NOT_ARRIVED;
  }

  private field(o: number, k: number): number {
    return this.pages[o >>> PAGE_BITS][(o & MASK) * STRIDE + k];
  }
  private code(o: number, k: number, at: number): number {
    return Math.floor(this.field(o, k) / at) % 256;
  }

  /** 0 while in the system, 1 once ended, NOT_ARRIVED if it never arrived. */
  ended(o: number): number {
    return this.endedPages[o >>> PAGE_BITS][o & MASK];
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
    return Math.floor(this.field(o, INSTANCE_OUTCOME) / INSTANCE_AT) - 1;
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
