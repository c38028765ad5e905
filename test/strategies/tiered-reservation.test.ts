/** Seed 002: the feedback rule, and requests taking warm slots on instances with their image cached. */
import { describe, expect, it } from 'vitest';
import { TieredReservation, tuneQuantile } from '../../strategies/tiered-reservation.js';
import { runWith } from '../helpers.js';

describe('tiered reservation (seed 002)', () => {
  it('the feedback loop raises the quantile below target coverage and lowers it well above', () => {
    expect(tuneQuantile(0.9, 0.7, 0.9, 0.02)).toBeCloseTo(0.92, 12);
    expect(tuneQuantile(0.9, 0.99, 0.9, 0.02)).toBeCloseTo(0.88, 12);
    expect(tuneQuantile(0.9, 0.92, 0.9, 0.02)).toBe(0.9);
    expect(tuneQuantile(0.99, 0.1, 0.9, 0.02)).toBe(0.99);
    expect(tuneQuantile(0.5, 1, 0.9, 0.02)).toBe(0.5);
    expect(tuneQuantile(0.8, NaN, 0.9, 0.02)).toBe(0.8);
  });

  it('keeps warm slots after their requests end and boots later requests from cache', async () => {
    // Requests for one image every 300 s, each living 100 s. After the first interval the pool
    // holds slots; requests then land in them on the instance that pulled the image: cached boots.
    const strategy = new TieredReservation({ interval: 600 });
    const { sim, summary } = await runWith(
      {
        fleet: [{ count: 4, cpu: 16, mem: 64 }],
        workload: {
          generators: [
            { kind: 'instance', name: 'vm', count: 40, rate: 1 / 300, images: ['web'], boot: { cached: 10, uncached: 200 }, setup: { network: 1, storage: 1 }, lifetime: 100, declared: { cpu: 2, mem: 8 } },
          ],
        },
      },
      strategy,
    );
    expect(summary.completed).toBe(40);
    expect(strategy.stats().warmSlots).toBeGreaterThan(0);
    // Only the first boot on an instance pulls the image.
    let cold = 0;
    for (let o = 0; o < sim.outcomes.count; o++) if (sim.outcomes.ready(o) - sim.outcomes.started(o) > 100) cold++;
    expect(cold).toBeLessThanOrEqual(2);
  });
});
