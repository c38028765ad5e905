/**
 * The fleet: instances as parallel typed arrays indexed by instance id. Vectors are flat, the
 * value of dimension d of instance i at [i * D + d]. `free` is what is not reserved (capacity
 * minus every active reservation), `used` the true usage of the stages running there now.
 */
import { READY } from './api.js';
import { CapacityIndex } from './capacity-index.js';
import { resized } from './typed.js';

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

export class Fleet {
  readonly D: number;
  count = 0;
  capacity = new Float64Array(0);
  free = new Float64Array(0);
  used = new Float64Array(0);
  /** Σ true demand of running stages, per dimension (the uncontended ask). */
  runDemand = new Float64Array(0);
  state = new Uint8Array(0);
  group = new Int32Array(0);
  price = new Float64Array(0);
  createdAt = new Float64Array(0);
  /** Head of the intrusive list of items running on the instance, and its length. */
  runHead = new Int32Array(0);
  runCount = new Int32Array(0);
  /** Head of the list of items placed on the instance before it is ready. */
  waitHead = new Int32Array(0);
  /** Head of the list of active reservations on the instance. */
  resHead = new Int32Array(0);
  /** Whether the last sharing computed left some stage below full speed. */
  contended = new Uint8Array(0);
  /** Pending life-cycle event (boot, crash, repair), or -1. */
  lifeEvent = new Int32Array(0);
  names: string[] = [];
  labels: Readonly<Record<string, string>>[] = [];
  images: Set<string>[] = [];
  readonly groups: InstanceGroup[];
  private cap = 0;
  /** Built on the first `firstFit` call, maintained from then on. */
  private index: CapacityIndex | undefined;
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
    this.resHead[i] = -1;
    this.lifeEvent[i] = -1;
    this.names.push(`${g.name}-${i}`);
    this.labels.push(g.labels);
    this.images.push(new Set(g.images));
    this.touched(i);
    return i;
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
    if (this.index === undefined || !this.index.holds(this.count - 1)) {
      this.index ??= new CapacityIndex(this.D);
      this.index.build(this.count, this.free, this.acceptingFn);
    }
    return this.index.firstFit(request, 1e-9, needs === undefined ? undefined : (i) => this.matches(i, needs));
  }

  /** Keeps the index in step after instance i's free capacity or state changed. */
  touched(i: number): void {
    if (this.index !== undefined && this.index.holds(i)) this.index.update(i, this.free, this.accepting(i));
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
    if (needs === undefined) return true;
    const labels = this.labels[i];
    for (const key in needs) {
      const want = needs[key];
      const have = labels[key];
      // A constraint may list alternatives separated by '|'.
      if (have === undefined || (want !== have && !want.split('|').includes(have))) return false;
    }
    return true;
  }

  private grow(n: number): void {
    const D = this.D;
    this.capacity = resized(this.capacity, n * D);
    this.free = resized(this.free, n * D);
    this.used = resized(this.used, n * D);
    this.runDemand = resized(this.runDemand, n * D);
    this.state = resized(this.state, n);
    this.group = resized(this.group, n);
    this.price = resized(this.price, n);
    this.createdAt = resized(this.createdAt, n);
    this.runHead = resized(this.runHead, n, -1);
    this.runCount = resized(this.runCount, n);
    this.waitHead = resized(this.waitHead, n, -1);
    this.resHead = resized(this.resHead, n, -1);
    this.contended = resized(this.contended, n);
    this.lifeEvent = resized(this.lifeEvent, n, -1);
    this.cap = n;
  }
}
