/**
 * The kernel's public vocabulary: item kinds, outcomes, failure causes, instance states, the hooks a
 * strategy implements (`Strategy`) and everything it may see and do (`SimulationApi`, `FleetView`).
 * Strategies import from here only; nothing else of the kernel is theirs to touch.
 */
import type { InstanceGroup } from './fleet.js';
import type { ItemMeta } from './items.js';
import type { RandomStreams, Rng } from './random.js';
import type { Dimensions } from './resources.js';

export const ITEM_KINDS = ['job', 'install', 'update', 'instance'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const OUTCOMES = ['completed', 'failed', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const COMPLETED = 0;
export const FAILED = 1;
export const REJECTED = 2;

/**
 * Why an item failed. `timeout` also covers items still unfinished when the scenario's duration
 * ends; `preempted` is a tier-2 reservation reclaimed for tier 1.
 */
export const CAUSES = [
  '',
  'oom',
  'timeout',
  'expired',
  'instanceFailure',
  'rejected',
  'stageFailure',
  'preempted',
] as const;
export type Cause = Exclude<(typeof CAUSES)[number], ''>;
export const NO_CAUSE = 0;
export const OOM = 1;
export const TIMEOUT = 2;
export const EXPIRED = 3;
export const INSTANCE_FAILURE = 4;
export const REJECTED_CAUSE = 5;
export const STAGE_FAILURE = 6;
export const PREEMPTED = 7;

export const INSTANCE_STATES = ['provisioning', 'booting', 'ready', 'draining', 'gone', 'failed'] as const;
export const PROVISIONING = 0;
export const BOOTING = 1;
export const READY = 2;
export const DRAINING = 3;
export const GONE = 4;
export const INSTANCE_FAILED = 5;

/**
 * Instances per block of the fleet's free-capacity summary (`FleetView.blockFree`), a power of two:
 * instance i is in block i >> SCAN_BLOCK_BITS.
 */
export const SCAN_BLOCK_BITS = 4;
export const SCAN_BLOCK = 1 << SCAN_BLOCK_BITS;
/** Instances per quarter of a block (`FleetView.quarterFree`): instance i is in quarter i >> SCAN_QUARTER_BITS. */
export const SCAN_QUARTER_BITS = 2;
export const SCAN_QUARTER = 1 << SCAN_QUARTER_BITS;

/** Reservation tiers (seed 002): 1 guaranteed, never reclaimed; 2 reclaimable by tier 1; 3 on demand. */
export type Tier = 1 | 2 | 3;

/** What monitoring reports when a stage ends: its true use, learnt only after the fact. */
export interface StageObservation {
  /** Index of the stage within its item (0-based). */
  stage: number;
  /** True demand per dimension (indexed like the scenario's dimensions). */
  demand: Float64Array;
  /** Its length at full speed, seconds. */
  duration: number;
  /** Wall-clock (simulated) seconds it actually took. */
  elapsed: number;
  instance: number;
}

/**
 * The hooks the kernel calls. Every hook receives item and instance ids (integers); a strategy
 * acts only by calling the `SimulationApi` it was given in `init`. Handles are valid until the
 * item's `onItemEnd` returns.
 */
export interface Strategy {
  readonly name: string;
  /** Called once before the first event. */
  init(sim: SimulationApi): void;
  /** An item arrived, or a deferred item came back: place, queue, defer or reject it. */
  onArrival(item: number): void;
  /** An item ended (completed, failed or rejected) and its capacity is free again. */
  onItemEnd?(item: number, outcome: number, cause: number): void;
  /**
   * An item is failing (`cause` from CAUSES). The strategy may call `retry` or `defer` here;
   * otherwise the item ends as failed when the hook returns.
   */
  onFailure?(item: number, cause: number): void;
  /** Monitoring: one stage of an item finished. */
  onStageEnd?(item: number, observation: StageObservation): void;
  /** A reservation reaches its expiry; `extend` here keeps it. */
  onReservationExpiry?(reservation: number): void;
  onInstanceReady?(instance: number): void;
  onInstanceFailed?(instance: number): void;
  /** Periodic call every `tickInterval` simulated seconds (if set). */
  readonly tickInterval?: number;
  onTick?(now: number): void;
  /** A timer set with `SimulationApi.setTimer` fired. */
  onTimer?(token: number): void;
  /** Counters of the strategy's own (alerts raised, splits made...), reported in the summary. */
  stats?(): Record<string, number>;
}

export interface PlaceOptions {
  tier?: Tier;
  /** Absolute time at which the reservation expires (and its item fails with `expired`). */
  expiry?: number;
  /** Allow the reservation to exceed the free capacity (pinned replays, validation). */
  overcommit?: boolean;
}

export interface ReserveOptions {
  tier?: Tier;
  expiry?: number;
  /** A strategy-chosen number to recognise the reservation by (a pool, an application). */
  tag?: number;
  overcommit?: boolean;
}

/** Read-only view of the fleet for strategies. Re-read the arrays at each decision: they grow. */
export interface FleetView {
  readonly D: number;
  readonly count: number;
  readonly capacity: Float64Array;
  readonly free: Float64Array;
  /** Per block of SCAN_BLOCK instances (D-strided): the largest free capacity of an accepting one. */
  readonly blockFree: Float64Array;
  /** The same per quarter of a block (SCAN_QUARTER instances), read after `blockFree`. */
  readonly quarterFree: Float64Array;
  readonly used: Float64Array;
  readonly state: Uint8Array;
  readonly price: Float64Array;
  readonly group: Int32Array;
  readonly runCount: Int32Array;
  /** Active reservations on each instance (whether one holds any, without listing them). */
  readonly resCount: Int32Array;
  readonly names: readonly string[];
  readonly labels: readonly Readonly<Record<string, string>>[];
  readonly images: readonly ReadonlySet<string>[];
  readonly groups: readonly InstanceGroup[];
  accepting(instance: number): boolean;
  fits(instance: number, request: ArrayLike<number>): boolean;
  /** The first accepting instance in index order where `request` fits (indexed), or -1. */
  firstFit(request: ArrayLike<number>, needs?: Readonly<Record<string, string>>): number;
  /** The feasible instance left with the least free cpu + mem (fractions), indexed, or -1. */
  bestFit(request: ArrayLike<number>, needs?: Readonly<Record<string, string>>): number;
  /** Σ over cpu and mem of (free − request) / capacity for instance i: what best-fit minimises. */
  leftAfter(i: number, request: ArrayLike<number>): number;
  matches(instance: number, needs: Readonly<Record<string, string>> | undefined): boolean;
}

/** Everything a strategy may see and do. */
export interface SimulationApi {
  readonly now: number;
  readonly dims: Dimensions;
  readonly fleet: FleetView;
  /** The strategy's own random stream. */
  readonly random: Rng;
  readonly streams: RandomStreams;
  /** Items currently waiting for a decision (arrived, not placed). */
  readonly waiting: number;
  /** The longest-waiting item, or -1: waiting items form a list in arrival order. */
  firstWaiting(): number;
  /** The waiting item after `item`, or -1. Read it before placing `item`: placing unlinks it. */
  nextWaiting(item: number): number;
  kind(item: number): number;
  arrival(item: number): number;
  declared(item: number, d: number): number;
  /** The item's declared request as a read-only view of D values (valid until the item ends). */
  declaredVector(item: number): Float64Array;
  meta(item: number): ItemMeta | undefined;
  constraints(item: number): Readonly<Record<string, string>> | undefined;
  attempts(item: number): number;
  priority(item: number): number;
  /** Number of stages and, for each, its full-speed duration: what a manifest tells in advance. */
  stageCount(item: number): number;
  /** Whether the item is still waiting for a decision. */
  isWaiting(item: number): boolean;
  instanceOf(item: number): number;
  reservationOf(item: number): number;
  /** The item's id as in items.csv. */
  idOf(item: number): string;
  /** Instance id by name, or -1. */
  instanceByName(name: string): number;
  /** Places a waiting item on an instance with a reservation of `request` (default: declared). */
  place(item: number, instance: number, request?: ArrayLike<number>, options?: PlaceOptions): boolean;
  /** Reserves capacity for later use; returns the reservation id or -1 if it does not fit. */
  reserve(instance: number, vector: ArrayLike<number>, options?: ReserveOptions): number;
  /** Places a waiting item into a reservation made earlier (one item at a time). */
  placeInto(item: number, reservation: number): boolean;
  release(reservation: number): void;
  extend(reservation: number, expiry: number): void;
  reservationInstance(reservation: number): number;
  reservationTier(reservation: number): number;
  reservationTag(reservation: number): number;
  reservationItem(reservation: number): number;
  reservationVector(reservation: number): Float64Array;
  /**
   * Active reservations on an instance, in id order: a pass over every reservation in the system,
   * so read `fleet.resCount` to know only whether there are any.
   */
  reservationsOn(instance: number, into: number[]): number[];
  reject(item: number): void;
  /** Sends a waiting item away for `delay` seconds; it comes back through `onArrival`. */
  defer(item: number, delay: number): void;
  /** From `onFailure`: offers the item again (from its first stage) after `delay` seconds. */
  retry(item: number, delay?: number): void;
  /** Requests a new instance of a group; it boots with `image` (cached or not). */
  provision(group: number, image?: string): number;
  /** Stops placements on an instance; it leaves the fleet once empty. */
  drain(instance: number): void;
  setTimer(delay: number, token: number): void;
  /** True usage of dimension d by a running item now (what a container monitor reports). */
  usage(item: number, d: number): number;
  /**
   * Changes the reservation a placed item owns to `vector` (its weight under contention and its
   * protection from OOM). Shrinking always succeeds; growing only into free capacity.
   */
  resize(item: number, vector: ArrayLike<number>): boolean;
  /**
   * Applications the workload's sources can install in a sandbox (seed 003): the catalogue a
   * platform knows before anyone requests them.
   */
  shadowable(): readonly string[];
  /**
   * Starts a shadow run of `application` on `instance`: an install generated by its source from
   * streams of its own (the workload is unchanged), reserving `cap` and never using more of a
   * shared dimension than `cap` (a cgroup limit: it runs slower instead). Its use counts in
   * utilisation and on its instance's cost like any work, but it is not an item of the workload
   * (no outcome, not in items.csv). Monitoring reports its stages through `onStageEnd`, its end
   * through `onItemEnd`; a failed shadow run is not offered to `onFailure`. Returns its item id,
   * or -1 (unknown application, instance not accepting, cap does not fit).
   */
  shadow(application: string, instance: number, cap: ArrayLike<number>): number;
  /**
   * Pulls an image (or data set) onto an instance ahead of need (seed 004): a pull as the workload
   * runs it (its uncached duration and demand, learnt from the items submitted so far), reserved
   * and counted like any work. Returns its item id, -1 if the image was never seen or the pull does
   * not fit, or -2 if the instance has it already.
   */
  prefetch(instance: number, image: string): number;
  /** Whether an item is the strategy's own work (a shadow run or a prefetch). */
  isOwn(item: number): boolean;
  /** The images and data sets an item's stages pull, in stage order: what its manifest names. */
  pulls(item: number): string[];
}
