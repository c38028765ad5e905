/**
 * most-allocated — reactive baseline with Kubernetes' MostAllocated score: the instance whose cpu
 * and mem would be most reserved after placing (mean of requested / capacity). Packs load.
 */
import { allocatedAfter, scoringPlacer } from './placer.js';
import { reactive } from './reactive.js';

export const mostAllocatedPlacer = scoringPlacer(
  'most-allocated',
  (capacity, free, base, request) =>
    (allocatedAfter(capacity, free, base, request, 0) + allocatedAfter(capacity, free, base, request, 1)) / 2,
);

export const create = () => reactive('most-allocated', mostAllocatedPlacer);
