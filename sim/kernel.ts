/**
 * The simulation kernel: clock, event dispatch, the life of items (arrival, stages, end), stages
 * sharing instances, reservations, instance life cycles, faults and metrics. It knows strategies
 * only through the `Strategy` hooks and workloads only through `WorkloadSource`; what strategies
 * and sources may call is `Simulation` (simulation.ts), built on this.
 *
 * The hot path (an arrival, a placement, a stage start and end) allocates nothing: every record
 * is a slot in typed arrays, recycled through free lists.
 */
import * as apiConstants from './api.js';
import type { StageObservation, Strategy } from './api.js';
import { ArrivalFifo } from './arrivals.js';
import { ContentionSolver } from './contention.js';
import * as eventKinds from './event-kinds.js';
import { EventQueue } from './event-queue.js';
import { Fleet, type InstanceGroup } from './fleet.js';
import * as itemFields from './items.js';
import { ItemTable, StageTable } from './items.js';
import { MetricAccumulator } from './metrics.js';
import { OutcomeLog } from './outcomes.js';
import { RandomStreams, exponential, type Rng } from './random.js';
import * as reservationFields from './reservations.js';
import { ReservationTable } from './reservations.js';
import * as resourceConstants from './resources.js';
import type { Dimensions } from './resources.js';
import type { WorkloadSource } from './source.js';
import { TimeSeries } from './timeseries.js';

// Constants are copied into this module on purpose: V8 folds a module's own constants into
// optimized code, but reads every imported (or exported) binding through a cell with a hole check —
// on the hot path, two loads and a test per record field (17 % of fleet-ff's instructions, measured).
const {
  BOOTING, COMPLETED, DRAINING, EXPIRED, FAILED, GONE, INSTANCE_FAILED, INSTANCE_FAILURE, NO_CAUSE,
  OOM, PREEMPTED, PROVISIONING, READY, REJECTED, STAGE_FAILURE, TIMEOUT,
} = apiConstants;
const {
  ARRIVAL, ATTEMPTS, CAPPED, DEMAND, DURATION, END_EVENT, END_SEQ, FAIL_CAUSE, FAIL_DRAW, FAILING, FLAGS,
  HAS_ROLLBACK, INSTANCE, ITEM_INTS, ITEM_REALS, LAST_UPDATE, LOCAL, ON_INSTANCE, ORDINAL, ORIGIN,
  ORIGIN_KIND_MASK, ORIGIN_SOURCE_SHIFT, PENDING, PLACED, PLACED_AT, QUEUE_NEXT, QUEUE_PREV,
  RARE_SET, RATE, RATE_BOUND, READY_AT, READY_STAGES, REMAINING, RESERVATION, RETRY_EVENT, ROLLBACK,
  ROLLING_BACK, RUNNING, STAGE_CUR, STAGE_HEAD, STAGE_INDEX, STAGE_START, START_ORDER, STARTED_AT,
  STATE, TIMEOUT: TIMEOUT_FIELD, TIMEOUT_EVENT, UNCACHED_DURATION, WAITING,
} = itemFields;
const {
  R_ACTIVE, R_EXPIRY_EVENT, R_INSTANCE, R_ITEM, R_OWNER_ITEM, R_TIER,
} = reservationFields;
const { CPU, MEM, SHARED, MEMORY } = resourceConstants;
const {
  STAGE_END, POOLED_STAGE_END, WAIT_TIMEOUT, RETRY, INSTANCE_UP, INSTANCE_REPAIR, FOREGROUND_KINDS,
  RES_EXPIRY, INSTANCE_CRASH, TICK, TIMER,
} = eventKinds;

/**
 * The per-instance lists (items running, once the instance keeps that list; items placed before
 * their instance is ready; tier-2 reservations) are doubly linked through a dense `links` array:
 * id's predecessor at [2 id], its successor at [2 id + 1]; `heads[inst]` is the first id, or -1.
 * Puts id first on inst's list.
 */
function pushLink(links: Int32Array, heads: Int32Array, inst: number, id: number): void {
  const head = heads[inst];
  links[id * 2] = -1;
  links[id * 2 + 1] = head;
  if (head >= 0) links[head * 2] = id;
  heads[inst] = id;
}

/** Takes id off inst's list (see pushLink); its own links are left as they were. */
function dropLink(links: Int32Array, heads: Int32Array, inst: number, id: number): void {
  const p = links[id * 2];
  const n = links[id * 2 + 1];
  if (p >= 0) links[p * 2 + 1] = n;
  else heads[inst] = n;
  if (n >= 0) links[n * 2] = p;
}

/** With only background events left and items still waiting, give up after this long idle. */
const IDLE_LIMIT = 7 * 86400;

export interface FaultSettings {
  /** Mean seconds between crashes of one instance (exponential); 0 or absent: no crashes. */
  instanceMtbf?: number;
  /** Seconds a crashed instance is down before it boots again. */
  repairTime?: number;
  /** Probability that a stage fails when it ends. */
  stageFailure?: number;
}

/** What a run is made of: the fleet at t = 0, the workload's sources, one strategy and seed. */
export interface KernelOptions {
  dims: Dimensions;
  groups: InstanceGroup[];
  /** The fleet at t = 0, ready: a count per group. */
  initial: readonly { group: number; count: number }[];
  sources: WorkloadSource[];
  strategy: Strategy;
  seed: number | string;
  /** Simulated seconds after which the run stops; items unfinished then fail with `timeout`. */
  duration?: number;
  faults?: FaultSettings;
  /** Seconds between time-series samples (the first guess; it doubles on long runs). */
  sampleInterval?: number;
  /**
   * Whether the stages of a contended instance share one completion event (default) or keep one
   * each. Both give the same run, event for event; the second is the reference a test checks
   * the first against.
   */
  pooledStageEnds?: boolean;
}

/**
 * The state of a run and every operation on it. Abstract: a run is a `Simulation`, which adds what
 * strategies and sources may call; the kernel's own operations are `protected` for it alone.
 */
export abstract class Kernel {
  readonly dims: Dimensions;
  readonly D: number;
  readonly fleet: Fleet;
  readonly items: ItemTable;
  readonly stages: StageTable;
  readonly reservations: ReservationTable;
  readonly outcomes = new OutcomeLog();
  readonly metrics: MetricAccumulator;
  readonly series: TimeSeries;
  readonly streams: RandomStreams;
  readonly random: Rng;
  readonly stageFailure: number;
  private readonly pooling: boolean;
  readonly sources: WorkloadSource[];
  readonly strategy: Strategy;
  readonly duration: number;
  now = 0;
  protected readonly queue = new EventQueue();
  private readonly solver = new ContentionSolver();
  private readonly faults: FaultSettings;
  protected readonly sourceDone: boolean[];
  protected readonly arrivals: ArrivalFifo[];
  protected fillingSource = 0;
  protected foreground = 0;
  private lastProgress = 0;
  protected waitHead = -1;
  private waitTail = -1;
  private failing = new Int32Array(64);
  private failingCount = 0;
  protected timers: number[] = [];
  private crashRng: Rng[] = [];
  protected bootImage: (string | undefined)[] = [];
  protected nameIndex: Map<string, number> | undefined;
  /** Stage starts so far, modulo 2^32: each running item's START_ORDER (see Fleet.listed). */
  private stageStarts = 0;
  /** Own work (shadow runs, prefetches) alive: not workload, so it never keeps a run going. */
  protected ownLive = 0;
  private readonly observation: StageObservation;
  /** Whether the strategy reads monitoring (builds observations only then). */
  private readonly observes: boolean;
  protected finished = false;
  /** Called after every event (set by `Simulation` when asked to audit). */
  protected audit: (() => void) | undefined = undefined;

