/**
 * Live work items and their stages, as parallel typed arrays indexed by slot. A slot is taken when
 * an item is submitted and returned when it ends (its outcome is copied to the outcome log), so
 * memory follows the number of items in the system, not the length of the workload.
 */
import { FreeList, resized } from './typed.js';

export const FREE = 0;
/** Submitted, arrival event pending. */
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
  duration = new Float64Array(0);
  demand = new Float64Array(0);
  /** Uniform draw deciding whether the stage fails (common random numbers across strategies). */
  failDraw = new Float64Array(0);
  next = new Int32Array(0);
  private free = new FreeList();

  constructor(D: number, initial = 256) {
    this.D = D;
    this.grow(initial);
  }

  take(): number {
    let s = this.free.pop();
    if (s < 0) {
      const old = this.capacity;
      this.grow(old * 2);
      s = this.free.pop();
    }
    this.next[s] = -1;
    this.duration[s] = 0;
    this.failDraw[s] = 1;
    this.demand.fill(0, s * this.D, (s + 1) * this.D);
    return s;
  }

  release(s: number): void {
    this.free.push(s);
  }

  private grow(n: number): void {
    const old = this.capacity;
    this.duration = resized(this.duration, n);
    this.demand = resized(this.demand, n * this.D);
    this.failDraw = resized(this.failDraw, n);
    this.next = resized(this.next, n, -1);
    for (let s = n - 1; s >= old; s--) this.free.push(s);
    this.capacity = n;
  }
}

export class ItemTable {
  readonly D: number;
  capacity = 0;
  live = 0;
  ordinal = new Float64Array(0);
  kind = new Uint8Array(0);
  state = new Uint8Array(0);
  arrival = new Float64Array(0);
  placedAt = new Float64Array(0);
  startedAt = new Float64Array(0);
  instance = new Int32Array(0);
  reservation = new Int32Array(0);
  declared = new Float64Array(0);
  /** Current true usage per dimension (rate × demand for shared dimensions). */
  usage = new Float64Array(0);
  stageHead = new Int32Array(0);
  stageCur = new Int32Array(0);
  stageIndex = new Int32Array(0);
  /** Rollback stage, run when the item fails after it started (installs, updates). */
  rollback = new Int32Array(0);
  rollingBack = new Uint8Array(0);
  failCause = new Uint8Array(0);
  timeout = new Float64Array(0);
  timeoutEvent = new Int32Array(0);
  endEvent = new Int32Array(0);
  retryEvent = new Int32Array(0);
  rate = new Float64Array(0);
  remaining = new Float64Array(0);
  lastUpdate = new Float64Array(0);
  stageStart = new Float64Array(0);
  /** Intrusive list of the items running (or placed and waiting) on one instance. */
  prev = new Int32Array(0);
  next = new Int32Array(0);
  /** The list of waiting items, in arrival order. */
  queuePrev = new Int32Array(0);
  queueNext = new Int32Array(0);
  attempts = new Int32Array(0);
  priority = new Float64Array(0);
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
    for (let d = i * D; d < (i + 1) * D; d++) {
      this.declared[d] = 0;
      this.usage[d] = 0;
    }
    this.instance[i] = -1;
    this.reservation[i] = -1;
    this.stageHead[i] = -1;
    this.stageCur[i] = -1;
    this.stageIndex[i] = 0;
    this.rollback[i] = -1;
    this.rollingBack[i] = 0;
    this.failCause[i] = 0;
    this.timeout[i] = Infinity;
    this.timeoutEvent[i] = -1;
    this.endEvent[i] = -1;
    this.retryEvent[i] = -1;
    this.rate[i] = 0;
    this.placedAt[i] = NaN;
    this.startedAt[i] = NaN;
    this.prev[i] = -1;
    this.next[i] = -1;
    this.attempts[i] = 0;
    this.priority[i] = 0;
    this.constraints[i] = undefined;
    return i;
  }

  release(i: number): void {
    this.state[i] = FREE;
    this.meta[i] = undefined;
    this.constraints[i] = undefined;
    this.live--;
    this.free.push(i);
  }

  private grow(n: number): void {
    const old = this.capacity;
    const D = this.D;
    this.ordinal = resized(this.ordinal, n);
    this.kind = resized(this.kind, n);
    this.state = resized(this.state, n);
    this.arrival = resized(this.arrival, n);
    this.placedAt = resized(this.placedAt, n);
    this.startedAt = resized(this.startedAt, n);
    this.instance = resized(this.instance, n);
    this.reservation = resized(this.reservation, n);
    this.declared = resized(this.declared, n * D);
    this.usage = resized(this.usage, n * D);
    this.stageHead = resized(this.stageHead, n);
    this.stageCur = resized(this.stageCur, n);
    this.stageIndex = resized(this.stageIndex, n);
    this.rollback = resized(this.rollback, n);
    this.rollingBack = resized(this.rollingBack, n);
    this.failCause = resized(this.failCause, n);
    this.timeout = resized(this.timeout, n);
    this.timeoutEvent = resized(this.timeoutEvent, n);
    this.endEvent = resized(this.endEvent, n);
    this.retryEvent = resized(this.retryEvent, n);
    this.rate = resized(this.rate, n);
    this.remaining = resized(this.remaining, n);
    this.lastUpdate = resized(this.lastUpdate, n);
    this.stageStart = resized(this.stageStart, n);
    this.prev = resized(this.prev, n);
    this.next = resized(this.next, n);
    this.queuePrev = resized(this.queuePrev, n);
    this.queueNext = resized(this.queueNext, n);
    this.attempts = resized(this.attempts, n);
    this.priority = resized(this.priority, n);
    for (let i = n - 1; i >= old; i--) this.free.push(i);
    this.capacity = n;
  }
}
