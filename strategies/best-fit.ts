/**
 * best-fit — reactive baseline: the declared request on the instance it leaves with the least
 * unreserved capacity, summed over cpu and mem as fractions of capacity (vector best-fit).
 */
import { scoringPlacer } from './placer.js';
import { reactive } from './reactive.js';

export const bestFitPlacer = scoringPlacer('best-fit', (capacity, free, base, request) => {
  let left = 0;
  for (let d = 0; d < 2; d++) {
    const cap = capacity[base + d];
    if (cap > 0) left += (free[base + d] - request[d]) / cap;
  }
  return -left;
});

export const create = () => reactive('best-fit', bestFitPlacer);
