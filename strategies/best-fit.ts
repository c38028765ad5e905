/**
 * best-fit — reactive baseline: the declared request on the instance it leaves with the least
 * unreserved capacity, summed over cpu and mem as fractions of capacity (vector best-fit), the
 * lowest index on ties. Large fleets use the kernel's free-capacity index (branch and bound), small
 * ones the plain scan; both give the same answers.
 */
import { INDEX_FROM, feasible, type Placer } from './placer.js';
import { reactive } from './reactive.js';

/** Scores every feasible instance. */
export const linearBestFitPlacer: Placer = {
  name: 'best-fit (linear scan)',
  choose(sim, item, request) {
    const f = sim.fleet;
    let best = -1;
    let bestLeft = Infinity;
    for (let i = 0; i < f.count; i++) {
      if (!feasible(sim, i, item, request)) continue;
      const left = f.leftAfter(i, request);
      if (left < bestLeft) {
        bestLeft = left;
        best = i;
      }
    }
    return best;
  },
};

export const indexedBestFitPlacer: Placer = {
  name: 'best-fit (indexed)',
  choose(sim, item, request) {
    return sim.fleet.bestFit(request, sim.constraints(item));
  },
};

export const bestFitPlacer: Placer = {
  name: 'best-fit',
  choose(sim, item, request) {
    return (sim.fleet.count >= INDEX_FROM ? indexedBestFitPlacer : linearBestFitPlacer).choose(sim, item, request);
  },
};

export const create = () => reactive('best-fit', bestFitPlacer);
