/**
 * Live work items and their stages. Each item is two records, its whole-number fields in an
 * Int32Array and its real fields in a Float64Array: the fields an event touches sit in the same
 * cache lines, which matters once thousands of items are in the system. The declared request is a
 * D-strided array beside it (the true usage is derived from the running stage: the kernel's
 * `usageOf`). A slot is taken when an item is
 * submitted and returned when it ends (its outcome goes to the outcome log), so memory follows the
 * number of items in the system, not the length of the workload.
 */
import { FreeList, resized } from './typed.js';

// Item states.
export const FREE = 0;
/** Submitted, arrival pending. */
export const PENDING = 1;
/** Arrived, held by the strategy (queued or deciding). */
export const WAITING = 2;
/** Has a reservation on an instance that is not ready yet. */
export const PLACED = 3;
export const RUNNING = 4;
/** In `onFailure`: the strategy may retry or defer it. */
export const FAILING = 5;
/** Deferred: comes back after a delay. */
export const DEFERRED = 6;

// Item record: whole-number fields (states, ids, links, counts) in an Int32Array record of
// ITEM_INTS, real fields (times, rates) in a Float64Array record of ITEM_REALS. Ids read from an
// Int32Array index the next array directly; read from a Float64Array, every one would first be
// checked and converted (a quarter slower on link-chasing code, measured). The first sixteen ints
// (64 bytes) and the first four reals are all an item's end touches: its records were last touched
// when it started, long before, so every further line is a miss.
export const STATE = 0;
export const INSTANCE = 1;
export const RESERVATION = 2;
export const STAGE_CUR = 3;
export const END_EVENT = 4;
/** Intrusive list of the items running (or placed and waiting) on one instance. */
export const PREV = 5;
export const NEXT = 6;
export const ORDINAL = 7;
export const STAGE_HEAD = 8;
export const STAGE_INDEX = 9;
/** The item is ready (time-to-ready) once this many stages have ended; 0: when it starts. */
export const READY_STAGES = 10;
/** Bit flags: ROLLING_BACK, DESCRIBED, HAS_ROLLBACK. */
export const FLAGS = 11;
/** The item is running its rollback stage. */
export const ROLLING_BACK = 1;
/** The item has metadata or constraints (kept beside the record, cleared when it is freed). */
export const DESCRIBED = 2;
/** The item has a rollback stage (ROLLBACK), to free with it. */
export const HAS_ROLLBACK = 4;
/** 0: workload; OWN: the strategy's own work (shadow runs, image pulls); OWN_CAPPED: and its reservation caps its use. */
export const OWNED = 12;
export const OWN = 1;
export const OWN_CAPPED = 2;
/** Kind (index in ITEM_KINDS), the source that submitted the item and its index there. */
export const KIND = 13;
export const SOURCE = 14;
export const LOCAL = 15;
/** Rollback stage, run when the item fails after it started (installs, updates). */
export const ROLLBACK = 16;
/** The list of waiting items, in arrival order. */
export const QUEUE_PREV = 17;
export const QUEUE_NEXT = 18;
export const TIMEOUT_EVENT = 19;
export const RETRY_EVENT = 20;
export const FAIL_CAUSE = 21;
export const ATTEMPTS = 22;
export const ITEM_INTS = 24;

// Real fields.
export const PLACED_AT = 0;
export const STARTED_AT = 1;
export const READY_AT = 2;
export const ARRIVAL = 3;
/** Progress per second of the current stage (1: full speed). */
export const RATE = 4;
/** Full-speed seconds of the current stage left at LAST_UPDATE. */
export const REMAINING = 5;
export const LAST_UPDATE = 6;
export const STAGE_START = 7;
/** Highest progress rate a capped stage may run at (1 for work without a cap). */
export const RATE_BOUND = 8;
export const TIMEOUT = 9;
export const PRIORITY = 10;
/**
 * Insertion number of the current stage's completion (event-queue order among equal times): kept
 * with the item so that a pooled instance's one event orders exactly as the stage's own would.
 */
