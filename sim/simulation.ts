/**
 * A simulation as strategies and workload sources see it: the kernel (kernel.ts) with the calls a
 * strategy may make (`SimulationApi`: place, reserve, defer, provision, shadow runs...) and the calls
 * a source makes to submit work (`ItemSink`). Each call checks its arguments and acts through the
 * kernel's own operations.
 */
import * as apiConstants from './api.js';
import type { PlaceOptions, ReserveOptions, SimulationApi } from './api.js';
import * as itemFields from './items.js';
import type { ItemMeta } from './items.js';
import * as reservationFields from './reservations.js';
import type { ItemSink } from './source.js';
import * as eventKinds from './event-kinds.js';
import { Kernel, type KernelOptions } from './kernel.js';

// Copied in as module constants, which V8 folds into optimized code (an imported binding it reads
// through a module cell at every use: see kernel.ts).
const {
  BOOTING, DRAINING, GONE, INSTANCE_FAILURE, PROVISIONING, READY, REJECTED, REJECTED_CAUSE,
} = apiConstants;
const {
  ARRIVAL, ATTEMPTS, CAPPED, DEFERRED, DEMAND, DESCRIBED, DURATION, FAIL_DRAW, FAILING, FLAGS, HAS_ROLLBACK,
  INSTANCE, ITEM_INTS, ITEM_REALS, LOCAL, ORDINAL, ORIGIN, ORIGIN_KIND_MASK, ORIGIN_SOURCE_SHIFT,
  PENDING, PLACED, PRIORITY, QUEUE_NEXT, RARE_SET, RATE_BOUND, READY_AT, READY_STAGES, RESERVATION,
  RETRY_EVENT, ROLLBACK, ROLLING_BACK, RUNNING, STAGE_CUR, STAGE_HEAD, STATE,
  TIMEOUT: TIMEOUT_FIELD, UNCACHED_DURATION, WAITING,
} = itemFields;
const {
  R_ACTIVE, R_EXPIRY_EVENT, R_INSTANCE, R_ITEM, R_OWNER_ITEM, R_TIER,
} = reservationFields;
const { INSTANCE_UP, RES_EXPIRY, RETRY, TICK, TIMER } = eventKinds;

export { NOT_ARRIVED } from './outcomes.js';

/** Batch size when pulling items from a workload source. */
const FILL_BATCH = 256;

export interface SimulationOptions extends KernelOptions {
  /** Called after every event with the simulation (invariant checks in tests, tracing). */
  audit?: (sim: Simulation) => void;
}

export interface RunResult {
  sim: Simulation;
  wallSeconds: number;
}

/** A run of one scenario under one strategy and seed: `run()` it, then read its outcomes and metrics. */
export class Simulation extends Kernel implements SimulationApi, ItemSink {
  /** Per image: the pull as the workload runs it (uncached seconds, then D demands). */
  private readonly pullTemplates = new Map<string, Float64Array>();
  private pendingPulls: number[] = [];
  private catalogue: string[] | undefined;

  constructor(options: SimulationOptions) {
    super(options);
    const audit = options.audit;
    if (audit !== undefined) this.audit = () => audit(this);
  }

  /** Runs to the end: all work done, or the scenario's duration reached. */
  async run(): Promise<RunResult> {
    const started = performance.now();
    this.strategy.init(this);
    const tick = this.strategy.tickInterval;
    if (tick !== undefined && tick > 0) this.schedule(tick, TICK, 0);
    // Events are dispatched up to the last arrival known, then the sources are asked for more.
    for (;;) {
      await this.refill();
      const limit = this.sourceLimit();
      this.process(limit);
      if (this.finished) break;
      if (limit === Infinity) break;
    }
    this.finish();
    return { sim: this, wallSeconds: (performance.now() - started) / 1000 };
  }

  /** Arrivals strictly before this time are all known (a source may still add some at it). */
  private sourceLimit(): number {
    let limit = Infinity;
    for (let s = 0; s < this.sources.length; s++) {
      if (!this.sourceDone[s] && this.arrivals[s].last < limit) limit = this.arrivals[s].last;
    }
    return limit;
  }

