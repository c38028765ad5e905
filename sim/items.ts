/**
 * Live work items and their stages. Each item is two records, its whole-number fields in an
 * Int32Array and its real fields in a Float64Array: the fields an event touches sit in the same
 * cache lines, which matters once thousands of items are in the system. The declared request is a
 * D-strided array beside it (the true usage is derived from the running stage: the kernel's
 * `usageOf`). A slot is taken when an item is
 * submitted and returned when it ends (its outcome goes to the outcome log), so memory follows the
 * number of items in the system, not the length of the workload.
 */
import * as itemFields from './item-fields.js';
import { FreeList, alignedBuffer, resized } from './typed.js';

export * from './item-fields.js';

// Copied in as module constants, which V8 folds into optimized code (an imported binding it reads
// through a module cell at every use: see kernel.ts).
const {
  FREE, STATE, INSTANCE, RESERVATION, END_EVENT, STAGE_HEAD, READY_STAGES, FLAGS, DESCRIBED,
  RARE_SET, HAS_ROLLBACK, ROLLBACK, TIMEOUT_EVENT, RETRY_EVENT, FAIL_CAUSE, ATTEMPTS, ITEM_INTS,
  PLACED_AT, STARTED_AT, READY_AT, RATE_BOUND, TIMEOUT, PRIORITY, ITEM_REALS, DURATION, FAIL_DRAW,
  UNCACHED_DURATION, DEMAND,
} = itemFields;

/** Optional description of an item that strategies may read (never its true usage). */
export interface ItemMeta {
  application?: string;
  version?: string;
  fromVersion?: string;
  language?: string;
  dependencies?: string[];
  dependents?: number;
  estimatedRuntime?: number;
  accelerator?: string;
  driver?: string;
  priority?: number;
  critical?: boolean;
  /** An instance to run on, by name (replays of recorded placements). */
  pin?: string;
  [key: string]: unknown;
}

export class StageTable {
  readonly D: number;
  /**
   * Reals per stage record: its fields (DURATION...), then its demand (D values from DEMAND),
   * rounded up to whole 64-byte lines. A stage's end reads its demand while the record is cold:
   * in one aligned line, that is one miss rather than the two or three of separate arrays.
   */
  readonly stride: number;
  capacity = 0;
  /** Stage records: field k of stage s at [s * stride + k], its demand of dimension d at [s * stride + DEMAND + d]. */
  f = new Float64Array(0);
  /** The stage after each stage of its item, or -1. */
  next = new Int32Array(0);
  /** Image a stage pulls (boot, deploy), or undefined. */
  image: (string | undefined)[] = [];
  private free = new FreeList();

  constructor(D: number, initial = 256) {
    this.D = D;
    this.stride = 8 * Math.ceil((DEMAND + D) / 8);
    this.grow(initial);
  }

  /** Where stage s's record starts in `f` (its fields at + DURATION..., its demand at + DEMAND + d). */
  at(s: number): number {
    return s * this.stride;
  }

  take(): number {
    let s = this.free.pop();
    if (s < 0) {
      this.grow(this.capacity * 2);
      s = this.free.pop();
    }
    const b = this.at(s);
    const f = this.f;
    f[b + DURATION] = 0;
    f[b + FAIL_DRAW] = 1;
    // NaN marks "no image", so the hot path reads only the typed array.
    f[b + UNCACHED_DURATION] = NaN;
    for (let d = b + DEMAND; d < b + DEMAND + this.D; d++) f[d] = 0;
    this.next[s] = -1;
    return s;
  }

  /** Makes stage s pull `image`: `uncachedDuration` seconds where the instance lacks it. */
  pull(s: number, image: string, uncachedDuration: number): void {
    this.image[s] = image;
    this.f[this.at(s) + UNCACHED_DURATION] = uncachedDuration;
  }

