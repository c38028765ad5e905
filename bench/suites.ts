/**
 * The benchmark suites (tinybench): kernel events/s on fleet-ff next to the hand-written loop and
 * on the contended fleet SimGrid checked (every instance over-committed at times), placement
 * decisions/s for every placer at 1k, 10k and 100k instances next to the linear scans,
 * and the sharing solver with 1, 8 and 64 stages on an instance. Each figure is reported with its
 * ratio to the calibration task measured in the same process.
 */
import { existsSync } from 'node:fs';
import { Bench } from 'tinybench';
import { ContentionSolver } from '../sim/contention.js';
import { balancedAllocationPlacer } from '../strategies/balanced-allocation.js';
import { indexedBestFitPlacer, linearBestFitPlacer } from '../strategies/best-fit.js';
import { indexedFirstFitPlacer, linearFirstFitPlacer } from '../strategies/first-fit.js';
import { leastAllocatedPlacer } from '../strategies/least-allocated.js';
import { mostAllocatedPlacer } from '../strategies/most-allocated.js';
import type { Placer } from '../strategies/placer.js';
import { calibrationTask } from './calibration.js';
import { FLEET_CONTENDED_FILE, fleetContended } from './fleet-contended.js';
import { fleetFf } from './fleet-ff.js';
import { runFleetFfReference } from './fleet-ff-reference.js';
import { placementFixture } from './fleet-state.js';

export interface SuiteResult {
  name: string;
  /** Operations per second, in `unit`. */
  rate: number;
  unit: string;
  /** rate / calibration rate (calibration runs per second). */
  ratio: number;
}

export interface BenchOptions {
  /** Runs only the suites whose name matches. */
  filter?: RegExp;
  /** Fleet sizes for the placement suites. */
  sizes?: number[];
  /** Replaces a placer (tests use it to plant a slow one). */
  wrapPlacer?: (suite: string, placer: Placer) => Placer;
  /** Milliseconds per measurement round of a suite (five rounds each). */
  time?: number;
  /** Prints each suite as it finishes. */
  log?: (line: string) => void;
}

export interface BenchReport {
  calibration: number;
  results: SuiteResult[];
}

/** Placers benchmarked, with the linear scans the indexed ones must beat. */
export const PLACERS: readonly [string, Placer][] = [
  ['first-fit', indexedFirstFitPlacer],
  ['first-fit-linear', linearFirstFitPlacer],
  ['best-fit', indexedBestFitPlacer],
  ['best-fit-linear', linearBestFitPlacer],
  ['least-allocated', leastAllocatedPlacer],
  ['most-allocated', mostAllocatedPlacer],
  ['balanced-allocation', balancedAllocationPlacer],
];

const FLEET_FF_HOSTS = 1000;
const FLEET_FF_JOBS = 200_000;

async function measure(name: string, fn: () => unknown, time: number, iterations?: number): Promise<number> {
  const bench = new Bench({ time: iterations ? 0 : time, iterations: iterations ?? 2, warmupIterations: 2, warmupTime: 0 });
  bench.add(name, fn);
  await bench.run();
  const r = bench.tasks[0].result;
  if (r.state !== 'completed') throw new Error(`bench ${name}: ${r.state === 'errored' ? r.error.message : r.state}`);
  // Median throughput: robust to the odd slow sample on a shared machine.
  return r.throughput.p50;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};

/**
 * Rate and ratio of a suite: ROUNDS rounds of (calibration, suite) back to back, the ratio taken
 * within each round and the median kept — drift on a shared machine hits both halves of a round.
 */
async function measureRatio(
  name: string,
  fn: () => unknown,
  opsPerCall: number,
  time: number,
  iterations?: number,
): Promise<{ rate: number; ratio: number; calibration: number }> {
  const rates: number[] = [];
  const ratios: number[] = [];
  const calibrations: number[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    const cal = await measure('calibration', calibrationTask, time / 2);
    const rate = (await measure(name, fn, time, iterations)) * opsPerCall;
    calibrations.push(cal);
    rates.push(rate);
    ratios.push(rate / cal);
  }
  return { rate: median(rates), ratio: median(ratios), calibration: median(calibrations) };
}