export const END_SEQ = 11;
export const ITEM_REALS = 12;

// Stage record fields.
export const DURATION = 0;
/** Uniform draw deciding whether the stage fails (common random numbers across strategies). */
export const FAIL_DRAW = 1;
/** Duration when the stage's image is not cached on the instance (else DURATION); NaN: no image. */
export const UNCACHED_DURATION = 2;
export const STAGE_STRIDE = 3;

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
  capacity = 0;
  f = new Float64Array(0);
  /** The stage after each stage of its item, or -1. */
  next = new Int32Array(0);
  /** True demand per dimension, D-strided. */
  demand = new Float64Array(0);
  /** Image a stage pulls (boot, deploy), or undefined. */
  image: (string | undefined)[] = [];
  private free = new FreeList();

  constructor(D: number, initial = 256) {
    this.D = D;
    this.grow(initial);
  }

  take(): number {
    let s = this.free.pop();
    if (s < 0) {
      this.grow(this.capacity * 2);
      s = this.free.pop();
    }
    const b = s * STAGE_STRIDE;
    this.f[b + DURATION] = 0;
    this.f[b + FAIL_DRAW] = 1;
    this.next[s] = -1;
    // NaN marks "no image", so the hot path reads only the typed array.
    this.f[b + UNCACHED_DURATION] = NaN;
    for (let d = s * this.D; d < (s + 1) * this.D; d++) this.demand[d] = 0;
    return s;
  }

  /** Makes stage s pull `image`: `uncachedDuration` seconds where the instance lacks it. */
  pull(s: number, image: string, uncachedDuration: number): void {
    this.image[s] = image;
    this.f[s * STAGE_STRIDE + UNCACHED_DURATION] = uncachedDuration;
  }

  /** The image stage s pulls, or undefined. */
  pulled(s: number): string | undefined {
    return this.f[s * STAGE_STRIDE + UNCACHED_DURATION] === this.f[s * STAGE_STRIDE + UNCACHED_DURATION] ? this.image[s] : undefined;
  }

  release(s: number): void {
    this.free.push(s);
  }

  private grow(n: number): void {
    const old = this.capacity;
    this.f = resized(this.f, n * STAGE_STRIDE);
    this.next = resized(this.next, n);
    this.demand = resized(this.demand, n * this.D);
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
  /** Real fields: field k of item i at [i * ITEM_REALS + k]. */
  reals = new Float64Array(0);
  declared = new Float64Array(0);
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
    n[b + ROLLBACK] = -1;
    n[b + FLAGS] = 0;
    n[b + FAIL_CAUSE] = 0;
    n[b + TIMEOUT_EVENT] = -1;
    n[b + END_EVENT] = -1;
    n[b + RETRY_EVENT] = -1;
    n[b + ATTEMPTS] = 0;
    n[b + READY_STAGES] = 0;
    n[b + OWNED] = 0;
    const r = this.reals;
    const c = i * ITEM_REALS;
    r[c + TIMEOUT] = Infinity;
    r[c + PLACED_AT] = NaN;
    r[c + STARTED_AT] = NaN;
    r[c + PRIORITY] = 0;
    r[c + READY_AT] = NaN;
    r[c + RATE_BOUND] = 1;
    return i;
  }

  release(i: number): void {
    this.ints[i * ITEM_INTS + STATE] = FREE;
    if (this.ints[i * ITEM_INTS + FLAGS] & DESCRIBED) {
      this.meta[i] = undefined;
      this.constraints[i] = undefined;
    }
    this.live--;
    this.free.push(i);
  }

  private grow(n: number): void {
    const old = this.capacity;
    this.ints = resized(this.ints, n * ITEM_INTS);
    this.reals = resized(this.reals, n * ITEM_REALS);
    this.declared = resized(this.declared, n * this.D);
    for (let i = n - 1; i >= old; i--) this.free.push(i);
    this.capacity = n;
  }
}
