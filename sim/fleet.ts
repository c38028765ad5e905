/**
 * The fleet: instances as parallel typed arrays indexed by instance id. Vectors are flat, the
 * value of dimension d of instance i at [i * D + d]. `free` is what is not reserved (capacity
 * minus every active reservation), `used` the true usage of the stages running there now.
 */
import * as apiConstants from './api.js';
import { CapacityIndex } from './capacity-index.js';
import { resized } from './typed.js';

// Copied in as module constants, which V8 folds into optimized code (an imported binding it reads
// through a module cell at every use: see kernel.ts).
const { READY, SCAN_BLOCK, SCAN_BLOCK_BITS, SCAN_QUARTER, SCAN_QUARTER_BITS } = apiConstants;
/** Quarters per block. */
const QUARTERS = SCAN_BLOCK / SCAN_QUARTER;

/** The template of a group of identical instances (and of the ones a strategy provisions). */
export interface InstanceGroup {
  name: string;
  capacity: Float64Array;
  labels: Readonly<Record<string, string>>;
  zone: string;
  /** Price per instance-hour. */
  price: number;
  /** Seconds from a provisioning request until the instance starts booting. */
  provisionTime: number;
  /** Boot seconds when the requested image is cached on the instance, and when it is not. */
  bootCached: number;
  bootUncached: number;
  /** Images cached on new instances of the group. */
  images: readonly string[];
}

/**
 * Whether `labels` satisfy every required label; a requirement may list alternatives separated by
 * '|' (openb's "V100M16|V100M32").
 */
export function labelsSatisfy(
  labels: Readonly<Record<string, string>>,
  needs: Readonly<Record<string, string>> | undefined,
): boolean {
  if (needs === undefined) return true;
  for (const key in needs) {
    const want = needs[key];
    const have = labels[key];
    if (have === undefined || (want !== have && !want.split('|').includes(have))) return false;
  }
  return true;
}

/** The dimensions best-fit scores (cpu, mem). */
export const BEST_FIT_DIMENSIONS: readonly number[] = [0, 1];

export class Fleet {
  readonly D: number;
  count = 0;
  capacity = new Float64Array(0);
  free = new Float64Array(0);
  /** The block summary (see `blockFree`) and its quarters', and whether anyone asked for them yet. */
  private summary = new Float64Array(0);
  private quarters = new Float64Array(0);
  private summarized = false;
  used = new Float64Array(0);
  /** Σ true demand of running stages, per dimension (the uncontended ask). */
  runDemand = new Float64Array(0);
  state = new Uint8Array(0);
  group = new Int32Array(0);
  price = new Float64Array(0);
  createdAt = new Float64Array(0);
  /** How many items run a stage on the instance. */
  runCount = new Int32Array(0);
  /**
   * Whether the instance keeps the list of its running items (head in `runHead`), in the order
   * their stages started, newest first. It is built the first time something must walk them —
   * sharing on an over-asked instance, an OOM kill, a crash — and kept from then on. Until then a
   * stage's start and stop link nothing: on fleet-ff, where no instance is ever over-asked, that
   * was the links of two cold neighbours at every end (cachegrind, 512 KB last level: 2 of its
   * misses a job, and a third of the first level's).
   */
  listed = new Uint8Array(0);
  runHead = new Int32Array(0);
  /** Head of the list of items placed on the instance before it is ready. */
  waitHead = new Int32Array(0);
  /** Active reservations on the instance. */
  resCount = new Int32Array(0);
  /**
   * Head of the list of the instance's tier-2 reservations: what a tier-1 request may reclaim, and
   * the only reservations linked (the rest are counted, and found by a pass over the table on the
   * rare occasions that need them: a crash, a drain, `reservationsOn`). A list of all of them cost
   * every placement and every end the links of two cold neighbours: on fleet-ff 2 misses a job of
   * a 512 KB last-level cache (cachegrind).
   */
  tier2Head = new Int32Array(0);
  /** Whether the last sharing computed left some stage below full speed. */
  contended = new Uint8Array(0);
  /**
   * Whether the instance's running stages share one completion event (while contended), and that
   * event — at the earliest of their ends — with the item it ends; else -1.
   */
  pooled = new Uint8Array(0);
  stageEnd = new Int32Array(0);
  firstEnd = new Int32Array(0);
  /** Running stages on the instance whose rate is capped (shadow runs): sharing must bound them. */
  capped = new Int32Array(0);
  /** Pending life-cycle event (boot, crash, repair), or -1. */
  lifeEvent = new Int32Array(0);
  names: string[] = [];
  labels: Readonly<Record<string, string>>[] = [];
  images: Set<string>[] = [];
  readonly groups: InstanceGroup[];
  private cap = 0;
  /** Instances of each group, in id order, and each instance's position there. */
  private members: number[][] = [];
  private position = new Int32Array(0);
  /** One free-capacity index per group: built on the first indexed query, maintained from then on. */
  private trees: (CapacityIndex | undefined)[] = [];
  private readonly acceptingFn = (i: number) => this.accepting(i);

