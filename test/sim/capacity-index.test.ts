/**
 * The free-capacity index gives exactly the linear scans' decisions, and first-fit's scan (which
 * skips blocks by the fleet's summary) those of testing every instance: first-fit and best-fit on
 * random heterogeneous fleets with labels, instances that stop accepting, and reservations made
 * and released between queries (many seeds).
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { DRAINING, READY } from '../../sim/api.js';
import type { InstanceGroup } from '../../sim/fleet.js';
import { Dimensions } from '../../sim/resources.js';
import { Simulation } from '../../sim/simulation.js';
import { indexedBestFitPlacer, linearBestFitPlacer } from '../../strategies/best-fit.js';
import { indexedFirstFitPlacer, linearFirstFitPlacer } from '../../strategies/first-fit.js';
import { feasible } from '../../strategies/placer.js';

function randomFleet(seed: number) {
  const r = seedrandom.alea(`index/${seed}`);
  const groups: InstanceGroup[] = Array.from({ length: 1 + Math.floor(r() * 4) }, (_, g) => ({
    name: `g${g}`,
    capacity: Float64Array.from([4 + Math.floor(r() * 60), 8 + Math.floor(r() * 250), 100 + r() * 400, r() < 0.2 ? 0 : 500]),
    labels: { accelerator: r() < 0.5 ? 'A' : 'B', zone: `z${g % 2}` },
    zone: `z${g % 2}`,
    price: 1,
    provisionTime: 0,
    bootCached: 0,
    bootUncached: 0,
    images: [],
  }));
  const sim = new Simulation({
    dims: new Dimensions(),
    groups,
    initial: groups.map((_, g) => ({ group: g, count: 1 + Math.floor(r() * 300) })),
    sources: [],
    strategy: { name: 'none', init() {}, onArrival() {} },
    seed,
  });
  return { sim, r };
}

/** First-fit by testing every instance in index order: no summary, no index. */
function everyInstanceFirstFit(sim: Simulation, item: number, request: Float64Array): number {
  for (let i = 0; i < sim.fleet.count; i++) if (feasible(sim, i, item, request)) return i;
  return -1;
}

describe('CapacityIndex decisions equal the linear scans', () => {
  // First-fit alone keeps no best-fit bounds and stops its updates early: checked on its own too.
  it.each([
    ['first-fit and best-fit', true],
    ['first-fit alone', false],
  ])('%s, on 60 random fleets, through reservations made and released', (_, withBestFit) => {
    let decisions = 0;
    let found = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { sim, r } = randomFleet(seed);
      const plain = sim.begin(0, 0);
      const needsA = sim.begin(0, 0);
      sim.constrain(needsA, { accelerator: 'A' });
      const needsZone = sim.begin(0, 0);
      sim.constrain(needsZone, { zone: 'z1', accelerator: 'A|B' });
      const items = [plain, plain, needsA, needsZone];
      const held: number[] = [];
      for (let step = 0; step < 300; step++) {
        const request = Float64Array.from([1 + Math.floor(r() * 16), r() * 64, r() < 0.5 ? 0 : r() * 60, r() * 80]);
        const item = items[Math.floor(r() * items.length)];
        const ff = linearFirstFitPlacer.choose(sim, item, request);
        // The block-skipping scan against every instance in turn, and the tree against both.
        expect(ff).toBe(everyInstanceFirstFit(sim, item, request));
        expect(indexedFirstFitPlacer.choose(sim, item, request)).toBe(ff);
        const bf = linearBestFitPlacer.choose(sim, item, request);
        if (withBestFit) expect(indexedBestFitPlacer.choose(sim, item, request)).toBe(bf);
        decisions++;
        if (ff >= 0) {
          found++;
          // Fill the fleet up (and sometimes release), so the trees see every kind of change.
          const res = sim.reserve(r() < 0.5 ? ff : bf, request);
          if (res >= 0) held.push(res);
        }
        if (held.length > 0 && r() < 0.3) sim.release(held.splice(Math.floor(r() * held.length), 1)[0]);
        if (r() < 0.02) {
          const i = Math.floor(r() * sim.fleet.count);
          if (sim.fleet.state[i] === READY) sim.drain(i);
        }
      }
    }
    expect(decisions).toBe(60 * 300);
    // Both outcomes occur: fits found and none found.
    expect(found).toBeGreaterThan(3000);
    expect(found).toBeLessThan(decisions);
  });

  it('skips draining instances like the scan does', () => {
    const { sim } = randomFleet(3);
    const req = Float64Array.from([1, 1, 0, 0]);
    const first = linearFirstFitPlacer.choose(sim, 0, req);
    sim.drain(first);
    expect(sim.fleet.state[first]).not.toBe(READY);
    expect([DRAINING, 4]).toContain(sim.fleet.state[first]);
    expect(indexedFirstFitPlacer.choose(sim, 0, req)).toBe(linearFirstFitPlacer.choose(sim, 0, req));
    expect(indexedFirstFitPlacer.choose(sim, 0, req)).not.toBe(first);
  });
});
