/**
 * first-fit — reactive baseline: the declared request on the first instance, in index order, where
 * it fits. Large fleets ask the kernel's free-capacity index; small ones scan, skipping every block
 * of instances whose summary in the fleet falls short (written out on the four core dimensions: it
 * is the hot path of the reference workload). Both give the same answers.
 */
import * as apiConstants from '../sim/api.js';
import * as placerConstants from './placer.js';
import { feasible, type Placer } from './placer.js';
import { reactive } from './reactive.js';

// Copied in as module constants, which V8 folds into optimized code (an imported binding it reads
// through a module cell at every use: see kernel.ts).
const { READY, SCAN_BLOCK, SCAN_BLOCK_BITS, SCAN_QUARTER, SCAN_QUARTER_BITS } = apiConstants;
const { FIT_EPSILON, INDEX_FROM } = placerConstants;

export const indexedFirstFitPlacer: Placer = {
  name: 'first-fit (indexed)',
  choose(sim, item, request) {
    return sim.fleet.firstFit(request, sim.constraints(item));
  },
};

export const linearFirstFitPlacer: Placer = {
  name: 'first-fit (linear scan)',
  choose(sim, item, request) {
    const f = sim.fleet;
    const D = f.D;
    const n = f.count;
    const free = f.free;
    const blockFree = f.blockFree;
    const quarterFree = f.quarterFree;
    const state = f.state;
    const c = request[0] - FIT_EPSILON;
    const m = request[1] - FIT_EPSILON;
    const io = request[2] - FIT_EPSILON;
    const net = request[3] - FIT_EPSILON;
    const simple = D === 4 && sim.constraints(item) === undefined;
    const kEnd = Math.ceil(n / SCAN_BLOCK) * D;
    for (let k = 0; k < kEnd; k += D) {
      // A block whose largest free amounts fall short on some dimension holds no fit. Most blocks a
      // scan passes are short of cpu: they are skipped in a loop of their own, small enough for V8
      // to keep in registers (the loop testing all four reloaded and spilled its state per block).
      while (k < kEnd && blockFree[k] < c) k += D;
      if (k >= kEnd) break;
      if (blockFree[k + 1] < m || blockFree[k + 2] < io || blockFree[k + 3] < net) continue;
      const block = (k / D) << SCAN_BLOCK_BITS;
      // ...nor does a quarter of one (the cpu and the memory may be on different instances).
      const blockEnd = block + SCAN_BLOCK < n ? block + SCAN_BLOCK : n;
      for (let first = block, q = (block >> SCAN_QUARTER_BITS) * D; first < blockEnd; first += SCAN_QUARTER, q += D) {
        if (quarterFree[q] < c || quarterFree[q + 1] < m || quarterFree[q + 2] < io || quarterFree[q + 3] < net) continue;
        const end = first + SCAN_QUARTER < n ? first + SCAN_QUARTER : n;
        for (let i = first, b = first * D; i < end; i++, b += D) {
          // Cheapest and most selective test first: most hosts a scan passes over are short of cpu.
          if (free[b] < c || free[b + 1] < m || state[i] > READY || free[b + 2] < io || free[b + 3] < net) continue;
          if (simple || feasible(sim, i, item, request)) return i;
        }
      }
    }
    return -1;
  },
};

export const firstFitPlacer: Placer = {
  name: 'first-fit',
  choose(sim, item, request) {
    return (sim.fleet.count >= INDEX_FROM ? indexedFirstFitPlacer : linearFirstFitPlacer).choose(sim, item, request);
  },
};

export const create = () => reactive('first-fit', firstFitPlacer);
