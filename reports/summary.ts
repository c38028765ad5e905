/**
 * The per-run summary record of DESIGN §5 (`summary.json` / `summary.csv`), computed from a
 * finished simulation.
 */
import { quantileSorted } from 'd3';
import { CAUSES } from '../sim/api.js';
import type { Simulation } from '../sim/simulation.js';

export interface Percentiles {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

export type PerDimension = Record<string, number>;

export interface RunSummary {
  scenario: string;
  strategy: string;
  seed: number;
  items: number;
  completed: number;
  failed: number;
  rejected: number;
  failedBy: Record<string, number>;
  successRate: number;
  /** Arrival until placed (reservation granted), over placed items, seconds. */
  wait: Percentiles;
  /**
   * Arrival until ready, over items that got there, seconds: until the first stage started, or for
   * items with setup stages (instance requests) until those ended.
   */
  timeToReady: Percentiles;
  makespan: number;
  /** Time-averaged used / capacity of the ready fleet, per dimension. */
  utilization: PerDimension;
  /** Time-averaged reserved / capacity, per dimension. */
  allocation: PerDimension;
  /** (reserved − used) / reserved, time-integrated, per dimension. */
  slack: PerDimension;
  /** Resource-hours reserved and not used, per dimension (core-hours, GiB-hours, ...). */
  reservationWaste: PerDimension;
  /** Instance-hours × price. */
  cost: number;
  /** Allocation against true peak usage (cpu, mem) over completed items. */
  predictionError: { mape: number; underPredictionRate: number };
  deferrals: number;
  retries: number;
  rollbacks: number;
  decisions: number;
  events: number;
  /** Malformed trace rows skipped (with skipBadRows); 0 otherwise. */
  skippedRows: number;
  /** The strategy's own counters (see Strategy.stats), empty for most. */
  strategyStats: Record<string, number>;
  wallSeconds: number;
  eventsPerSecond: number;
}

/** Fields that measure the machine, not the simulation: excluded when runs are compared byte for byte. */
export const TIMING_FIELDS = ['wallSeconds', 'eventsPerSecond'] as const;

/**
 * One walk over the outcome log: the items that ended, the last end time, and the sorted waits and
 * times to ready (what the summary's percentiles and a comparison's CDFs are read from).
 */
export interface OutcomeSamples {
  items: number;
  makespan: number;
  /** Arrival until placed, sorted. */
  waits: Float64Array;
  /** Arrival until ready, sorted. */
  ready: Float64Array;
}

export function outcomeSamples(sim: Simulation): OutcomeSamples {
  const log = sim.outcomes;
  const waits: number[] = [];
  const ready: number[] = [];
  let makespan = 0;
  let items = 0;
  for (let o = 0; o < log.count; o++) {
    if (log.ended(o) !== 1) continue;
    items++;
    const a = log.arrival(o);
    const placed = log.placed(o);
    const started = log.ready(o);
    if (placed === placed) waits.push(placed - a);
    if (started === started) ready.push(started - a);
    if (log.endTime(o) > makespan) makespan = log.endTime(o);
  }
  // A typed array sorts numerically and fast.
  return { items, makespan, waits: Float64Array.from(waits).sort(), ready: Float64Array.from(ready).sort() };
}

export function summarize(
  sim: Simulation,
  scenario: string,
  strategy: string,
  seed: number,
  wallSeconds: number,
  samples: OutcomeSamples = outcomeSamples(sim),
): RunSummary {
  const m = sim.metrics;
  const { items, makespan } = samples;
  const failedBy: Record<string, number> = {};
  for (let c = 1; c < CAUSES.length; c++) failedBy[CAUSES[c]] = m.failedBy[c];
  const perDim = (f: (d: number) => number): PerDimension =>
    Object.fromEntries(sim.dims.names.map((name, d) => [name, f(d)]));
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  return {
    scenario,
    strategy,
    seed,
    items,
    completed: m.completed,
    failed: m.failed,
    rejected: m.rejected,
    failedBy,
    successRate: ratio(m.completed, items),
    wait: percentiles(samples.waits),
    timeToReady: percentiles(samples.ready),
    makespan,
    utilization: perDim((d) => ratio(m.usedArea[d], m.capacityArea[d])),
    allocation: perDim((d) => ratio(m.reservedArea[d], m.capacityArea[d])),
    slack: perDim((d) => ratio(m.reservedArea[d] - m.reservedUsedArea[d], m.reservedArea[d])),
    reservationWaste: perDim((d) => Math.max(0, m.reservedArea[d] - m.reservedUsedArea[d]) / 3600),
    cost: m.cost,
    predictionError: {
      mape: ratio(m.predictionAbsError, m.predictionCount),
      underPredictionRate: ratio(m.underPredicted, m.predictedItems),
    },
    deferrals: m.deferrals,
    retries: m.retries,
    rollbacks: m.rollbacks,
    decisions: m.decisions,
    events: m.events,
    skippedRows: sim.sources.reduce((n, s) => n + (s.skipped ?? 0), 0),
    strategyStats: sim.strategy.stats?.() ?? {},
    wallSeconds,
    eventsPerSecond: ratio(m.events, wallSeconds),
  };
}

/** Mean and percentiles of sorted values. */
export function percentiles(sorted: Float64Array): Percentiles {
  if (sorted.length === 0) return { mean: 0, p50: 0, p95: 0, p99: 0 };
  // d3 reads any array-like.
  const values = sorted as unknown as number[];
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    mean: sum / sorted.length,
    p50: quantileSorted(values, 0.5) ?? 0,
    p95: quantileSorted(values, 0.95) ?? 0,
    p99: quantileSorted(values, 0.99) ?? 0,
  };
}

/** Flattens a summary to dotted columns (`wait.p95`, `utilization.cpu`) for CSV. */
export function flatten(record: object, prefix = '', out: Record<string, number | string> = {}): Record<string, number | string> {
  for (const [k, v] of Object.entries(record)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null) flatten(v, key, out);
    else out[key] = v as number | string;
  }
  return out;
}
