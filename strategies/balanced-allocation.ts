/**
 * balanced-allocation — reactive baseline with Kubernetes' BalancedAllocation score: the instance
 * where cpu and mem would be reserved in the most equal fractions after placing,
 * 1 − std(fractions) (for two resources, 1 − |f_cpu − f_mem| / 2).
 */
import { allocatedAfter, scoringPlacer } from './placer.js';
import { reactive } from './reactive.js';

export const balancedAllocationPlacer = scoringPlacer(
  'balanced-allocation',
  (capacity, free, base, request) =>
    1 - Math.abs(allocatedAfter(capacity, free, base, request, 0) - allocatedAfter(capacity, free, base, request, 1)) / 2,
);

export const create = () => reactive('balanced-allocation', balancedAllocationPlacer);