  /** Pulls a batch from every unfinished source whose known arrivals are used up. */
  private async refill(): Promise<void> {
    const limit = this.sourceLimit();
    for (let s = 0; s < this.sources.length; s++) {
      if (this.sourceDone[s] || this.arrivals[s].last > limit) continue;
      this.fillingSource = s;
      const more = await this.sources[s].fill(this, FILL_BATCH);
      if (!more) this.sourceDone[s] = true;
      if (this.arrivals[s].last > this.duration) this.sourceDone[s] = true;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // ItemSink: how sources submit work

  begin(kind: number, at: number): number {
    const i = this.items.take();
    this.items.ints[i * ITEM_INTS + ORIGIN] = kind;
    this.items.reals[i * ITEM_REALS + ARRIVAL] = at;
    this.items.ints[i * ITEM_INTS + STATE] = PENDING;
    return i;
  }

  declare(item: number, d: number, value: number): void {
    this.items.declared[item * this.D + d] = value;
  }

  stage(item: number, duration: number): number {
    const st = this.stages.take();
    this.stages.f[this.stages.at(st) + DURATION] = duration;
    const items = this.items;
    if (items.ints[item * ITEM_INTS + STAGE_HEAD] < 0) items.ints[item * ITEM_INTS + STAGE_HEAD] = st;
    else {
      let s = items.ints[item * ITEM_INTS + STAGE_HEAD];
      while (this.stages.next[s] >= 0) s = this.stages.next[s];
      this.stages.next[s] = st;
    }
    return st;
  }

  demand(stage: number, d: number, value: number): void {
    this.stages.f[this.stages.at(stage) + DEMAND + d] = value;
  }

  failDraw(stage: number, u: number): void {
    this.stages.f[this.stages.at(stage) + FAIL_DRAW] = u;
  }

  pullImage(stage: number, image: string, uncachedDuration: number): void {
    this.stages.pull(stage, image, uncachedDuration);
    this.pendingPulls.push(stage);
  }

  readyAfter(item: number, stages: number): void {
    this.items.ints[item * ITEM_INTS + READY_STAGES] = stages;
  }

  rollback(item: number, duration: number): number {
    const st = this.stages.take();
    this.stages.f[this.stages.at(st) + DURATION] = duration;
    this.items.ints[item * ITEM_INTS + ROLLBACK] = st;
    this.items.ints[item * ITEM_INTS + FLAGS] |= HAS_ROLLBACK | RARE_SET;
    return st;
  }

  describe(item: number, meta: ItemMeta): void {
    this.items.meta[item] = meta;
    this.items.ints[item * ITEM_INTS + FLAGS] |= DESCRIBED;
  }

  constrain(item: number, labels: Readonly<Record<string, string>>): void {
    this.items.constraints[item] = labels;
    this.items.ints[item * ITEM_INTS + FLAGS] |= DESCRIBED;
  }

  timeout(item: number, seconds: number): void {
    this.items.reals[item * ITEM_REALS + TIMEOUT_FIELD] = seconds;
    this.items.ints[item * ITEM_INTS + FLAGS] |= RARE_SET;
  }

  setPriority(item: number, value: number): void {
    this.items.reals[item * ITEM_REALS + PRIORITY] = value;
    this.items.ints[item * ITEM_INTS + FLAGS] |= RARE_SET;
  }

  commit(item: number, local: number): void {
    if (this.pendingPulls.length > 0) this.learnPulls();
    const at = this.items.reals[item * ITEM_REALS + ARRIVAL];
    const s = this.fillingSource;
    this.items.ints[item * ITEM_INTS + ORDINAL] = this.outcomes.add();
    this.items.ints[item * ITEM_INTS + ORIGIN] |= s << ORIGIN_SOURCE_SHIFT;
    this.items.ints[item * ITEM_INTS + LOCAL] = local;
    const fifo = this.arrivals[s];
    // A row out of time order (an unsorted trace) arrives as soon as order allows.
    fifo.push(Math.max(at, fifo.last, this.now), this.queue.takeSequence(), item);
    this.foreground++;
  }

  /** Remembers how the workload pulls each image, for `prefetch` (the latest pull seen wins). */
  private learnPulls(): void {
    const D = this.D;
    for (const st of this.pendingPulls) {
      const image = this.stages.image[st] as string;
      const pull = new Float64Array(1 + D);
      pull[0] = this.stages.f[this.stages.at(st) + UNCACHED_DURATION];
      for (let d = 0; d < D; d++) pull[1 + d] = this.stages.f[this.stages.at(st) + DEMAND + d];
      this.pullTemplates.set(image, pull);
    }
    this.pendingPulls.length = 0;
  }

  // ---------------------------------------------------------------------------------------------
  // SimulationApi

  get waiting(): number {
    return this.metrics.waiting;
  }

  firstWaiting(): number {
    return this.waitHead;
  }

  nextWaiting(item: number): number {
    return this.items.ints[item * ITEM_INTS + QUEUE_NEXT];
  }

  kind(item: number): number {
    return this.items.ints[item * ITEM_INTS + ORIGIN] & ORIGIN_KIND_MASK;
  }

  arrival(item: number): number {
    return this.items.reals[item * ITEM_REALS + ARRIVAL];
  }

  declared(item: number, d: number): number {
    return this.items.declared[item * this.D + d];
  }

  declaredVector(item: number): Float64Array {
    return this.items.declared.subarray(item * this.D, (item + 1) * this.D);
  }

  meta(item: number): ItemMeta | undefined {
    return this.items.meta[item];
  }

  constraints(item: number): Readonly<Record<string, string>> | undefined {
    return this.items.constraints[item];
  }

  attempts(item: number): number {
    return this.items.ints[item * ITEM_INTS + ATTEMPTS];
  }

  priority(item: number): number {
    return this.items.reals[item * ITEM_REALS + PRIORITY];
  }

  stageCount(item: number): number {
    let n = 0;
    for (let s = this.items.ints[item * ITEM_INTS + STAGE_HEAD]; s >= 0; s = this.stages.next[s]) n++;
    return n;
  }

  isWaiting(item: number): boolean {
    return this.items.ints[item * ITEM_INTS + STATE] === WAITING;
  }

  instanceOf(item: number): number {
    return this.items.ints[item * ITEM_INTS + INSTANCE];
  }

  reservationOf(item: number): number {
    return this.items.ints[item * ITEM_INTS + RESERVATION];
  }

  idOf(item: number): string {
    if (this.items.ints[item * ITEM_INTS + ORDINAL] < 0) return `own-${item}`;
    return this.sources[this.items.ints[item * ITEM_INTS + ORIGIN] >> ORIGIN_SOURCE_SHIFT].idOf(this.items.ints[item * ITEM_INTS + LOCAL]);
  }

  instanceByName(name: string): number {
    if (this.nameIndex === undefined) {
      this.nameIndex = new Map();
      this.fleet.names.forEach((n, i) => this.nameIndex!.set(n, i));
    }
    return this.nameIndex.get(name) ?? -1;
  }

  place(item: number, instance: number, request?: ArrayLike<number>, options?: PlaceOptions): boolean {
    this.mustWait(item, 'place');
    if (this.items.constraints[item] !== undefined && !this.fleet.matches(instance, this.items.constraints[item])) {
      return false;
    }
    const vector = request ?? this.declaredVector(item);
    const r = this.makeReservation(
      instance,
      vector,
      options?.tier ?? 3,
      options?.expiry ?? Infinity,
      options?.overcommit ?? false,
    );
    if (r < 0) return false;
    this.reservations.ints[this.reservations.at(r) + R_OWNER_ITEM] = item;
    this.bind(item, r);
    return true;
  }

  reserve(instance: number, vector: ArrayLike<number>, options?: ReserveOptions): number {
    const r = this.makeReservation(
      instance,
      vector,
      options?.tier ?? 3,
      options?.expiry ?? Infinity,
      options?.overcommit ?? false,
    );
    const tag = options?.tag ?? -1;
    if (r >= 0 && tag !== -1) this.reservations.setTag(r, tag);
    return r;
  }

  placeInto(item: number, reservation: number): boolean {
    this.mustWait(item, 'placeInto');
    const res = this.reservations;
    const at = res.at(reservation);
    if (!res.ints[at + R_ACTIVE] || res.ints[at + R_ITEM] >= 0) return false;
    const inst = res.ints[at + R_INSTANCE];
    if (!this.fleet.matches(inst, this.items.constraints[item])) return false;
    if (this.fleet.state[inst] > READY) return false;
    this.bind(item, reservation);
    return true;
  }

  release(reservation: number): void {
    const res = this.reservations;
    const at = res.at(reservation);
    if (!res.ints[at + R_ACTIVE]) return;
    const item = res.ints[at + R_ITEM];
    const inst = res.ints[at + R_INSTANCE];
    if (item >= 0) {
      // The item keeps running in a reservation of its own for the same amount.
      res.ints[at + R_OWNER_ITEM] = item;
      return;
    }
    this.dropReservation(reservation);
    this.checkDrained(inst);
  }

  extend(reservation: number, expiry: number): void {
    const res = this.reservations;
    const at = res.at(reservation);
    if (!res.ints[at + R_ACTIVE]) return;
    res.setExpiry(reservation, expiry);
    const ev = res.ints[at + R_EXPIRY_EVENT];
    if (expiry === Infinity) {
      if (ev >= 0) this.cancel(ev);
      res.ints[at + R_EXPIRY_EVENT] = -1;
    } else if (ev >= 0) this.queue.reschedule(ev, expiry);
    else res.ints[at + R_EXPIRY_EVENT] = this.schedule(expiry, RES_EXPIRY, reservation);
  }

  reservationInstance(reservation: number): number {
    const res = this.reservations;
    const at = res.at(reservation);
    return res.ints[at + R_ACTIVE] ? res.ints[at + R_INSTANCE] : -1;
  }

  reservationTier(reservation: number): number {
    return this.reservations.ints[this.reservations.at(reservation) + R_TIER];
  }

  reservationTag(reservation: number): number {
    return this.reservations.tag(reservation);
  }

  reservationItem(reservation: number): number {
    return this.reservations.ints[this.reservations.at(reservation) + R_ITEM];
  }

  reservationVector(reservation: number): Float64Array {
    const at = this.reservations.vectorAt(reservation);
    return this.reservations.vector.subarray(at, at + this.D);
  }

  reject(item: number): void {
    this.mustWait(item, 'reject');
    this.stopItem(item);
    this.record(item, REJECTED, REJECTED_CAUSE);
    this.freeItem(item);
  }

  defer(item: number, delay: number): void {
    this.mustWait(item, 'defer');
    this.stopItem(item);
    this.metrics.deferrals++;
    this.items.ints[item * ITEM_INTS + STATE] = DEFERRED;
    this.items.ints[item * ITEM_INTS + FLAGS] |= RARE_SET;
    this.items.ints[item * ITEM_INTS + RETRY_EVENT] = this.schedule(this.now + Math.max(0, delay), RETRY, item);
  }

  retry(item: number, delay = 0): void {
    const items = this.items;
    if (items.ints[item * ITEM_INTS + STATE] !== FAILING) throw new Error(`retry: item ${this.idOf(item)} is not failing`);
    items.ints[item * ITEM_INTS + ATTEMPTS]++;
    items.ints[item * ITEM_INTS + FLAGS] = (items.ints[item * ITEM_INTS + FLAGS] & ~ROLLING_BACK) | RARE_SET;
    items.reals[item * ITEM_REALS + READY_AT] = NaN;
    items.ints[item * ITEM_INTS + STAGE_CUR] = -1;
    items.ints[item * ITEM_INTS + INSTANCE] = -1;
    this.metrics.retries++;
    items.ints[item * ITEM_INTS + STATE] = DEFERRED;
    items.ints[item * ITEM_INTS + RETRY_EVENT] = this.schedule(this.now + Math.max(0, delay), RETRY, item);
  }

  provision(group: number, image?: string): number {
    const i = this.addInstance(group, PROVISIONING);
    this.bootImage[i] = image;
    const g = this.fleet.groups[group];
    this.fleet.lifeEvent[i] = this.schedule(this.now + g.provisionTime, INSTANCE_UP, i);
    return i;
  }

  drain(instance: number): void {
    const fleet = this.fleet;
    const s = fleet.state[instance];
    if (s === READY) {
      fleet.state[instance] = DRAINING;
      fleet.touched(instance);
      this.checkDrained(instance);
    } else if (s === PROVISIONING || s === BOOTING) {
      // Never became capacity: it simply goes away.
      if (fleet.lifeEvent[instance] >= 0) this.cancel(fleet.lifeEvent[instance]);
      fleet.lifeEvent[instance] = -1;
      for (let j = fleet.waitHead[instance]; j >= 0; j = fleet.waitHead[instance]) this.failItem(j, INSTANCE_FAILURE);
      this.dropReservationsOn(instance);
      fleet.state[instance] = GONE;
      fleet.touched(instance);
      this.metrics.addCostRate(-fleet.price[instance] / 3600);
    }
  }

  setTimer(delay: number, token: number): void {
    this.timers.push(token);
    this.schedule(this.now + Math.max(0, delay), TIMER, this.timers.length - 1);
  }

  usage(item: number, d: number): number {
    return this.usageOf(item, d);
  }

  resize(item: number, vector: ArrayLike<number>): boolean {
    const items = this.items;
    const res = this.reservations;
    const fleet = this.fleet;
    const m = this.metrics;
    const D = this.D;
    const r = items.ints[item * ITEM_INTS + RESERVATION];
    const state = items.ints[item * ITEM_INTS + STATE];
    if (r < 0 || (state !== RUNNING && state !== PLACED) || res.ints[res.at(r) + R_OWNER_ITEM] !== item) return false;
    const inst = res.ints[res.at(r) + R_INSTANCE];
    const rv = res.vectorAt(r);
    for (let d = 0; d < D; d++) {
      const grow = (vector[d] ?? 0) - res.vector[rv + d];
      if (grow > fleet.free[inst * D + d] + 1e-9) return false;
    }
    for (let d = 0; d < D; d++) {
      const before = res.vector[rv + d];
      const after = vector[d] ?? 0;
      if (after === before) continue;
      const used = this.usageOf(item, d);
      res.vector[rv + d] = after;
      fleet.free[inst * D + d] -= after - before;
      m.reservedNow[d] += after - before;
      m.reservedMoment[d] += (after - before) * this.now;
      const reservedUsed = Math.min(after, used) - Math.min(before, used);
      m.reservedUsedNow[d] += reservedUsed;
      m.reservedUsedMoment[d] += reservedUsed * this.now;
    }
    fleet.touched(inst);
    if (state === RUNNING) {
      // New weights: shares on the instance may move (a capped stage's bound too).
      const st = items.ints[item * ITEM_INTS + STAGE_CUR];
      if (items.reals[item * ITEM_REALS + RATE_BOUND] < 1) {
        items.reals[item * ITEM_REALS + RATE_BOUND] = 1;
        fleet.capped[inst]--;
      }
      if (items.ints[item * ITEM_INTS + FLAGS] & CAPPED) this.capRate(item, inst, st);
      fleet.contended[inst] = 1;
      this.updateShares(inst, -1);
    }
    return true;
  }

  shadowable(): readonly string[] {
    return (this.catalogue ??= [...new Set(this.sources.flatMap((s) => (s.shadow ? (s.applications?.() ?? []) : [])))]);
  }

  shadow(application: string, instance: number, cap: ArrayLike<number>): number {
    const source = this.sources.find((s) => s.shadow && s.applications?.().includes(application));
    if (source === undefined || !this.fleet.accepting(instance) || !this.fleet.fits(instance, cap)) return -1;
    const item = source.shadow!(application, this, this.now);
    return this.startOwn(item, instance, cap, true);
  }

  prefetch(instance: number, image: string): number {
    const pull = this.pullTemplates.get(image);
    if (pull === undefined) return -1;
    if (this.fleet.images[instance].has(image)) return -2;
    const D = this.D;
    const demand = pull.subarray(1);
    if (!this.fleet.accepting(instance) || !this.fleet.fits(instance, demand)) return -1;
    const item = this.begin(0, this.now);
    const st = this.stage(item, 0);
    this.stages.pull(st, image, pull[0]);
    for (let d = 0; d < D; d++) this.demand(st, d, demand[d]);
    return this.startOwn(item, instance, demand, false);
  }

  pulls(item: number): string[] {
    const out: string[] = [];
    for (let st = this.items.ints[item * ITEM_INTS + STAGE_HEAD]; st >= 0; st = this.stages.next[st]) {
      const image = this.stages.pulled(st);
      if (image !== undefined) out.push(image);
    }
    return out;
  }

  isOwn(item: number): boolean {
    return this.items.ints[item * ITEM_INTS + ORDINAL] < 0;
  }

  /** Starts the strategy's own work (built with `begin`/`stage`) in a reservation of `vector`. */
  private startOwn(item: number, instance: number, vector: ArrayLike<number>, capped: boolean): number {
    const items = this.items;
    if (capped) items.ints[item * ITEM_INTS + FLAGS] |= CAPPED;
    items.ints[item * ITEM_INTS + ORDINAL] = -1;
    items.ints[item * ITEM_INTS + STATE] = WAITING;
    for (let d = 0; d < this.D; d++) items.declared[item * this.D + d] = vector[d] ?? 0;
    const r = this.makeReservation(instance, vector, 3, Infinity, false);
    if (r < 0) {
      this.freeItem(item);
      return -1;
    }
    this.ownLive++;
    this.reservations.ints[this.reservations.at(r) + R_OWNER_ITEM] = item;
    this.attach(item, r);
    return item;
  }

  private mustWait(item: number, what: string): void {
    const s = this.items.ints[item * ITEM_INTS + STATE];
    if (s !== WAITING) throw new Error(`${what}: item ${item} is not waiting (state ${s})`);
  }
}