  constructor(D: number, groups: InstanceGroup[]) {
    this.D = D;
    this.groups = groups;
    this.grow(64);
  }

  /** Adds an instance of a group in the given state; returns its id. */
  add(groupIndex: number, state: number, now: number): number {
    if (this.count === this.cap) this.grow(this.cap * 2);
    const i = this.count++;
    const g = this.groups[groupIndex];
    const D = this.D;
    for (let d = 0; d < D; d++) {
      this.capacity[i * D + d] = g.capacity[d];
      this.free[i * D + d] = g.capacity[d];
    }
    this.state[i] = state;
    this.group[i] = groupIndex;
    this.price[i] = g.price;
    this.createdAt[i] = now;
    this.runHead[i] = -1;
    this.waitHead[i] = -1;
    this.tier2Head[i] = -1;
    this.lifeEvent[i] = -1;
    this.names.push(`${g.name}-${i}`);
    this.labels.push(g.labels);
    this.images.push(new Set(g.images));
    const members = (this.members[groupIndex] ??= []);
    this.position[i] = members.length;
    members.push(i);
    this.touched(i);
    return i;
  }

  /**
   * Per block of SCAN_BLOCK instances in id order (D-strided): the largest free capacity of an
   * accepting instance in the block, per dimension (-Infinity when none accepts). A first-fit scan
   * skips every block short on some dimension, and finds the same instance as a scan of them all.
   * Built on first use and kept from then on, so runs whose strategies never scan pay nothing.
   */
  get blockFree(): Float64Array {
    if (!this.summarized) {
      this.summarized = true;
      for (let b = 0; b << SCAN_BLOCK_BITS < this.count; b++) this.summarize(b);
    }
    return this.summary;
  }

  /**
   * The same summary per quarter of a block (SCAN_QUARTER instances, D-strided): a scan that
   * enters a block skips its quarters short on some dimension, so a block whose maxima sit on
   * different instances costs a few tests, not a walk through all of them. The block's maxima are
   * its quarters' maxima, and are kept from them.
   */
  get quarterFree(): Float64Array {
    // Built with the block summary, on first use.
    if (!this.summarized) void this.blockFree;
    return this.quarters;
  }

  /** True when the instance accepts new placements (ready, or still coming up). */
  accepting(i: number): boolean {
    return this.state[i] <= READY;
  }

  /**
   * The first instance in index order that accepts placements and where `request` fits in the
   * unreserved capacity (and whose labels satisfy `needs`), or -1. Same answer as a linear scan,
   * through a free-capacity index.
   */
  firstFit(request: ArrayLike<number>, needs?: Readonly<Record<string, string>>): number {
    let best = -1;
    for (let g = 0; g < this.groups.length; g++) {
      if (!this.groupMatches(g, needs)) continue;
      const i = this.tree(g)?.firstFit(request, 1e-9);
      if (i !== undefined && i >= 0 && (best < 0 || i < best)) best = i;
    }
    return best;
  }

