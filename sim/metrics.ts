/**
 * Running totals for DESIGN §4's metrics. Levels (what is used, reserved, up, running, waiting
 * now) change at events; their areas (level × seconds) make utilisation, allocation, slack and
 * waste exact time averages, not samples.
 *
 * Used, reserved and reserved-used change at most events, so their areas are not integrated event
 * by event: whoever changes one of those levels by δ at time t also adds δ·t to its moment
 * (`usedMoment`...), and the area at time T is level(T)·T − moment (each change δ at t adds
 * δ·(T − t) to the area). Nothing is done for the events in between; `settle` computes the areas.
 * Capacity and the cost rate change only when instances come and go: their areas grow at those
 * changes (`addCapacity`, `addCostRate`) and are completed by `settle` too.
 */
import { CAUSES } from './api.js';

export class MetricAccumulator {
  readonly D: number;
  time = 0;
  usedNow: Float64Array;
  reservedNow: Float64Array;
  /** Changed through `addCapacity` only (its area grows at each change). */
  capacityNow: Float64Array;
  /** Σ over reservations of min(reserved, used by its item), per dimension. */
  reservedUsedNow: Float64Array;
  /** Σ δ·t over the changes δ of the level at times t (see above): change them together. */
  usedMoment: Float64Array;
  reservedMoment: Float64Array;
  reservedUsedMoment: Float64Array;
  /** Complete up to `settle`. */
  usedArea: Float64Array;
  reservedArea: Float64Array;
  capacityArea: Float64Array;
  reservedUsedArea: Float64Array;
  /** Complete up to `settle`, as `capacityArea` is. */
  cost = 0;
  running = 0;
  waiting = 0;
  readyInstances = 0;
  completed = 0;
  failed = 0;
  rejected = 0;
  failedBy = new Float64Array(CAUSES.length);
  deferrals = 0;
  retries = 0;
  rollbacks = 0;
  decisions = 0;
  events = 0;
  /** Prediction error of the allocation against the true peak, over completed items. */
  predictionAbsError = 0;
  predictionCount = 0;
  underPredicted = 0;
  predictedItems = 0;
  /** Σ price per second of the instances that exist (any state but gone). */
  private costRate = 0;
  /** When capacity and the cost rate last changed: their areas are complete up to then. */
  private capacitySince = 0;
  private costSince = 0;

  constructor(D: number) {
    this.D = D;
    this.usedNow = new Float64Array(D);
    this.reservedNow = new Float64Array(D);
    this.capacityNow = new Float64Array(D);
    this.reservedUsedNow = new Float64Array(D);
    this.usedMoment = new Float64Array(D);
    this.reservedMoment = new Float64Array(D);
    this.reservedUsedMoment = new Float64Array(D);
    this.usedArea = new Float64Array(D);
    this.reservedArea = new Float64Array(D);
    this.capacityArea = new Float64Array(D);
    this.reservedUsedArea = new Float64Array(D);
  }

  /** Moves the clock to `t` (the time level changes are counted at). */
  advance(t: number): void {
    if (t > this.time) this.time = t;
  }

  /** Capacity changes by `sign` × the D values of `vector` from `at` (an instance comes or goes). */
  addCapacity(vector: Float64Array, at: number, sign: number): void {
    this.settleCapacity();
    for (let d = 0; d < this.D; d++) this.capacityNow[d] += sign * vector[at + d];
  }

  addCostRate(delta: number): void {
    this.settleCost();
    this.costRate += delta;
  }

  /** Completes the capacity and cost areas up to now (before they are read). */
  settle(): void {
    this.settleCapacity();
    this.settleCost();
    const T = this.time;
    for (let d = 0; d < this.D; d++) {
      this.usedArea[d] = this.usedNow[d] * T - this.usedMoment[d];
      this.reservedArea[d] = this.reservedNow[d] * T - this.reservedMoment[d];
      this.reservedUsedArea[d] = this.reservedUsedNow[d] * T - this.reservedUsedMoment[d];
    }
  }

  private settleCapacity(): void {
    const dt = this.time - this.capacitySince;
    if (dt <= 0) return;
    this.capacitySince = this.time;
    for (let d = 0; d < this.D; d++) this.capacityArea[d] += this.capacityNow[d] * dt;
  }

  private settleCost(): void {
    this.cost += this.costRate * (this.time - this.costSince);
    this.costSince = this.time;
  }
}