const ROUNDS = 5;

export async function runBench(options: BenchOptions = {}): Promise<BenchReport> {
  const time = options.time ?? 60;
  const wanted = (name: string) => options.filter === undefined || options.filter.test(name);
  const log = options.log ?? (() => {});
  const results: SuiteResult[] = [];
  const calibrations: number[] = [];
  const add = (name: string, m: { rate: number; ratio: number; calibration: number }, unit: string) => {
    results.push({ name, rate: m.rate, unit, ratio: m.ratio });
    calibrations.push(m.calibration);
    log(`${name.padEnd(40)} ${format(m.rate).padStart(10)} ${unit.padEnd(12)} ratio ${m.ratio.toPrecision(4)}`);
  };

  if (wanted('kernel.fleet-ff') || wanted('reference.fleet-ff')) {
    const simulation = await fleetFf(FLEET_FF_HOSTS, FLEET_FF_JOBS);
    const events = 2 * FLEET_FF_JOBS;
    if (wanted('kernel.fleet-ff')) {
      const run = async () => {
        await simulation().run();
      };
      add('kernel.fleet-ff', await measureRatio('kernel', run, events, time, 1), 'events/s');
    }
    if (wanted('reference.fleet-ff')) {
      const run = () => runFleetFfReference(FLEET_FF_HOSTS, FLEET_FF_JOBS, 1);
      add('reference.fleet-ff', await measureRatio('reference', run, events, time, 1), 'events/s');
    }
  }

  if (wanted('kernel.fleet-contended') && !existsSync(FLEET_CONTENDED_FILE)) {
    log(`kernel.fleet-contended: skipped, ${FLEET_CONTENDED_FILE} not found (../shared beside the package)`);
  } else if (wanted('kernel.fleet-contended')) {
    const { jobs, simulation } = await fleetContended();
    const run = async () => {
      await simulation().run();
    };
    // Ten runs of ~25 ms per round: a median over a handful of short runs moved by a fifth.
    add('kernel.fleet-contended', await measureRatio('kernel.fleet-contended', run, 2 * jobs, time, 10), 'events/s');
  }

  for (const n of options.sizes ?? [1000, 10_000, 100_000]) {
    const label = n >= 1000 ? `${n / 1000}k` : String(n);
    const names = PLACERS.map(([p]) => `placement.${p}.${label}`);
    if (!names.some(wanted)) continue;
    const { sim, requests, items } = placementFixture(n);
    for (const [p, base] of PLACERS) {
      const name = `placement.${p}.${label}`;
      if (!wanted(name)) continue;
      const placer = options.wrapPlacer ? options.wrapPlacer(name, base) : base;
      let sink = 0;
      const decide = () => {
        for (let k = 0; k < requests.length; k++) sink += placer.choose(sim, items[k], requests[k]);
      };
      add(name, await measureRatio(name, decide, requests.length, time), 'decisions/s');
      if (sink === 0.5) log('');
    }
  }

  for (const k of [1, 8, 64]) {
    const name = `contention.${k}-stages`;
    if (!wanted(name)) continue;
    const solver = new ContentionSolver();
    const S = 3;
    solver.reserve(k, S);
    for (let j = 0; j < k; j++) {
      // Over-subscribed on every dimension, with unequal weights: the solver's full path.
      for (let s = 0; s < S; s++) {
        solver.demand[j * S + s] = 1 + ((j * 7 + s * 3) % 5);
        solver.weight[j * S + s] = 1 + ((j * 5 + s) % 4);
      }
    }
    const capacity = Float64Array.from([k * 1.5, k * 2, k * 1.2]);
    // Batched so that one timed call lasts tens of microseconds, far above the timer's noise.
    const batch = Math.max(1, Math.round(640 / k));
    const solve = () => {
      for (let b = 0; b < batch; b++) solver.solve(k, S, capacity);
    };
    add(name, await measureRatio(name, solve, batch, time), 'solves/s');
  }

  return { calibration: median(calibrations), results };
}

export function format(x: number): string {
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return x.toFixed(1);
}