  /**
   * The accepting instance where `request` fits (labels included) that it leaves with the least
   * free capacity, Σ over cpu and mem of (free − request) / capacity, the lowest index on ties;
   * or -1. Same answer as scoring every instance, through the free-capacity index.
   */
  bestFit(request: ArrayLike<number>, needs?: Readonly<Record<string, string>>): number {
    let best = -1;
    let bestLeft = Infinity;
    const score = (i: number) => this.leftAfter(i, request);
    for (let g = 0; g < this.groups.length; g++) {
      if (!this.groupMatches(g, needs)) continue;
      const i = this.tree(g, true)?.bestFit(request, 1e-9, BEST_FIT_DIMENSIONS, score) ?? -1;
      if (i < 0) continue;
      const left = score(i);
      if (left < bestLeft || (left === bestLeft && i < best)) {
        bestLeft = left;
        best = i;
      }
    }
    return best;
  }

  /** Instances take their labels from their group, so a constraint selects whole groups. */
  private groupMatches(g: number, needs: Readonly<Record<string, string>> | undefined): boolean {
    return labelsSatisfy(this.groups[g].labels, needs);
  }

  /** Σ over cpu and mem of (free − request) / capacity: what best-fit minimises. */
  leftAfter(i: number, request: ArrayLike<number>): number {
    const D = this.D;
    let left = 0;
    for (let k = 0; k < BEST_FIT_DIMENSIONS.length; k++) {
      const d = BEST_FIT_DIMENSIONS[k];
      const cap = this.capacity[i * D + d];
      if (cap > 0) left += (this.free[i * D + d] - request[d]) / cap;
    }
    return left;
  }

  private tree(g: number, bounds = false): CapacityIndex | undefined {
    const members = this.members[g];
    if (members === undefined) return undefined;
    let tree = this.trees[g];
    if (tree === undefined || tree.size !== members.length || (bounds && !tree.hasBounds)) {
      tree ??= new CapacityIndex(this.D);
      if (bounds) tree.keepBounds();
      tree.build(members, this.free, this.capacity, this.acceptingFn);
      this.trees[g] = tree;
    }
    return tree;
  }

  /** Keeps the block summary and the index in step after instance i's free capacity or state changed. */
  touched(i: number): void {
    if (this.summarized) this.summarize(i >> SCAN_BLOCK_BITS);
    this.updateTree(i);
  }

  private updateTree(i: number): void {
    const tree = this.trees[this.group[i]];
    if (tree !== undefined && this.position[i] < tree.size) tree.update(this.position[i], this.free, this.capacity, this.accepting(i));
  }

  /**
   * Instance i's free capacity went down by `taken` (a reservation was made): its block's largest
   * free amount falls only in a dimension where i held it.
   */
  took(i: number, taken: Float64Array, at: number): void {
    if (this.summarized) this.lower(i, taken, at);
    this.updateTree(i);
  }

  private lower(i: number, taken: Float64Array, at: number): void {
    const D = this.D;
    const b = i >> SCAN_BLOCK_BITS;
    const q = i >> SCAN_QUARTER_BITS;
    const out = this.summary;
    const quarters = this.quarters;
    const free = this.free;
    for (let d = 0, o = b * D, p = q * D; d < D; d++, o++, p++) {
      const v = taken[at + d];
      if (v === 0) continue;
      const left = free[i * D + d];
      // Comparing with a hair of slack: recomputing once too often costs a few loads, missing one
      // would leave the maximum above the truth — still a valid filter, but a weaker one.
      if (v > 0) {
        if (left + v < quarters[p] - 1e-9) continue;
        // i held its quarter's maximum; the block's too if that quarter did.
        const held = quarters[p] >= out[o] - 1e-9;
        this.summarizeQuarter(q, d);
        if (held) this.summarizeDimension(b, d);
      } else if (v < 0 && this.state[i] <= READY) {
        if (left > quarters[p]) quarters[p] = left;
        if (left > out[o]) out[o] = left;
      }
    }
  }

