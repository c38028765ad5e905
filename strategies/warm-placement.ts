/** Placement that prefers instances which already hold an image (warm pools, seed 002). */
import { READY, type SimulationApi } from '../sim/api.js';
import { FIT_EPSILON } from './placer.js';

/** The first ready instance that has `image` cached and room for `request` (labels of `item`), or -1. */
export function feasibleCached(sim: SimulationApi, item: number, request: Float64Array, image: string): number {
  const f = sim.fleet;
  const needs = item >= 0 ? sim.constraints(item) : undefined;
  for (let i = 0; i < f.count; i++) {
    if (f.state[i] !== READY || !f.images[i].has(image)) continue;
    let fits = true;
    for (let d = 0; d < f.D; d++) if (request[d] > f.free[i * f.D + d] + FIT_EPSILON) fits = false;
    if (fits && (needs === undefined || f.matches(i, needs))) return i;
  }
  return -1;
}
