/** Seed 000's predictive scaling: the sizing rule, growth ahead of a burst and draining after it. */
import { describe, expect, it } from 'vitest';
import { READY } from '../../sim/api.js';
import { PredictiveScaling, instancesFor } from '../../strategies/predictive-scaling.js';
import { runWith } from '../helpers.js';

describe('predictive scaling (seed 000)', () => {
  it('sizes the fleet to hold the demand at the target utilisation, within bounds', () => {
    expect(instancesFor(3.2, 0.8, 1, 64)).toBe(4);
    expect(instancesFor(3.3, 0.8, 1, 64)).toBe(5);
    expect(instancesFor(0, 0.8, 1, 64)).toBe(1);
    expect(instancesFor(100, 0.8, 1, 10)).toBe(10);
  });

  it('grows the group when work waits, and drains the idle instances once it is done', async () => {
    // One 4-core instance; 16 one-core jobs of 600 s at t = 0. At the first tick (300 s) 4 cores
    // are reserved and 12 declared by the waiting: 4 instances' worth → 5 at 80 %, capped at 4.
    const s = new PredictiveScaling({ min: 1, max: 4 });
    const { sim, items, summary } = await runWith(
      {
        fleet: [{ name: 'pool', count: 1, cpu: 4, mem: 16, provisionTime: 60, boot: { cached: 40, uncached: 40 } }],
        workload: {
          items: [
            ...Array.from({ length: 16 }, (_, k) => ({ id: `j${k}`, at: 0, declared: { cpu: 1 }, stages: [{ duration: 600, demand: { cpu: 1 } }] })),
            // A late job keeps the run going past the burst.
            { id: 'late', at: 20000, declared: { cpu: 1 }, stages: [{ duration: 10, demand: { cpu: 1 } }] },
          ],
        },
      },
      s,
    );
    expect(s.stats().provisioned).toBe(3);
    // The new instances are ready at 300 + 60 + 40 = 400 s: 12 jobs start there and end at 1000.
    expect([...items.values()].filter((r) => r.start === 400)).toHaveLength(12);
    expect(summary.completed).toBe(17);
    expect(items.get('late')).toMatchObject({ start: 20000, instance: 'pool-0' });
    // Once the forecast has come down after the burst, three idle instances were drained (min 1).
    expect(s.stats().drained).toBe(3);
    let live = 0;
    for (let i = 0; i < sim.fleet.count; i++) if (sim.fleet.state[i] <= READY) live++;
    expect(live).toBe(1);
  });
});
