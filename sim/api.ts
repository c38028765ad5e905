/**
 * The kernel's public vocabulary: item kinds, outcomes, failure causes, instance states, and the
 * hooks a strategy implements. Strategies import from here and from `simulation.ts`'s
 * `SimulationApi`; nothing else of the kernel is theirs to touch.
 */

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
  init(sim: import('./simulation.js').SimulationApi): void;
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