  constructor(options: KernelOptions) {
    this.dims = options.dims;
    this.D = options.dims.count;
    this.fleet = new Fleet(this.D, options.groups);
    this.items = new ItemTable(this.D);
    this.activeDims = new Int32Array(this.D);
    this.capScratch = new Float64Array(this.D);
    this.stages = new StageTable(this.D);
    this.reservations = new ReservationTable(this.D);
    this.metrics = new MetricAccumulator(this.D);
    this.series = new TimeSeries(options.sampleInterval ?? 60, this.dims.names);
    this.streams = new RandomStreams(options.seed);
    this.random = this.streams.strategy;
    this.faults = options.faults ?? {};
    this.stageFailure = this.faults.stageFailure ?? 0;
    this.pooling = options.pooledStageEnds ?? true;
    this.sources = options.sources;
    this.strategy = options.strategy;
    this.duration = options.duration ?? Infinity;
    this.sourceDone = this.sources.map(() => false);
    this.arrivals = this.sources.map(() => new ArrivalFifo());
    this.observes = typeof this.strategy.onStageEnd === 'function';
    this.observation = { stage: 0, demand: new Float64Array(this.D), duration: 0, elapsed: 0, instance: -1 };
    for (const { group, count } of options.initial) {
      for (let k = 0; k < count; k++) this.addInstance(group, READY);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Running

  /** Dispatches events earlier than `limit` (or up to the end when it is Infinity). */
  protected process(limit: number): void {
    const q = this.queue;
    const m = this.metrics;
    const series = this.series;
    const fifos = this.arrivals;
    const single = fifos.length === 1 ? fifos[0] : undefined;
    for (;;) {
      // The next arrival: the earliest FIFO head, by (time, seq).
      let fifo: ArrivalFifo | undefined = single;
      let ta = single ? single.headTime() : Infinity;
      if (!single) {
        for (const f of fifos) {
          const t = f.headTime();
          if (t < ta || (t === ta && t !== Infinity && f.headSeq() < (fifo as ArrivalFifo).headSeq())) {
            ta = t;
            fifo = f;
          }
        }
      }
      const tq = q.peekTime();
      const arrival = ta < tq || (ta === tq && ta !== Infinity && (fifo as ArrivalFifo).headSeq() < q.peekSeq());
      const t = arrival ? ta : tq;
      if (t === Infinity) break;
      if (t >= limit && limit !== Infinity) return;
      if (t > this.duration) {
        this.finished = true;
        return;
      }
      if (this.foreground === 0 && limit === Infinity && this.idle(t)) {
        this.finished = true;
        return;
      }
      if (t >= series.next) series.sampleUntil(t, m);
      m.advance(t);
      this.now = t;
      m.events++;
      if (arrival) {
        this.foreground--;
        this.lastProgress = t;
        this.arrive((fifo as ArrivalFifo).shift());
        if (this.failingCount > 0) this.drainFailures();
        if (this.audit !== undefined) this.audit();
        continue;
      }
      const id = q.pop();
      const kind = q.kindOf(id);
      const target = q.targetOf(id);
      if (kind < FOREGROUND_KINDS) {
        this.foreground--;
        // Only item events count as progress: a crash-repair cycle alone must not keep a run alive.
        if (kind <= RETRY) this.lastProgress = t;
      }
      switch (kind) {
        case STAGE_END:
          this.items.ints[target * ITEM_INTS + END_EVENT] = -1;
          this.endStage(target);
          break;
        case POOLED_STAGE_END:
          this.fleet.stageEnd[target] = -1;
          this.endStage(this.fleet.firstEnd[target]);
          break;
        case WAIT_TIMEOUT:
          this.items.ints[target * ITEM_INTS + TIMEOUT_EVENT] = -1;
          this.failItem(target, TIMEOUT);
          break;
        case RETRY:
          this.items.ints[target * ITEM_INTS + RETRY_EVENT] = -1;
          this.comeBack(target);
          break;
        case INSTANCE_UP:
          this.fleet.lifeEvent[target] = -1;
          this.instanceUp(target);
          break;
        case INSTANCE_REPAIR:
          this.fleet.lifeEvent[target] = -1;
          this.repair(target);
          break;
        case RES_EXPIRY:
          this.reservations.ints[this.reservations.at(target) + R_EXPIRY_EVENT] = -1;
          this.expire(target);
          break;
        case INSTANCE_CRASH:
          this.fleet.lifeEvent[target] = -1;
          this.crash(target);
          break;
        case TICK:
          this.strategy.onTick?.(t);
          this.schedule(t + (this.strategy.tickInterval as number), TICK, 0);
          break;
        case TIMER:
          this.strategy.onTimer?.(this.timers[target]);
          break;
      }
      if (this.failingCount > 0) this.drainFailures();
      if (this.audit !== undefined) this.audit();
    }
    if (limit === Infinity) this.finished = true;
  }

  /** True when nothing but background events remain and no waiting item can still be helped. */
  private idle(t: number): boolean {
    return this.items.live === this.ownLive || t - this.lastProgress > IDLE_LIMIT;
  }

  protected schedule(time: number, kind: number, target: number): number {
    if (kind < FOREGROUND_KINDS) this.foreground++;
    return this.queue.schedule(time, kind, target);
  }

  /** Schedules an event ordered among equal times by `seq` (taken earlier with takeSequence). */
  private scheduleAt(time: number, seq: number, kind: number, target: number): number {
    if (kind < FOREGROUND_KINDS) this.foreground++;
    return this.queue.scheduleAt(time, seq, kind, target);
  }

  protected cancel(id: number): void {
    if (this.queue.kindOf(id) < FOREGROUND_KINDS) this.foreground--;
    this.queue.cancel(id);
  }

  /** Ends the run: every item still in the system fails with `timeout`. */
  protected finish(): void {
    const end = Math.min(this.duration, Math.max(this.now, this.metrics.time));
    this.metrics.advance(end);
    this.metrics.settle();
    this.now = end;
    this.series.sampleUntil(end, this.metrics);
    const items = this.items;
    for (let i = 0; i < items.capacity; i++) {
      const s = items.ints[i * ITEM_INTS + STATE];
      if (items.ints[i * ITEM_INTS + ORDINAL] < 0 && s !== 0) {
        this.stopItem(i);
        this.freeItem(i);
      } else if (s === PENDING) {
        // Submitted, but due after the run's end: it never arrived and is not part of the run.
        this.outcomes.markNotArrived(items.ints[i * ITEM_INTS + ORDINAL]);
        this.freeItem(i);
      } else if (s !== 0) {
        this.stopItem(i);
        this.record(i, FAILED, TIMEOUT);
        this.freeItem(i);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Item life

  /** Waiting items form one list in arrival order, which strategies walk to retry them. */
  private enqueue(item: number): void {
    const items = this.items;
    items.ints[item * ITEM_INTS + STATE] = WAITING;
    this.metrics.waiting++;
    items.ints[item * ITEM_INTS + QUEUE_PREV] = this.waitTail;
    items.ints[item * ITEM_INTS + QUEUE_NEXT] = -1;
    if (this.waitTail >= 0) items.ints[this.waitTail * ITEM_INTS + QUEUE_NEXT] = item;
    else this.waitHead = item;
    this.waitTail = item;
  }

  private dequeue(item: number): void {
    const items = this.items;
    this.metrics.waiting--;
    const p = items.ints[item * ITEM_INTS + QUEUE_PREV];
    const n = items.ints[item * ITEM_INTS + QUEUE_NEXT];
    if (p >= 0) items.ints[p * ITEM_INTS + QUEUE_NEXT] = n;
    else this.waitHead = n;
    if (n >= 0) items.ints[n * ITEM_INTS + QUEUE_PREV] = p;
    else this.waitTail = p;
  }

  private arrive(item: number): void {
    const items = this.items;
    this.enqueue(item);
    // A timeout is one of the rare fields: most items never read that line.
    if (items.ints[item * ITEM_INTS + FLAGS] & RARE_SET) {
      const limit = items.reals[item * ITEM_REALS + TIMEOUT_FIELD];
      if (limit < Infinity) {
        items.ints[item * ITEM_INTS + TIMEOUT_EVENT] = this.schedule(this.now + limit, WAIT_TIMEOUT, item);
      }
    }
    this.strategy.onArrival(item);
  }

  private comeBack(item: number): void {
    this.enqueue(item);
    this.strategy.onArrival(item);
  }

  protected bind(item: number, r: number): void {
    const items = this.items;
    if (items.ints[item * ITEM_INTS + FLAGS] & RARE_SET) this.cancelTimeout(item);
    this.dequeue(item);
    this.metrics.decisions++;
    this.attach(item, r);
  }

  private cancelTimeout(item: number): void {
    const ints = this.items.ints;
    if (ints[item * ITEM_INTS + TIMEOUT_EVENT] >= 0) this.cancel(ints[item * ITEM_INTS + TIMEOUT_EVENT]);
    ints[item * ITEM_INTS + TIMEOUT_EVENT] = -1;
  }

  /** Puts an item in reservation r: it starts if the instance is ready, else waits for it. */
  protected attach(item: number, r: number): void {
    const items = this.items;
    const inst = this.reservations.ints[this.reservations.at(r) + R_INSTANCE];
    this.reservations.ints[this.reservations.at(r) + R_ITEM] = item;
    items.ints[item * ITEM_INTS + RESERVATION] = r;
    items.ints[item * ITEM_INTS + INSTANCE] = inst;
    items.reals[item * ITEM_REALS + PLACED_AT] = this.now;
    if (this.fleet.state[inst] === READY) this.startItem(item);
    else {
      items.ints[item * ITEM_INTS + STATE] = PLACED;
      this.link(item, this.fleet.waitHead, inst);
    }
  }

  private startItem(item: number): void {
    const items = this.items;
    items.ints[item * ITEM_INTS + STATE] = RUNNING;
    items.reals[item * ITEM_REALS + STARTED_AT] = this.now;
    if (items.ints[item * ITEM_INTS + READY_STAGES] === 0) items.reals[item * ITEM_REALS + READY_AT] = this.now;
    items.ints[item * ITEM_INTS + STAGE_CUR] = items.ints[item * ITEM_INTS + STAGE_HEAD];
    items.ints[item * ITEM_INTS + STAGE_INDEX] = 0;
    this.metrics.running++;
    if (items.ints[item * ITEM_INTS + STAGE_HEAD] < 0) {
      // Nothing to run (an instance request satisfied by placement alone).
      this.completeItem(item);
      return;
    }
    this.startStage(item);
  }

  private startStage(item: number): void {
    const items = this.items;
    const fleet = this.fleet;
    const D = this.D;
    const inst = items.ints[item * ITEM_INTS + INSTANCE];
    const st = items.ints[item * ITEM_INTS + STAGE_CUR];
    let duration = this.stages.f[this.stages.at(st) + DURATION];
    const uncached = this.stages.f[this.stages.at(st) + UNCACHED_DURATION];
    if (uncached === uncached) {
      // Pulling an image: fast where the instance has it, and cached there from now on.
      const image = this.stages.image[st] as string;
      const cache = fleet.images[inst];
      if (!cache.has(image)) {
        duration = uncached;
        cache.add(image);
      }
    }
    items.reals[item * ITEM_REALS + REMAINING] = duration;
    items.reals[item * ITEM_REALS + LAST_UPDATE] = this.now;
    if (this.observes) items.reals[item * ITEM_REALS + STAGE_START] = this.now;
    items.reals[item * ITEM_REALS + RATE] = 0;
    items.ints[item * ITEM_INTS + FLAGS] |= ON_INSTANCE;
    items.ints[item * ITEM_INTS + START_ORDER] = this.stageStarts;
    // Kept an int32 (as the field stores it): a count past 2^31 would turn the field into a double.
    this.stageStarts = (this.stageStarts + 1) | 0;
    if (fleet.listed[inst] !== 0) this.link(item, fleet.runHead, inst);
    fleet.runCount[inst]++;
    const rec = this.stages.f;
    const dem = this.stages.at(st) + DEMAND;
    if (items.ints[item * ITEM_INTS + FLAGS] & CAPPED) this.capRate(item, inst, st);
    const kinds = this.dims.kindCode;
    let memoryUp = false;
    for (let d = 0; d < D; d++) {
      const v = rec[dem + d];
      if (v === 0) continue;
      fleet.runDemand[inst * D + d] += v;
      const k = kinds[d];
      if (k !== SHARED) {
        this.addUsage(item, inst, d, 0, v);
        if (k === MEMORY) memoryUp = true;
      }
    }
    if (memoryUp) this.enforceMemory(inst);
    if (items.ints[item * ITEM_INTS + STATE] === RUNNING) this.updateShares(inst, item);
  }

  private endStage(item: number): void {
    const items = this.items;
    const inst = items.ints[item * ITEM_INTS + INSTANCE];
    const st = items.ints[item * ITEM_INTS + STAGE_CUR];
    this.stopStage(item, inst);
    this.updateShares(inst, -1);
    if (items.ints[item * ITEM_INTS + FLAGS] & ROLLING_BACK) {
      this.failItem(item, items.ints[item * ITEM_INTS + FAIL_CAUSE]);
      return;
    }
    if (this.observes) {
      const obs = this.observation;
      obs.stage = items.ints[item * ITEM_INTS + STAGE_INDEX];
      obs.duration = this.stages.f[this.stages.at(st) + DURATION];
      obs.elapsed = this.now - items.reals[item * ITEM_REALS + STAGE_START];
      obs.instance = inst;
      for (let d = 0, at = this.stages.at(st) + DEMAND; d < this.D; d++) obs.demand[d] = this.stages.f[at + d];
      this.strategy.onStageEnd!(item, obs);
    }
    if (this.stageFailure > 0 && this.failDrawOf(item, st) < this.stageFailure) {
      this.failItem(item, STAGE_FAILURE);
      return;
    }
    if (items.ints[item * ITEM_INTS + STAGE_INDEX] + 1 === items.ints[item * ITEM_INTS + READY_STAGES]) {
      items.reals[item * ITEM_REALS + READY_AT] = this.now;
    }
    const next = this.stages.next[st];
    if (next >= 0) {
      items.ints[item * ITEM_INTS + STAGE_CUR] = next;
      items.ints[item * ITEM_INTS + STAGE_INDEX]++;
      this.startStage(item);
    } else {
      this.completeItem(item);
    }
  }

  /**
   * The stage's failure draw for this attempt: the source's draw, rotated by the golden ratio per
   * retry — still uniform, still the same for every strategy, and not the same fate on a retry.
   */
  private failDrawOf(item: number, st: number): number {
    const u = this.stages.f[this.stages.at(st) + FAIL_DRAW];
    if (!(this.items.ints[item * ITEM_INTS + FLAGS] & RARE_SET)) return u;
    const attempts = this.items.ints[item * ITEM_INTS + ATTEMPTS];
    if (attempts === 0) return u;
    const v = u + attempts * 0.6180339887498949;
    return v - Math.floor(v);
  }

  /** Takes the item's current stage off its instance (usage to zero, completion cancelled). */
  private stopStage(item: number, inst: number): void {
    const items = this.items;
    const fleet = this.fleet;
    const D = this.D;
    const st = items.ints[item * ITEM_INTS + STAGE_CUR];
    if (items.ints[item * ITEM_INTS + END_EVENT] >= 0) this.cancel(items.ints[item * ITEM_INTS + END_EVENT]);
    items.ints[item * ITEM_INTS + END_EVENT] = -1;
    items.ints[item * ITEM_INTS + FLAGS] &= ~ON_INSTANCE;
    if (fleet.listed[inst] !== 0) this.unlink(item, fleet.runHead, inst);
    fleet.runCount[inst]--;
    // addUsage(item, inst, d, usage, 0) for every dimension in use, with the arrays read once.
    const rec = this.stages.f;
    const dem = this.stages.at(st) + DEMAND;
    const kinds = this.dims.kindCode;
    const rate = items.reals[item * ITEM_REALS + RATE];
    const m = this.metrics;
    const r = items.ints[item * ITEM_INTS + RESERVATION];
    const reserved = this.reservations.vector;
    const rv = this.reservations.vectorAt(r);
    const now = this.now;
    for (let d = 0; d < D; d++) {
      const v = rec[dem + d];
      if (v === 0) continue;
      fleet.runDemand[inst * D + d] -= v;
      const before = kinds[d] === SHARED ? rate * v : v;
      if (before === 0) continue;
      fleet.used[inst * D + d] -= before;
      m.usedNow[d] -= before;
      m.usedMoment[d] -= before * now;
      if (r >= 0) {
        const delta = Math.min(reserved[rv + d], 0) - Math.min(reserved[rv + d], before);
        m.reservedUsedNow[d] += delta;
        m.reservedUsedMoment[d] += delta * now;
      }
    }
    if (fleet.capped[inst] > 0 && items.reals[item * ITEM_REALS + RATE_BOUND] < 1) {
      items.reals[item * ITEM_REALS + RATE_BOUND] = 1;
      fleet.capped[inst]--;
    }
    if (fleet.runCount[inst] === 0) {
      fleet.runDemand.fill(0, inst * D, (inst + 1) * D);
      fleet.contended[inst] = 0;
      this.unpool(inst);
    }
  }

  /** A capped stage runs no faster than keeps every shared dimension within its reservation. */
  protected capRate(item: number, inst: number, st: number): void {
    const D = this.D;
    const r = this.items.ints[item * ITEM_INTS + RESERVATION];
    let bound = 1;
    for (const d of this.dims.shared) {
      const v = this.stages.f[this.stages.at(st) + DEMAND + d];
      if (v > 0) bound = Math.min(bound, this.reservations.vector[this.reservations.vectorAt(r) + d] / v);
    }
    if (bound < 1) {
      this.items.reals[item * ITEM_REALS + RATE_BOUND] = Math.max(bound, 1e-9);
      this.items.ints[item * ITEM_INTS + FLAGS] |= RARE_SET;
      this.fleet.capped[inst]++;
    }
  }

  private completeItem(item: number): void {
    const items = this.items;
    this.notePrediction(item);
    this.metrics.running--;
    const inst = items.ints[item * ITEM_INTS + INSTANCE];
    this.unbind(item);
    this.record(item, COMPLETED, NO_CAUSE);
    this.strategy.onItemEnd?.(item, COMPLETED, NO_CAUSE);
    this.freeItem(item);
    this.checkDrained(inst);
  }

  /**
   * Stops an item wherever it is and hands it to the strategy's `onFailure` once the current
   * event is done (so a strategy is never re-entered from inside its own call).
   */
  protected failItem(item: number, cause: number): void {
    const items = this.items;
    const state = items.ints[item * ITEM_INTS + STATE];
    if (state === FAILING || state === 0) return;
    if (state === RUNNING && cause === STAGE_FAILURE && items.ints[item * ITEM_INTS + ROLLBACK] >= 0 && !(items.ints[item * ITEM_INTS + FLAGS] & ROLLING_BACK)) {
      // Undo what the item staged before giving up: the rollback runs in its reservation.
      items.ints[item * ITEM_INTS + FLAGS] |= ROLLING_BACK | RARE_SET;
      items.ints[item * ITEM_INTS + FAIL_CAUSE] = cause;
      this.metrics.rollbacks++;
      items.ints[item * ITEM_INTS + STAGE_CUR] = items.ints[item * ITEM_INTS + ROLLBACK];
      this.startStage(item);
      return;
    }
    const inst = items.ints[item * ITEM_INTS + INSTANCE];
    this.stopItem(item);
    items.ints[item * ITEM_INTS + STATE] = FAILING;
    items.ints[item * ITEM_INTS + FLAGS] |= RARE_SET;
    items.ints[item * ITEM_INTS + FAIL_CAUSE] = cause;
    if (this.failingCount === this.failing.length) {
      const f = new Int32Array(this.failing.length * 2);
      f.set(this.failing);
      this.failing = f;
    }
    this.failing[this.failingCount++] = item;
    if (inst >= 0) this.checkDrained(inst);
  }

  /** Removes an item from wherever it is (queue, instance, deferral) and frees its capacity. */
  protected stopItem(item: number): void {
    const items = this.items;
    const state = items.ints[item * ITEM_INTS + STATE];
    const inst = items.ints[item * ITEM_INTS + INSTANCE];
    if (state === RUNNING) {
      if (this.stageRuns(item)) {
        this.stopStage(item, inst);
        this.updateShares(inst, -1);
      }
      this.metrics.running--;
    } else if (state === PLACED) {
      this.unlink(item, this.fleet.waitHead, inst);
    } else if (state === WAITING) {
      this.dequeue(item);
    }
    if (items.ints[item * ITEM_INTS + FLAGS] & RARE_SET) {
      this.cancelTimeout(item);
      if (items.ints[item * ITEM_INTS + RETRY_EVENT] >= 0) this.cancel(items.ints[item * ITEM_INTS + RETRY_EVENT]);
      items.ints[item * ITEM_INTS + RETRY_EVENT] = -1;
    }
    if (items.ints[item * ITEM_INTS + RESERVATION] >= 0) this.unbind(item);
  }

  private drainFailures(): void {
    const items = this.items;
    for (let k = 0; k < this.failingCount; k++) {
      const item = this.failing[k];
      const cause = items.ints[item * ITEM_INTS + FAIL_CAUSE];
      if (items.ints[item * ITEM_INTS + ORDINAL] >= 0) this.strategy.onFailure?.(item, cause);
      if (items.ints[item * ITEM_INTS + STATE] === FAILING) {
        this.record(item, FAILED, cause);
        this.strategy.onItemEnd?.(item, FAILED, cause);
        this.freeItem(item);
      }
    }
    this.failingCount = 0;
  }

  protected record(item: number, outcome: number, cause: number): void {
    const ints = this.items.ints;
    const reals = this.items.reals;
    const at = item * ITEM_INTS;
    const o = ints[at + ORDINAL];
    if (o < 0) {
      // Own work has no outcome; its use was counted while it ran.
      this.ownLive--;
      return;
    }
    const rt = item * ITEM_REALS;
    const times = this.outcomes.times;
    times[0] = reals[rt + ARRIVAL];
    times[1] = reals[rt + PLACED_AT];
    times[2] = reals[rt + STARTED_AT];
    times[3] = reals[rt + READY_AT];
    times[4] = this.now;
    const origin = ints[at + ORIGIN];
    this.outcomes.end(o, origin & ORIGIN_KIND_MASK, origin >> ORIGIN_SOURCE_SHIFT, ints[at + LOCAL], ints[at + INSTANCE], outcome, cause);
    const m = this.metrics;
    if (outcome === COMPLETED) m.completed++;
    else if (outcome === REJECTED) m.rejected++;
    else m.failed++;
    if (cause !== NO_CAUSE) m.failedBy[cause]++;
  }

  protected freeItem(item: number): void {
    const items = this.items;
    let s = items.ints[item * ITEM_INTS + STAGE_HEAD];
    while (s >= 0) {
      const n = this.stages.next[s];
      this.stages.release(s);
      s = n;
    }
    if (items.ints[item * ITEM_INTS + FLAGS] & HAS_ROLLBACK) this.stages.release(items.ints[item * ITEM_INTS + ROLLBACK]);
    items.release(item);
  }

  /**
   * Allocation vs true peak, in cpu and memory, for completed items. The peaks of both come from
   * one walk of the item's stages (most have one): a walk per dimension, through a loop over the
   * two, cost about 300 instructions a job on fleet-ff.
   */
  private notePrediction(item: number): void {
    const ints = this.items.ints;
    const at = item * ITEM_INTS;
    const r = ints[at + RESERVATION];
    const head = ints[at + STAGE_HEAD];
    if (r < 0 || head < 0 || ints[at + ORDINAL] < 0) return;
    const stages = this.stages;
    const f = stages.f;
    const next = stages.next;
    let b = stages.at(head) + DEMAND;
    let cpu = f[b + CPU];
    let mem = f[b + MEM];
    for (let s = next[head]; s >= 0; s = next[s]) {
      b = stages.at(s) + DEMAND;
      if (f[b + CPU] > cpu) cpu = f[b + CPU];
      if (f[b + MEM] > mem) mem = f[b + MEM];
    }
    const reserved = this.reservations.vector;
    const rv = this.reservations.vectorAt(r);
    const m = this.metrics;
    let counted = 0;
    let under = false;
    if (cpu > 0) {
      const given = reserved[rv + CPU];
      m.predictionAbsError += Math.abs(given - cpu) / cpu;
      counted++;
      if (given < cpu * (1 - 1e-9)) under = true;
    }
    if (mem > 0) {
      const given = reserved[rv + MEM];
      m.predictionAbsError += Math.abs(given - mem) / mem;
      counted++;
      if (given < mem * (1 - 1e-9)) under = true;
    }
    if (counted > 0) {
      m.predictionCount += counted;
      m.predictedItems++;
      if (under) m.underPredicted++;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Sharing

  /**
   * Recomputes the shares of the stages on one instance after a change, and moves the completion
   * events of the stages whose rate changed. `changed` is the stage that just started (or -1).
   */
  protected updateShares(inst: number, changed: number): void {
    const fleet = this.fleet;
    const items = this.items;
    const D = this.D;
    const k = fleet.runCount[inst];
    if (k === 0) return;
    // A stage left an instance where every stage ran at full speed: less demand, still no contention.
    if (changed < 0 && fleet.contended[inst] === 0 && fleet.capped[inst] === 0) return;
    // Only the dimensions asked beyond capacity can slow a stage: in the others every stage gets
    // what it can use, so they never bind (and a single one needs no work-conserving rounds).
    const shared = this.dims.shared;
    const active = this.activeDims;
    let S = 0;
    for (let s = 0; s < shared.length; s++) {
      const d = shared[s];
      if (fleet.runDemand[inst * D + d] > fleet.capacity[inst * D + d] * (1 + 1e-12)) active[S++] = d;
    }
    if (S === 0 && fleet.capped[inst] === 0) {
      if (fleet.contended[inst] === 0) {
        if (changed >= 0) this.setRate(changed, inst, 1);
      } else {
        this.listRunning(inst);
        const pooled = this.unpool(inst);
        for (let j = fleet.runHead[inst]; j >= 0; j = items.links[j * 2 + 1]) this.setOwnRate(j, inst, 1, pooled);
        fleet.contended[inst] = 0;
      }
      return;
    }
    this.listRunning(inst);
    const solver = this.solver;
    solver.reserve(k, S);
    const stages = this.stages;
    const vec = this.reservations.vector;
    const cap = this.capScratch;
    for (let s = 0; s < S; s++) cap[s] = fleet.capacity[inst * D + active[s]];
    let row = 0;
    for (let j = fleet.runHead[inst]; j >= 0; j = items.links[j * 2 + 1]) {
      const st = items.ints[j * ITEM_INTS + STAGE_CUR];
      const r = items.ints[j * ITEM_INTS + RESERVATION];
      for (let s = 0; s < S; s++) {
        const d = active[s];
        solver.demand[row * S + s] = stages.f[stages.at(st) + DEMAND + d];
        let w = r >= 0 ? vec[this.reservations.vectorAt(r) + d] : 0;
        if (!(w > 0)) w = items.declared[j * D + d];
        // A stage that reserved none of a dimension still gets what the others leave.
        solver.weight[row * S + s] = w > 0 ? w : 1e-9;
      }
      solver.bound[row] = items.reals[j * ITEM_REALS + RATE_BOUND];
      row++;
    }
    solver.solve(k, S, cap);
    const rate = solver.rate;
    let contended = 0;
    for (row = 0; row < k; row++) if (rate[row] < 1) contended = 1;
    fleet.contended[inst] = contended;
    if (contended === 0 || !this.pooling) {
      const pooled = this.unpool(inst);
      row = 0;
      for (let j = fleet.runHead[inst]; j >= 0; j = items.links[j * 2 + 1]) this.setOwnRate(j, inst, rate[row++], pooled);
      return;
    }
    this.setPooledRates(inst, rate);
  }

  /**
   * Sets the rates of a contended instance's stages, whose ends share one event. Every change on a
   * contended instance moves most of its stages' ends: one event at the earliest of them, moved
   * once, instead of one event per stage, each moved in the queue.
   */
  private setPooledRates(inst: number, rate: Float64Array): void {
    const fleet = this.fleet;
    const items = this.items;
    if (fleet.pooled[inst] === 0) {
      for (let j = fleet.runHead[inst]; j >= 0; j = items.links[j * 2 + 1]) {
        const ev = items.ints[j * ITEM_INTS + END_EVENT];
        if (ev >= 0) this.cancel(ev);
        items.ints[j * ITEM_INTS + END_EVENT] = -1;
      }
      fleet.pooled[inst] = 1;
    }
    // The pooled event is the earliest stage end by (time, insertion number), with the key that
    // stage's own event would have had: events run in the same order either way.
    let first = -1;
    let firstEnd = Infinity;
    let firstSeq = Infinity;
    let row = 0;
    for (let j = fleet.runHead[inst]; j >= 0; j = items.links[j * 2 + 1]) {
      const p = rate[row++];
      if (p !== items.reals[j * ITEM_REALS + RATE]) {
        this.bankRate(j, inst, p);
        if (p > 0) items.reals[j * ITEM_REALS + END_SEQ] = this.queue.takeSequence();
      }
      if (p > 0) {
        const end = this.endTime(j);
        const seq = items.reals[j * ITEM_REALS + END_SEQ];
        if (end < firstEnd || (end === firstEnd && seq < firstSeq)) {
          firstEnd = end;
          firstSeq = seq;
          first = j;
        }
      }
    }
    const ev = fleet.stageEnd[inst];
    if (first < 0) {
      if (ev >= 0) this.cancel(ev);
      fleet.stageEnd[inst] = -1;
      return;
    }
    fleet.firstEnd[inst] = first;
    if (ev >= 0) this.queue.rescheduleAt(ev, firstEnd, firstSeq);
    else fleet.stageEnd[inst] = this.scheduleAt(firstEnd, firstSeq, POOLED_STAGE_END, inst);
  }

  /** When a running stage ends at its current rate (> 0): the number setRate schedules. */
  private endTime(item: number): number {
    const reals = this.items.reals;
    return reals[item * ITEM_REALS + LAST_UPDATE] + reals[item * ITEM_REALS + REMAINING] / reals[item * ITEM_REALS + RATE];
  }

  /**
   * Sets the rate of a stage that ends by its own event; one whose instance was pooled until now
   * and whose rate stays gets its event back with the key it had.
   */
  private setOwnRate(item: number, inst: number, p: number, wasPooled: boolean): void {
    const items = this.items;
    if (p !== items.reals[item * ITEM_REALS + RATE]) this.setRate(item, inst, p);
    else if (wasPooled && p > 0) {
      items.ints[item * ITEM_INTS + END_EVENT] = this.scheduleAt(this.endTime(item), items.reals[item * ITEM_REALS + END_SEQ], STAGE_END, item);
    }
  }

  /**
   * Ends the pooling of an instance's stage ends (the caller gives each stage its own event back,
   * or none is left); returns whether the instance was pooled.
   */
  private unpool(inst: number): boolean {
    const fleet = this.fleet;
    if (fleet.pooled[inst] === 0) return false;
    if (fleet.stageEnd[inst] >= 0) this.cancel(fleet.stageEnd[inst]);
    fleet.stageEnd[inst] = -1;
    fleet.pooled[inst] = 0;
    return true;
  }

  /** Scratch for the sharing: the over-asked dimensions of an instance and their capacities. */
  private readonly activeDims: Int32Array;
  private readonly capScratch: Float64Array;

  /** Sets a running stage's rate: banks its progress and moves its completion event. */
  private setRate(item: number, inst: number, p: number): void {
    const items = this.items;
    this.bankRate(item, inst, p);
    const ev = items.ints[item * ITEM_INTS + END_EVENT];
    if (p > 0) {
      const end = this.now + items.reals[item * ITEM_REALS + REMAINING] / p;
      const seq = this.queue.takeSequence();
      items.reals[item * ITEM_REALS + END_SEQ] = seq;
      if (ev >= 0) this.queue.rescheduleAt(ev, end, seq);
      else items.ints[item * ITEM_INTS + END_EVENT] = this.scheduleAt(end, seq, STAGE_END, item);
    } else if (ev >= 0) {
      this.cancel(ev);
      items.ints[item * ITEM_INTS + END_EVENT] = -1;
    }
  }

  /**
   * Sets a running stage's rate from now on: banks its progress at the old rate (REMAINING: the
   * full-speed seconds left), sets its usage. Returns nothing: a double returned from a call V8
   * does not inline is boxed, a heap allocation per stage.
   */
  private bankRate(item: number, inst: number, p: number): void {
    const items = this.items;
    const now = this.now;
    const before = items.reals[item * ITEM_REALS + RATE];
    let rem = items.reals[item * ITEM_REALS + REMAINING] - (now - items.reals[item * ITEM_REALS + LAST_UPDATE]) * before;
    if (rem < 0) rem = 0;
    items.reals[item * ITEM_REALS + REMAINING] = rem;
    items.reals[item * ITEM_REALS + LAST_UPDATE] = now;
    items.reals[item * ITEM_REALS + RATE] = p;
    const shared = this.dims.shared;
    const st = items.ints[item * ITEM_INTS + STAGE_CUR];
    const D = this.D;
    for (let s = 0; s < shared.length; s++) {
      const d = shared[s];
      const v = this.stages.f[this.stages.at(st) + DEMAND + d];
      if (v !== 0) this.addUsage(item, inst, d, before * v, p * v);
    }
  }

  /**
   * True usage of dimension d by an item now: while a stage runs, its demand — times its rate in a
   * shared dimension, which it gets only in proportion. Derived, not stored: the totals below are
   * kept as it changes.
   */
  protected usageOf(item: number, d: number): number {
    const items = this.items;
    if (!this.stageRuns(item)) return 0;
    const v = this.stages.f[this.stages.at(items.ints[item * ITEM_INTS + STAGE_CUR]) + DEMAND + d];
    return this.dims.kindCode[d] === SHARED ? items.reals[item * ITEM_REALS + RATE] * v : v;
  }

  /**
   * An item's true usage of one dimension went from `before` to `value`: updates every total that
   * depends on it. A reservation holds at most one item, so the item's usage is the reservation's.
   */
  private addUsage(item: number, inst: number, d: number, before: number, value: number): void {
    if (value === before) return;
    const D = this.D;
    const delta = value - before;
    this.fleet.used[inst * D + d] += delta;
    const m = this.metrics;
    const now = this.now;
    m.usedNow[d] += delta;
    m.usedMoment[d] += delta * now;
    const r = this.items.ints[item * ITEM_INTS + RESERVATION];
    if (r >= 0) {
      const v = this.reservations.vector[this.reservations.vectorAt(r) + d];
      const reservedDelta = Math.min(v, value) - Math.min(v, before);
      m.reservedUsedNow[d] += reservedDelta;
      m.reservedUsedMoment[d] += reservedDelta * now;
    }
  }

  /** OOM-kills the stages most above their memory reservation until usage fits (as kubelet). */
  private enforceMemory(inst: number): void {
    const fleet = this.fleet;
    const items = this.items;
    const res = this.reservations;
    const D = this.D;
    const memory = this.dims.memory;
    for (let k = 0; k < memory.length; k++) {
      const d = memory[k];
      while (fleet.used[inst * D + d] > fleet.capacity[inst * D + d] * (1 + 1e-12) + 1e-9) {
        this.listRunning(inst);
        let victim = -1;
        let worst = -Infinity;
        for (let j = fleet.runHead[inst]; j >= 0; j = items.links[j * 2 + 1]) {
          const r = items.ints[j * ITEM_INTS + RESERVATION];
          const reserved = r >= 0 ? res.vector[res.vectorAt(r) + d] : items.declared[j * D + d];
          const above = this.usageOf(j, d) - reserved;
          if (above > worst) {
            worst = above;
            victim = j;
          }
        }
        if (victim < 0) break;
        this.failItem(victim, OOM);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Intrusive per-instance lists (running items, items placed before the instance is ready)

  private link(item: number, heads: Int32Array, inst: number): void {
    pushLink(this.items.links, heads, inst, item);
  }

  private unlink(item: number, heads: Int32Array, inst: number): void {
    dropLink(this.items.links, heads, inst, item);
  }

  /** Whether a running item's current stage is on its instance (between its start and stop). */
  private stageRuns(item: number): boolean {
    const ints = this.items.ints;
    return ints[item * ITEM_INTS + STATE] === RUNNING && (ints[item * ITEM_INTS + FLAGS] & ON_INSTANCE) !== 0;
  }

  /**
   * Makes an instance keep the list of its running items from now on (Fleet.listed), building it
   * the first time: a pass over the item table, in the order the stages started, newest first —
   * the order the list would have had, had it been kept all along.
   */
  protected listRunning(inst: number): void {
    const fleet = this.fleet;
    if (fleet.listed[inst] !== 0) return;
    fleet.listed[inst] = 1;
    if (fleet.runCount[inst] === 0) return;
    const ints = this.items.ints;
    const running: number[] = [];
    for (let j = 0; j < this.items.capacity; j++) {
      if (ints[j * ITEM_INTS + INSTANCE] === inst && this.stageRuns(j)) running.push(j);
    }
    // Start orders are kept modulo 2^32: compared by their difference, they stay in order.
    running.sort((a, b) => (ints[a * ITEM_INTS + START_ORDER] - ints[b * ITEM_INTS + START_ORDER]) | 0);
    for (const j of running) this.link(j, fleet.runHead, inst);
  }

  // ---------------------------------------------------------------------------------------------
  // Reservations

  private claim(r: number, inst: number, vector: ArrayLike<number>): void {
    const D = this.D;
    const res = this.reservations;
    const ints = res.ints;
    const at = res.at(r);
    const fleet = this.fleet;
    ints[at + R_INSTANCE] = inst;
    res.vector[res.startAt(r)] = this.now;
    const reserved = res.vector;
    const free = fleet.free;
    const reservedNow = this.metrics.reservedNow;
    const reservedMoment = this.metrics.reservedMoment;
    const now = this.now;
    for (let d = 0, k = res.vectorAt(r), f = inst * D; d < D; d++, k++, f++) {
      const v = vector[d] ?? 0;
      reserved[k] = v;
      // Most requests leave some dimensions at zero (io and net, often): nothing to move there.
      if (v === 0) continue;
      free[f] -= v;
      reservedNow[d] += v;
      reservedMoment[d] += v * now;
    }
    fleet.took(inst, reserved, res.vectorAt(r));
    fleet.resCount[inst]++;
    if (ints[at + R_TIER] === 2) pushLink(res.links, fleet.tier2Head, inst, r);
  }

  protected makeReservation(
    inst: number,
    vector: ArrayLike<number>,
    tier: number,
    expiry: number,
    overcommit: boolean,
  ): number {
    const fleet = this.fleet;
    if (!fleet.accepting(inst)) return -1;
    if (!overcommit && !fleet.fits(inst, vector)) {
      if (tier !== 1 || !this.reclaimFor(inst, vector)) return -1;
    }
    const res = this.reservations;
    const r = res.take();
    res.ints[res.at(r) + R_TIER] = tier;
    if (expiry !== Infinity) res.setExpiry(r, expiry);
    this.claim(r, inst, vector);
    if (expiry < Infinity) res.ints[res.at(r) + R_EXPIRY_EVENT] = this.schedule(expiry, RES_EXPIRY, r);
    return r;
  }

  /** Tier 1 may take capacity from tier-2 reservations (idle ones first, newest first). */
  private reclaimFor(inst: number, vector: ArrayLike<number>): boolean {
    const res = this.reservations;
    const D = this.D;
    const fleet = this.fleet;
    const need = new Float64Array(D);
    for (let d = 0; d < D; d++) need[d] = (vector[d] ?? 0) - fleet.free[inst * D + d];
    const candidates: number[] = [];
    for (let r = fleet.tier2Head[inst]; r >= 0; r = res.links[r * 2 + 1]) candidates.push(r);
    candidates.sort((a, b) => (res.ints[res.at(a) + R_ITEM] >= 0 ? 1 : 0) - (res.ints[res.at(b) + R_ITEM] >= 0 ? 1 : 0));
    const chosen: number[] = [];
    const gain = new Float64Array(D);
    const enough = (): boolean => {
      for (let d = 0; d < D; d++) if (gain[d] < need[d] - 1e-9) return false;
      return true;
    };
    for (const r of candidates) {
      if (enough()) break;
      chosen.push(r);
      for (let d = 0; d < D; d++) gain[d] += res.vector[res.vectorAt(r) + d];
    }
    if (!enough()) return false;
    for (const r of chosen) {
      const item = res.ints[res.at(r) + R_ITEM];
      if (item >= 0) this.failItem(item, PREEMPTED);
      if (res.ints[res.at(r) + R_ACTIVE]) this.dropReservation(r);
    }
    return true;
  }

  /** Returns a reservation's capacity to its instance. */
  protected dropReservation(r: number): void {
    const res = this.reservations;
    const ints = res.ints;
    const at = res.at(r);
    const fleet = this.fleet;
    const D = this.D;
    const inst = ints[at + R_INSTANCE];
    const ev = ints[at + R_EXPIRY_EVENT];
    if (ev >= 0) this.cancel(ev);
    ints[at + R_EXPIRY_EVENT] = -1;
    const vector = res.vector;
    const free = fleet.free;
    const reservedNow = this.metrics.reservedNow;
    const reservedMoment = this.metrics.reservedMoment;
    const now = this.now;
    for (let d = 0, k = res.vectorAt(r), f = inst * D; d < D; d++, k++, f++) {
      const v = vector[k];
      if (v === 0) continue;
      free[f] += v;
      reservedNow[d] -= v;
      reservedMoment[d] -= v * now;
    }
    fleet.freed(inst, vector, res.vectorAt(r));
    fleet.resCount[inst]--;
    if (ints[at + R_TIER] === 2) dropLink(res.links, fleet.tier2Head, inst, r);
    res.release(r);
  }

  /**
   * The active reservations on an instance, in reservation id order, into `into`: a pass over the
   * table (only tier-2 reservations are linked per instance; see Fleet.tier2Head).
   */
  reservationsOn(inst: number, into: number[]): number[] {
    into.length = 0;
    const res = this.reservations;
    if (this.fleet.resCount[inst] === 0) return into;
    for (let r = 0; r < res.capacity; r++) {
      const at = res.at(r);
      if (res.ints[at + R_ACTIVE] !== 0 && res.ints[at + R_INSTANCE] === inst) into.push(r);
    }
    return into;
  }

  /** Returns every reservation on an instance to it (it crashed or went away). */
  protected dropReservationsOn(inst: number): void {
    for (const r of this.reservationsOn(inst, [])) this.dropReservation(r);
  }

  /** Detaches an item from its reservation, releasing it if the item owned it. */
  private unbind(item: number): void {
    const items = this.items;
    const r = items.ints[item * ITEM_INTS + RESERVATION];
    if (r < 0) return;
    const res = this.reservations;
    res.ints[res.at(r) + R_ITEM] = -1;
    items.ints[item * ITEM_INTS + RESERVATION] = -1;
    if (res.ints[res.at(r) + R_OWNER_ITEM] === item) this.dropReservation(r);
  }

  private expire(r: number): void {
    const res = this.reservations;
    this.strategy.onReservationExpiry?.(r);
    if (!res.ints[res.at(r) + R_ACTIVE] || res.expiry(r) > this.now) return;
    const item = res.ints[res.at(r) + R_ITEM];
    const inst = res.ints[res.at(r) + R_INSTANCE];
    if (item >= 0) this.failItem(item, EXPIRED);
    if (res.ints[res.at(r) + R_ACTIVE]) this.dropReservation(r);
    this.checkDrained(inst);
  }

  // ---------------------------------------------------------------------------------------------
  // Instances

  protected addInstance(group: number, state: number): number {
    const fleet = this.fleet;
    const i = fleet.add(group, state, this.now);
    this.metrics.addCostRate(fleet.price[i] / 3600);
    this.bootImage[i] = undefined;
    this.nameIndex?.set(fleet.names[i], i);
    if (state === READY) this.becomeReady(i);
    return i;
  }

  private becomeReady(i: number): void {
    const fleet = this.fleet;
    const D = this.D;
    const m = this.metrics;
    fleet.state[i] = READY;
    m.readyInstances++;
    m.addCapacity(fleet.capacity, i * D, 1);
    this.scheduleCrash(i);
  }

  private leaveCapacity(i: number): void {
    const fleet = this.fleet;
    const D = this.D;
    const m = this.metrics;
    m.readyInstances--;
    m.addCapacity(fleet.capacity, i * D, -1);
  }

  private scheduleCrash(i: number): void {
    const mtbf = this.faults.instanceMtbf ?? 0;
    if (!(mtbf > 0)) return;
    // Each instance has its own crash stream, so crashes do not depend on what strategies do.
    const rng = (this.crashRng[i] ??= this.streams.stream(`crash/${i}`));
    this.fleet.lifeEvent[i] = this.schedule(this.now + exponential(rng, mtbf), INSTANCE_CRASH, i);
  }

  private instanceUp(i: number): void {
    const fleet = this.fleet;
    if (fleet.state[i] === PROVISIONING) {
      fleet.state[i] = BOOTING;
      const g = fleet.groups[fleet.group[i]];
      const image = this.bootImage[i];
      const cached = image === undefined || fleet.images[i].has(image);
      if (image !== undefined) fleet.images[i].add(image);
      fleet.lifeEvent[i] = this.schedule(this.now + (cached ? g.bootCached : g.bootUncached), INSTANCE_UP, i);
      return;
    }
    if (fleet.state[i] !== BOOTING) return;
    this.becomeReady(i);
    // Start what was placed on it while it came up.
    let j = fleet.waitHead[i];
    while (j >= 0) {
      const next = this.items.links[j * 2 + 1];
      this.unlink(j, fleet.waitHead, i);
      this.startItem(j);
      j = next;
    }
    this.strategy.onInstanceReady?.(i);
  }

  private crash(i: number): void {
    const fleet = this.fleet;
    const state = fleet.state[i];
    if (state === GONE || state === INSTANCE_FAILED) return;
    this.listRunning(i);
    for (let j = fleet.runHead[i]; j >= 0; j = fleet.runHead[i]) this.failItem(j, INSTANCE_FAILURE);
    for (let j = fleet.waitHead[i]; j >= 0; j = fleet.waitHead[i]) this.failItem(j, INSTANCE_FAILURE);
    this.dropReservationsOn(i);
    if (state === READY || state === DRAINING) this.leaveCapacity(i);
    fleet.state[i] = INSTANCE_FAILED;
    fleet.touched(i);
    fleet.lifeEvent[i] = this.schedule(this.now + (this.faults.repairTime ?? 0), INSTANCE_REPAIR, i);
    this.strategy.onInstanceFailed?.(i);
  }

  private repair(i: number): void {
    const fleet = this.fleet;
    fleet.state[i] = BOOTING;
    fleet.touched(i);
    const g = fleet.groups[fleet.group[i]];
    fleet.lifeEvent[i] = this.schedule(this.now + g.bootCached, INSTANCE_UP, i);
  }

  /** A draining instance leaves once nothing runs or is reserved on it. */
  protected checkDrained(i: number): void {
    const fleet = this.fleet;
    if (i < 0 || fleet.state[i] !== DRAINING) return;
    if (fleet.runCount[i] > 0 || fleet.waitHead[i] >= 0 || fleet.resCount[i] > 0) return;
    this.leaveCapacity(i);
    fleet.state[i] = GONE;
    fleet.touched(i);
    this.metrics.addCostRate(-fleet.price[i] / 3600);
    if (fleet.lifeEvent[i] >= 0) this.cancel(fleet.lifeEvent[i]);
    fleet.lifeEvent[i] = -1;
  }

}
