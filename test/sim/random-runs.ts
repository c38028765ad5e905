/** Random scenarios and a per-event audit shared by the kernel's property tests. */
import seedrandom from 'seedrandom';
import { END_EVENT, FLAGS, INSTANCE, ITEM_INTS, ITEM_REALS, ON_INSTANCE, RATE, RUNNING, START_ORDER, STATE } from '../../sim/items.js';
import type { Simulation } from '../../sim/simulation.js';

export const BASELINES = ['first-fit', 'best-fit', 'least-allocated', 'most-allocated', 'balanced-allocation'];

/** A random but valid scenario: two groups, two job generators, contention, OOM, faults. */
export function randomScenario(seed: number) {
  const r = seedrandom.alea(`scenario/${seed}`);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  return {
    fleet: [
      { name: 'a', count: 2 + Math.floor(r() * 5), cpu: pick([4, 8, 16]), mem: pick([16, 32]), io: 200, net: 400 },
      { name: 'b', count: 1 + Math.floor(r() * 3), cpu: pick([32, 64]), mem: pick([64, 256]), io: 400, net: 800 },
    ],
    workload: {
      generators: [
        {
          kind: 'job',
          name: 'x',
          count: 150,
          rate: 0.05 + r() * 0.2,
          declared: { cpu: { choice: [1, 2, 4, 8] }, memPerCpu: { uniform: [1, 4] }, io: { uniform: [0, 50] } },
          duration: { exponential: { mean: 60 + r() * 200 } },
          usage: { cpu: { uniform: [0.3, 1.8] }, mem: { uniform: [0.5, 1.3] }, io: { uniform: [0.5, 2] } },
          timeout: 2000,
        },
        {
          kind: 'job',
          name: 'y',
          count: 100,
          rate: 0.02 + r() * 0.05,
          declared: { cpu: { choice: [8, 16, 48] }, mem: { uniform: [8, 80] }, net: { uniform: [10, 100] } },
          duration: { lognormal: { median: 120, sigma: 0.8 } },
          usage: { net: { uniform: [0.5, 3] } },
        },
      ],
    },
    faults: { instanceMtbf: 4000 + r() * 20000, repairTime: 300, stageFailure: 0.02 },
    strategies: BASELINES,
  };
}

/** The items whose current stage is on each instance, from the item table itself. */
function runningByInstance(sim: Simulation): number[][] {
  const { fleet, items } = sim;
  const running: number[][] = Array.from({ length: fleet.count }, () => []);
  for (let j = 0; j < items.capacity; j++) {
    const b = j * ITEM_INTS;
    if (items.ints[b + STATE] === RUNNING && items.ints[b + FLAGS] & ON_INSTANCE) running[items.ints[b + INSTANCE]].push(j);
  }
  return running;
}

/**
 * Every running stage that progresses has exactly one way to end: its own completion event, or —
 * on a pooled (contended) instance — the instance's one event, which exists while any does.
 */
export function stageEndsAudit(sim: Simulation) {
  const { fleet, items } = sim;
  const running = runningByInstance(sim);
  for (let i = 0; i < fleet.count; i++) {
    let moving = 0;
    for (const j of running[i]) {
      const own = items.ints[j * ITEM_INTS + END_EVENT];
      const rate = items.reals[j * ITEM_REALS + RATE];
      if (rate > 0) moving++;
      const expected = fleet.pooled[i] === 0 && rate > 0;
      if ((own >= 0) !== expected) throw new Error(`t=${sim.now}: item ${j} on instance ${i} (pooled ${fleet.pooled[i]}, rate ${rate}) has end event ${own}`);
    }
    // The count is every running stage; the list, once an instance keeps one, is exactly them,
    // newest first.
    if (fleet.runCount[i] !== running[i].length) throw new Error(`t=${sim.now}: instance ${i} counts ${fleet.runCount[i]} running, has ${running[i].length}`);
    if (fleet.listed[i]) {
      const linked: number[] = [];
      for (let j = fleet.runHead[i]; j >= 0 && linked.length <= items.capacity; j = items.links[j * 2 + 1]) linked.push(j);
      const newestFirst = [...running[i]].sort((a, b) => (items.ints[b * ITEM_INTS + START_ORDER] - items.ints[a * ITEM_INTS + START_ORDER]) | 0);
      if (linked.join() !== newestFirst.join()) throw new Error(`t=${sim.now}: instance ${i} lists [${linked}], runs [${newestFirst}]`);
    } else if (fleet.runHead[i] !== -1) throw new Error(`t=${sim.now}: instance ${i} keeps no list but has head ${fleet.runHead[i]}`);
    const shared = fleet.stageEnd[i] >= 0;
    if (shared !== (fleet.pooled[i] === 1 && moving > 0)) throw new Error(`t=${sim.now}: instance ${i} (pooled ${fleet.pooled[i]}, ${moving} stages progressing) has shared end event ${fleet.stageEnd[i]}`);
  }
}
