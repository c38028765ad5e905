/**
 * least-allocated — reactive baseline with Kubernetes' LeastAllocated score: the instance whose
 * cpu and mem would be least reserved after placing, mean of (capacity − requested) / capacity.
 * Spreads load.
 */
import { allocatedAfter, scoringPlacer } from './placer.js';
import { reactive } from './reactive.js';

export const leastAllocatedPlacer = scoringPlacer(
  'least-allocated',
  (capacity, free, base, request) =>
    (2 - allocatedAfter(capacity, free, base, request, 0) - allocatedAfter(capacity, free, base, request, 1)) / 2,
);

export const create = () => reactive('least-allocated', leastAllocatedPlacer);
