/**
 * Running totals for DESIGN §4's metrics. Levels (what is used, reserved, up, running, waiting
 * now) change at events; `advance` integrates them over the time since the last event, so
 * utilisation, allocation, slack and waste are exact time averages, not samples.
 */
import { CAUSES } from './api.js';

export class MetricAccumulator {
  readonly D: number;
  time = 0;
  usedNow: Float64Array;
  reservedNow: Float64Array;
  capacityNow: Float64Array;
  /** Σ over reservations of min(reserved, used by its item), per dimension. */
  reservedUsedNow: Float64Array;
  usedArea: Float64Array;
  reservedArea: Float64Array;
  capacityArea: Float64Array;
  reservedUsedArea: Float64Array;
  /** Σ price per second of the instances that exist (any state but gone). */
  costRate = 0;
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

  constructor(D: number) {
    this.D = D;
    this.usedNow = new Float64Array(D);
    this.reservedNow = new Float64Array(D);
    this.capacityNow = new Float64Array(D);
    this.reservedUsedNow = new Float64Array(D);
    this.usedArea = new Float64Array(D);
    this.reservedArea = new Float64Array(D);
    this.capacityArea = new Float64Array(D);
    this.reservedUsedArea = new Float64Array(D);
  }

  /** Integrates every level from the last event's time up to `t`. */
  advance(t: number): void {
    const dt = t - this.time;
    if (dt <= 0) return;
    this.time = t;
    const { usedNow, reservedNow, capacityNow, reservedUsedNow } = this;
    const { usedArea, reservedArea, capacityArea, reservedUsedArea } = this;
    // A level at zero adds nothing: skipping it saves two of its three array accesses (dimensions
    // a scenario does not use stay at zero all run).
    for (let d = 0; d < this.D; d++) {
      const used = usedNow[d];
      if (used !== 0) usedArea[d] += used * dt;
      const reserved = reservedNow[d];
      if (reserved !== 0) reservedArea[d] += reserved * dt;
      const capacity = capacityNow[d];
      if (capacity !== 0) capacityArea[d] += capacity * dt;
      const reservedUsed = reservedUsedNow[d];
      if (reservedUsed !== 0) reservedUsedArea[d] += reservedUsed * dt;
    }
    this.cost += this.costRate * dt;
  }
}
