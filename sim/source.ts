/**
 * Where work items come from: synthetic generators, explicit lists and trace importers all
 * implement `WorkloadSource`, and submit items through the kernel's `ItemSink` in arrival order.
 * Sources are pulled in batches, so a recorded trace is read as the simulation advances, never
 * whole.
 */
import type { ItemMeta } from './items.js';
import type { Dimensions } from './resources.js';
import type { RandomStreams } from './random.js';

export interface ItemSink {
  readonly dims: Dimensions;
  readonly streams: RandomStreams;
  /** Probability that a stage fails (from the scenario's faults); sources draw `failDraw` against it. */
  readonly stageFailure: number;
  /** Starts an item of `kind` (index in ITEM_KINDS) arriving at `at`; returns its slot. */
  begin(kind: number, at: number): number;
  /** Sets the item's declared request of dimension `d`. */
  declare(item: number, d: number, value: number): void;
  /** Appends a stage of `duration` seconds at full speed; returns the stage id. */
  stage(item: number, duration: number): number;
  /** Sets a stage's true demand of dimension `d`. */
  demand(stage: number, d: number, value: number): void;
  /** Sets a stage's draw in [0, 1): the stage fails when it is below `stageFailure`. */
  failDraw(stage: number, u: number): void;
  /**
   * Makes a stage pull an image: it lasts its duration where the instance has the image cached,
   * `uncachedDuration` where not (and the instance caches it from then on).
   */
  pullImage(stage: number, image: string, uncachedDuration: number): void;
  /** The item is ready (for time-to-ready) once its first `stages` stages have ended. */
  readyAfter(item: number, stages: number): void;
  /** Adds a rollback stage, run if the item fails after it started. */
  rollback(item: number, duration: number): number;
  describe(item: number, meta: ItemMeta): void;
  constrain(item: number, labels: Readonly<Record<string, string>>): void;
  /** Longest wait before the item starts; past it, it fails with `timeout`. */
  timeout(item: number, seconds: number): void;
  setPriority(item: number, value: number): void;
  /** Submits the item, named by its index `local` within the source. */
  commit(item: number, local: number): void;
}

export interface WorkloadSource {
  readonly name: string;
  /**
   * Submits up to `max` more items, in non-decreasing arrival order; resolves to false once the
   * source is exhausted.
   */
  fill(sink: ItemSink, max: number): boolean | Promise<boolean>;
  /** The id of the item with index `local` in this source (for items.csv). */
  idOf(local: number): string;
  /** Rows skipped as malformed, for sources that read files (reported in the summary). */
  readonly skipped?: number;
  /** Applications this source can install in a sandbox (seed 003's shadow runs). */
  applications?(): readonly string[];
  /**
   * Builds (without committing) one install of `application` starting at `at`, drawn from streams
   * of the source's own reserved for shadow runs, so the workload it submits is unchanged.
   */
  shadow?(application: string, sink: ItemSink, at: number): number;
  /** Releases files the source holds open. */
  close?(): void | Promise<void>;
}