  /** The image stage s pulls, or undefined. */
  pulled(s: number): string | undefined {
    const uncached = this.f[this.at(s) + UNCACHED_DURATION];
    return uncached === uncached ? this.image[s] : undefined;
  }

  release(s: number): void {
    this.free.push(s);
  }

  private grow(n: number): void {
    const old = this.capacity;
    const f = new Float64Array(alignedBuffer(n * this.stride * 8), 0, n * this.stride);
    f.set(this.f);
    this.f = f;
    this.next = resized(this.next, n);
    for (let s = n - 1; s >= old; s--) this.free.push(s);
    this.capacity = n;
  }
}

export class ItemTable {
  readonly D: number;
  capacity = 0;
  live = 0;
  /** Whole-number fields: field k of item i at [i * ITEM_INTS + k]. */
  ints = new Int32Array(0);
  /** Real fields: field k of item i at [i * ITEM_REALS + k] (the same memory as `ints`). */
  reals = new Float64Array(0);
  declared = new Float64Array(0);
  /**
   * The list of items running (or placed and waiting) on one instance: item i's predecessor at
   * [2i], its successor at [2i + 1].
   */
  links = new Int32Array(0);
  /** Placement needs labels (constraints) — checked only when set. */
  constraints: (Readonly<Record<string, string>> | undefined)[] = [];
  meta: (ItemMeta | undefined)[] = [];
  private free = new FreeList();

  constructor(D: number, initial = 256) {
    this.D = D;
    this.grow(initial);
  }

  take(): number {
    let i = this.free.pop();
    if (i < 0) {
      this.grow(this.capacity * 2);
      i = this.free.pop();
    }
    this.live++;
    const D = this.D;
    for (let d = i * D; d < (i + 1) * D; d++) this.declared[d] = 0;
    const n = this.ints;
    const b = i * ITEM_INTS;
    n[b + INSTANCE] = -1;
    n[b + RESERVATION] = -1;
    n[b + STAGE_HEAD] = -1;
    n[b + FLAGS] = 0;
    n[b + END_EVENT] = -1;
    n[b + READY_STAGES] = 0;
    const r = this.reals;
    const c = i * ITEM_REALS;
    r[c + PLACED_AT] = NaN;
    r[c + STARTED_AT] = NaN;
    r[c + READY_AT] = NaN;
    // The record's last line already holds its defaults (see RARE_SET).
    return i;
  }

  release(i: number): void {
    const flags = this.ints[i * ITEM_INTS + FLAGS];
    this.ints[i * ITEM_INTS + STATE] = FREE;
    if (flags & DESCRIBED) {
      this.meta[i] = undefined;
      this.constraints[i] = undefined;
    }
    if (flags & (RARE_SET | HAS_ROLLBACK)) this.resetRare(i);
    this.live--;
    this.free.push(i);
  }

  /** Gives the fields of the record's last line their defaults. */
  private resetRare(i: number): void {
    const n = this.ints;
    const b = i * ITEM_INTS;
    n[b + ROLLBACK] = -1;
    n[b + TIMEOUT_EVENT] = -1;
    n[b + RETRY_EVENT] = -1;
    n[b + FAIL_CAUSE] = 0;
    n[b + ATTEMPTS] = 0;
    const r = this.reals;
    const c = i * ITEM_REALS;
    r[c + RATE_BOUND] = 1;
    r[c + TIMEOUT] = Infinity;
    r[c + PRIORITY] = 0;
  }

  private grow(n: number): void {
    const old = this.capacity;
    const ints = new Int32Array(alignedBuffer(n * ITEM_INTS * 4), 0, n * ITEM_INTS);
    ints.set(this.ints);
    this.ints = ints;
    this.reals = new Float64Array(ints.buffer, 0, n * ITEM_REALS);
    this.declared = resized(this.declared, n * this.D);
    this.links = resized(this.links, n * 2);
    for (let i = n - 1; i >= old; i--) {
      this.resetRare(i);
      this.free.push(i);
    }
    this.capacity = n;
  }
}
