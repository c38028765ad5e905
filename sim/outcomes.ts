/**
 * What happened to every item, by ordinal (the order items were submitted in): a compact log that
 * outlives the item's slot and feeds `items.csv` and the wait/time-to-ready percentiles.
 *
 * Stored in fixed pages rather than one doubling array, so a million-item run never copies it.
 */
const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;
const MASK = PAGE - 1;

class Page {
  arrival = new Float64Array(PAGE);
  placed = new Float64Array(PAGE);
  started = new Float64Array(PAGE);
  ready = new Float64Array(PAGE);
  end = new Float64Array(PAGE);
  instance = new Int32Array(PAGE);
  local = new Int32Array(PAGE);
  outcome = new Uint8Array(PAGE);
  cause = new Uint8Array(PAGE);
  kind = new Uint8Array(PAGE);
  source = new Uint8Array(PAGE);
  ended = new Uint8Array(PAGE);
}

export class OutcomeLog {
  count = 0;
  private pages: Page[] = [];

  /** Registers a new item; returns its ordinal. */
  add(kind: number, source: number, local: number, arrival: number): number {
    const o = this.count++;
    const i = o & MASK;
    if (i === 0) this.pages.push(new Page());
    const p = this.pages[o >>> PAGE_BITS];
    p.kind[i] = kind;
    p.source[i] = source;
    p.local[i] = local;
    p.arrival[i] = arrival;
    return o;
  }

  /** Records how an item ended. Throws if it had ended already (each item ends exactly once). */
  end(o: number, placed: number, started: number, ready: number, end: number, instance: number, outcome: number, cause: number): void {
    const p = this.pages[o >>> PAGE_BITS];
    const i = o & MASK;
    if (p.ended[i]) throw new Error(`item ordinal ${o} ended twice`);
    p.ended[i] = 1;
    p.placed[i] = placed;
    p.started[i] = started;
    p.ready[i] = ready;
    p.end[i] = end;
    p.instance[i] = instance;
    p.outcome[i] = outcome;
    p.cause[i] = cause;
  }

  /** Marks an item that was submitted but never arrived (due after the run ended). */
  markNotArrived(o: number): void {
    this.pages[o >>> PAGE_BITS].ended[o & MASK] = NOT_ARRIVED;
  }

  /** 0 while in the system, 1 once ended, NOT_ARRIVED if it never arrived. */
  ended(o: number): number {
    return this.pages[o >>> PAGE_BITS].ended[o & MASK];
  }
  arrival(o: number): number {
    return this.pages[o >>> PAGE_BITS].arrival[o & MASK];
  }
  placed(o: number): number {
    return this.pages[o >>> PAGE_BITS].placed[o & MASK];
  }
  started(o: number): number {
    return this.pages[o >>> PAGE_BITS].started[o & MASK];
  }
  /** When the item became ready: after its setup stages (instance requests), else when it started. */
  ready(o: number): number {
    return this.pages[o >>> PAGE_BITS].ready[o & MASK];
  }
  endTime(o: number): number {
    return this.pages[o >>> PAGE_BITS].end[o & MASK];
  }
  instance(o: number): number {
    return this.pages[o >>> PAGE_BITS].instance[o & MASK];
  }
  outcome(o: number): number {
    return this.pages[o >>> PAGE_BITS].outcome[o & MASK];
  }
  cause(o: number): number {
    return this.pages[o >>> PAGE_BITS].cause[o & MASK];
  }
  kind(o: number): number {
    return this.pages[o >>> PAGE_BITS].kind[o & MASK];
  }
  source(o: number): number {
    return this.pages[o >>> PAGE_BITS].source[o & MASK];
  }
  local(o: number): number {
    return this.pages[o >>> PAGE_BITS].local[o & MASK];
  }
}

/** `ended` mark of an item submitted by a source but due after the run ended. */
export const NOT_ARRIVED = 2;
