/**
 * A placer picks an instance for an item (the "filter and score" part of a strategy, as in the
 * Kubernetes scheduling framework). Every placer here shares the same filter: the instance accepts
 * placements, its labels satisfy the item's constraints and the request fits in its unreserved
 * capacity.
 */
import * as apiConstants from '../sim/api.js';
import type { SimulationApi } from '../sim/api.js';
import { labelsSatisfy } from '../sim/fleet.js';

// Copied in as module constants, which V8 folds into optimized code (an imported binding it reads
// through a module cell at every use: see kernel.ts).
const { READY } = apiConstants;

/**
 * Fleets from this size on use the kernel's free-capacity index; below it a plain scan is as fast
 * and keeps the index's upkeep off the hot path (measured with `fleetlab bench`).
 */
export const INDEX_FROM = 2048;

/** Slack under which a request still counts as fitting, as the kernel's own check. */
export const FIT_EPSILON = 1e-9;

export interface Placer {
  readonly name: string;
  /** The chosen instance for `request` (D values), or -1 when none fits now. */
  choose(sim: SimulationApi, item: number, request: Float64Array): number;
}

/** Whether instance i passes the filter for `request` (D values). */
export function feasible(sim: SimulationApi, i: number, item: number, request: Float64Array): boolean {
  const f = sim.fleet;
  if (f.state[i] > READY) return false;
  const D = f.D;
  const free = f.free;
  const base = i * D;
  for (let d = 0; d < D; d++) if (request[d] > free[base + d] + FIT_EPSILON) return false;
  const needs = sim.constraints(item);
  return needs === undefined || f.matches(i, needs);
}

/**
 * Whether an instance of some group (other than `except`) could hold `request` once empty, with
 * the labels the item needs: an item for which this is false can never run and is rejected.
 */
export function couldEverFit(sim: SimulationApi, item: number, request: ArrayLike<number>, except = -1): boolean {
  const needs = sim.constraints(item);
  return sim.fleet.groups.some((g, k) => {
    if (k === except) return false;
    for (let d = 0; d < request.length; d++) if (request[d] > g.capacity[d] + FIT_EPSILON) return false;
    return labelsSatisfy(g.labels, needs);
  });
}

/**
 * A placer that scores every feasible instance and takes the highest score (the lowest index on
 * ties, so decisions are reproducible).
 */
export function scoringPlacer(
  name: string,
  score: (capacity: Float64Array, free: Float64Array, base: number, request: Float64Array) => number,
): Placer {
  return {
    name,
    choose(sim, item, request) {
      const f = sim.fleet;
      let best = -1;
      let bestScore = -Infinity;
      for (let i = 0; i < f.count; i++) {
        if (!feasible(sim, i, item, request)) continue;
        const s = score(f.capacity, f.free, i * f.D, request);
        if (s > bestScore) {
          bestScore = s;
          best = i;
        }
      }
      return best;
    },
  };
}

/** Fraction of dimension d of the instance at `base` that is reserved once `request` is added. */
export function allocatedAfter(
  capacity: Float64Array,
  free: Float64Array,
  base: number,
  request: Float64Array,
  d: number,
): number {
  const cap = capacity[base + d];
  if (!(cap > 0)) return 0;
  return (cap - free[base + d] + request[d]) / cap;
}