  /**
   * Instance i's free capacity went up by `given` (a reservation ended): its block's maxima can only
   * rise, and only where something was given back.
   */
  freed(i: number, given: Float64Array, at: number): void {
    const D = this.D;
    if (this.summarized && this.state[i] <= READY) {
      const out = this.summary;
      const quarters = this.quarters;
      const free = this.free;
      const o = (i >> SCAN_BLOCK_BITS) * D;
      const p = (i >> SCAN_QUARTER_BITS) * D;
      for (let d = 0, f = i * D; d < D; d++, f++) {
        if (given[at + d] === 0) continue;
        if (free[f] > quarters[p + d]) quarters[p + d] = free[f];
        if (free[f] > out[o + d]) out[o + d] = free[f];
      }
    }
    this.updateTree(i);
  }

  /** Recomputes quarter q of `quarterFree` from its instances, in dimension d. */
  private summarizeQuarter(q: number, d: number): void {
    const D = this.D;
    const free = this.free;
    const state = this.state;
    let best = -Infinity;
    const start = q << SCAN_QUARTER_BITS;
    let end = start + SCAN_QUARTER;
    if (end > this.count) end = this.count;
    // Strided index and the cheap comparison first: this runs on most reservations.
    for (let i = start, k = start * D + d; i < end; i++, k += D) {
      const v = free[k];
      if (v > best && state[i] <= READY) best = v;
    }
    this.quarters[q * D + d] = best;
  }

  /** Recomputes block b of `blockFree` from its quarters, in dimension d. */
  private summarizeDimension(b: number, d: number): void {
    const D = this.D;
    const quarters = this.quarters;
    let best = -Infinity;
    for (let k = b * QUARTERS * D + d, end = k + QUARTERS * D; k < end; k += D) {
      if (quarters[k] > best) best = quarters[k];
    }
    this.summary[b * D + d] = best;
  }

  /** Recomputes block b of `blockFree`, and its quarters, from its instances. */
  private summarize(b: number): void {
    for (let d = 0; d < this.D; d++) {
      for (let q = b * QUARTERS; q < (b + 1) * QUARTERS; q++) this.summarizeQuarter(q, d);
      this.summarizeDimension(b, d);
    }
  }

  /** Whether `request` (D values) fits in the instance's unreserved capacity. */
  fits(i: number, request: ArrayLike<number>): boolean {
    const D = this.D;
    const base = i * D;
    for (let d = 0; d < D; d++) if (request[d] > this.free[base + d] + 1e-9) return false;
    return true;
  }

  /** Whether the instance's labels satisfy every required label. */
  matches(i: number, needs: Readonly<Record<string, string>> | undefined): boolean {
    return labelsSatisfy(this.labels[i], needs);
  }

  private grow(n: number): void {
    const D = this.D;
    this.capacity = resized(this.capacity, n * D);
    this.free = resized(this.free, n * D);
    this.summary = resized(this.summary, Math.ceil(n / SCAN_BLOCK) * D, -Infinity);
    this.quarters = resized(this.quarters, Math.ceil(n / SCAN_BLOCK) * QUARTERS * D, -Infinity);
    this.used = resized(this.used, n * D);
    this.runDemand = resized(this.runDemand, n * D);
    this.state = resized(this.state, n);
    this.group = resized(this.group, n);
    this.price = resized(this.price, n);
    this.createdAt = resized(this.createdAt, n);
    this.runHead = resized(this.runHead, n, -1);
    this.runCount = resized(this.runCount, n);
    this.listed = resized(this.listed, n);
    this.waitHead = resized(this.waitHead, n, -1);
    this.resCount = resized(this.resCount, n);
    this.tier2Head = resized(this.tier2Head, n, -1);
    this.contended = resized(this.contended, n);
    this.pooled = resized(this.pooled, n);
    this.stageEnd = resized(this.stageEnd, n, -1);
    this.firstEnd = resized(this.firstEnd, n, -1);
    this.capped = resized(this.capped, n);
    this.lifeEvent = resized(this.lifeEvent, n, -1);
    this.position = resized(this.position, n);
    this.cap = n;
  }
}
