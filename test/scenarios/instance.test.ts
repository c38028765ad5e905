/**
 * Instance requests: boot time depends on the image cache of the instance (pulled once, cached
 * after), time-to-ready counts boot and setup, and the arrival rate follows the stated daily shape.
 */
import { describe, expect, it } from 'vitest';
import { runSpec } from '../helpers.js';

const request = (extra: object) => ({
  kind: 'instance',
  name: 'vm',
  images: ['web'],
  boot: { cached: 15, uncached: 150 },
  setup: { network: 2, storage: 5 },
  lifetime: 100,
  declared: { cpu: 1, mem: 1 },
  ...extra,
});

describe('instance requests', () => {
  it('pull an uncached image once; later boots on that instance are quick', async () => {
    // Two requests land on the one instance. The first pulls `web` (150 s), sets up network (2 s)
    // and storage (5 s): ready 157 s after it started. The second finds `web` cached: 22 s.
    const { sim, items } = await runSpec({
      fleet: [{ name: 'h', count: 1, cpu: 8, mem: 32 }],
      workload: { generators: [request({ count: 2, rate: 0.001 })] },
      strategies: ['first-fit'],
    });
    const [a, b] = [items.get('vm0')!, items.get('vm1')!];
    const ready = (o: number) => sim.outcomes.ready(o) - sim.outcomes.started(o);
    expect(ready(0)).toBeCloseTo(157, 9);
    expect(ready(1)).toBeCloseTo(22, 9);
    expect(a.end - a.start).toBeCloseTo(257, 9);
    expect(b.end - b.start).toBeCloseTo(122, 9);
  });

  it('an instance that has the image cached boots quickly from the first request', async () => {
    const { sim } = await runSpec({
      fleet: [{ name: 'h', count: 1, cpu: 8, mem: 32, images: ['web'] }],
      workload: { generators: [request({ count: 1, rate: 0.001 })] },
      strategies: ['first-fit'],
    });
    expect(sim.outcomes.ready(0) - sim.outcomes.started(0)).toBeCloseTo(22, 9);
  });

  it('follows the daily shape: many more arrivals around the peak hour than twelve hours off it', async () => {
    const { sim } = await runSpec({
      fleet: [{ name: 'h', count: 50, cpu: 64, mem: 256 }],
      workload: { generators: [request({ rate: 0.02, seasonality: { daily: 0.9, peakHour: 14 }, lifetime: 10 })] },
      duration: 4 * 86400,
      strategies: ['first-fit'],
    });
    let peak = 0;
    let trough = 0;
    for (let o = 0; o < sim.outcomes.count; o++) {
      const hour = (sim.outcomes.arrival(o) % 86400) / 3600;
      if (hour >= 12 && hour < 16) peak++;
      if (hour < 4) trough++;
    }
    // Expected ratio ≈ ∫(1 + 0.9 cos) over the windows: about 14 to 1.
    expect(peak / trough).toBeGreaterThan(6);
    expect(sim.outcomes.count).toBeGreaterThan(5000);
  });
});
