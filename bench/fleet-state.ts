/**
 * Fleets in a realistic state for placement benchmarks: n instances (cpu 64, mem 256, io 500,
 * net 1250; half labelled accelerator A, half B) filled by first-fit to 85 % of their cpu with the
 * fleet-ff job mix — the packed prefix a scan must walk past in steady state — and a fixed list of
 * requests to place, one in four constrained to accelerator A.
 */
import seedrandom from 'seedrandom';
import type { InstanceGroup } from '../sim/fleet.js';
import { Dimensions } from '../sim/resources.js';
import { Simulation } from '../sim/simulation.js';

export interface PlacementFixture {
  sim: Simulation;
  /** Requests (4 values each) and the item whose constraints apply to each. */
  requests: Float64Array[];
  items: number[];
}

const CPU_CHOICES = [1, 2, 4, 8, 16];

export function placementFixture(n: number, seed = 1): PlacementFixture {
  const dims = new Dimensions();
  const group = (name: string, accelerator: string): InstanceGroup => ({
    name,
    capacity: Float64Array.from([64, 256, 500, 1250]),
    labels: { accelerator },
    zone: '',
    price: 1,
    provisionTime: 0,
    bootCached: 0,
    bootUncached: 0,
    images: [],
  });
  const sim = new Simulation({
    dims,
    groups: [group('a', 'A'), group('b', 'B')],
    initial: [
      { group: 0, count: Math.ceil(n / 2) },
      { group: 1, count: Math.floor(n / 2) },
    ],
    sources: [],
    strategy: { name: 'none', init() {}, onArrival() {} },
    seed,
  });
  const r = seedrandom.alea(`placement/${seed}`);
  const draw = () => {
    const c = CPU_CHOICES[Math.floor(r() * 5)];
    return Float64Array.from([c, c * (2 + 4 * r()), r() * 20, r() * 40]);
  };
  let reserved = 0;
  const target = 0.85 * 64 * n;
  while (reserved < target) {
    const v = draw();
    const i = sim.fleet.firstFit(v);
    if (i < 0) break;
    sim.reserve(i, v);
    reserved += v[0];
  }
  const free = sim.begin(0, 0);
  const constrained = sim.begin(0, 0);
  sim.constrain(constrained, { accelerator: 'A' });
  const requests: Float64Array[] = [];
  const items: number[] = [];
  for (let k = 0; k < 256; k++) {
    requests.push(draw());
    items.push(k % 4 === 3 ? constrained : free);
  }
  return { sim, requests, items };
}
