/**
 * Seed 003: shadow runs of the catalogue on a provisioned sandbox pool that is drained afterwards;
 * installs reserve the profile × 1.2 (declared until profiled); the pool's cost is paid.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GONE } from '../../sim/api.js';
import { ShadowProfiling } from '../../strategies/shadow-profiling.js';
import { SHARED, observing, runWith } from '../helpers.js';

const PACKAGES = join(SHARED, 'traces', 'debian', 'packages.csv');
const PROVIDES = join(SHARED, 'traces', 'debian', 'provides.csv');

const scenario = {
  fleet: [
    { name: 'build', count: 1, cpu: 8, mem: 16, io: 400, net: 200, price: 1 },
    { name: 'sandbox', count: 0, cpu: 8, mem: 16, io: 400, net: 200, price: 1, provisionTime: 60, boot: { cached: 30, uncached: 30 } },
  ],
  workload: {
    generators: [
      {
        kind: 'install',
        packages: { path: PACKAGES, provides: PROVIDES },
        choose: ['nginx', 'gimp'],
        count: 10,
        interarrival: { const: 50 },
        usage: { const: 1 },
        declared: { cpu: 1, mem: 1, io: 60, net: 20 },
      },
    ],
  },
};

/** Records each install's reservation as placed. */
function recording(inner: ShadowProfiling, placed: { app: string; at: number; vector: number[] }[]) {
  return observing(inner, {
    after(sim, item) {
      const r = sim.reservationOf(item);
      if (r >= 0) placed.push({ app: String(sim.meta(item)!.application), at: sim.now, vector: [...sim.reservationVector(r)] });
    },
  });
}

describe('shadow profiling (seed 003)', () => {
  it('profiles the catalogue in the sandbox, then reserves the profile × 1.2; before that, the declared request', async () => {
    const s = new ShadowProfiling({ perStep: false });
    const placed: { app: string; at: number; vector: number[] }[] = [];
    const { items, sim } = await runWith(scenario, recording(s, placed));
    expect(s.stats().shadowRuns).toBe(2);
    // The first install (t = 50) comes before the sandbox (up at 90 s) has profiled anything.
    expect(placed[0]).toEqual({ app: expect.any(String), at: 50, vector: [1, 1, 60, 20] });
    const later = placed.find((p) => p.at >= 400)!;
    const expected = s.profiles.allocation(later.app, [1], 1.2, new Float64Array(4))!;
    expect(later.vector).toEqual([...expected]);
    // Usage factor 1: the profile is the install model, so memory is its resolve step × 1.2.
    const closure = later.app === 'nginx' ? 29 : 248;
    expect(later.vector[1]).toBeCloseTo((0.1 + (4 * closure) / 1024) * 1.2, 9);
    // Every install ran on the production host; the sandbox was drained once the round was done.
    for (const row of items.values()) expect(row.instance).toBe('build-0');
    expect(sim.fleet.count).toBe(2);
    expect(sim.fleet.state[1]).toBe(GONE);
    expect(s.stats().placedFromDefaults + s.stats().placedFromProfile).toBe(10);
  });

  it('per step, the reservation follows the install: each step resized to its own profile', async () => {
    const s = new ShadowProfiling();
    await runWith(scenario, s);
    // 5 steps: 4 resizes per profiled install (after each step but the last); an install placed
    // on defaults adopts the profile at its next step if one completed meanwhile.
    expect(s.stats().stepResizes).toBeGreaterThanOrEqual(4 * s.stats().placedFromProfile);
    expect(s.stats().stepResizes).toBeLessThanOrEqual(4 * 10);
    expect(s.stats().placedFromProfile).toBeGreaterThan(5);
  });

  it('the sandbox pool is paid for: cost above first-fit on the same workload', async () => {
    const { ReactiveStrategy } = await import('../../strategies/reactive.js');
    const { firstFitPlacer } = await import('../../strategies/first-fit.js');
    const shadow = await runWith(scenario, new ShadowProfiling());
    const plain = await runWith(scenario, new ReactiveStrategy('first-fit', firstFitPlacer));
    expect(shadow.summary.cost).toBeGreaterThan(plain.summary.cost);
  });

  it('built by hand, still names a missing sandbox group and a cap larger than its instances', async () => {
    await expect(runWith({ ...scenario, fleet: [scenario.fleet[0]] }, new ShadowProfiling())).rejects.toThrow(/fleet group named "sandbox", and the fleet has "build"/);
    await expect(runWith(scenario, new ShadowProfiling({ cap: { cpu: 9 } }))).rejects.toThrow(/cap\.cpu: 9 is more than a "sandbox" instance has \(8\)/);
  });
});
