/** vpa and autopilot: reservations follow learnt usage; an OOM bumps memory and retries. */
import { describe, expect, it } from 'vitest';
import type { Strategy } from '../../sim/api.js';
import { create as vpa } from '../../strategies/vpa.js';
import { create as autopilot } from '../../strategies/autopilot.js';
import { observing, runWith } from '../helpers.js';

/** Wraps a strategy to record, per item id, the cpu and mem it was placed with. */
function recording(inner: Strategy, placed: Map<string, number[]>): Strategy {
  return observing(inner, {
    after(sim, i) {
      const r = sim.reservationOf(i);
      if (r >= 0) placed.set(sim.idOf(i), [sim.reservationVector(r)[0], sim.reservationVector(r)[1]]);
    },
  });
}

const spec = (memRatio: number) => ({
  fleet: [{ count: 4, cpu: 64, mem: 256 }],
  workload: {
    generators: [
      {
        kind: 'job',
        name: 'job',
        count: 60,
        rate: 0.01,
        declared: { cpu: 4, mem: 8 },
        duration: 10,
        usage: { cpu: 0.5, mem: memRatio },
        meta: { application: ['svc'] },
      },
    ],
  },
});

describe('right-sizing references', () => {
  it('vpa reserves the learnt cpu fraction (0.5 → 0.5 × 1.15 of a histogram bucket edge) after 20 samples', async () => {
    const placed = new Map<string, number[]>();
    await runWith(spec(0.5), recording(vpa(), placed));
    expect(placed.get('job0')).toEqual([4, 8]); // nothing learnt: declared
    const late = placed.get('job59')!;
    // The histogram answers the top of 0.5's bucket: within 5 % above it, then +15 %.
    expect(late[0]).toBeGreaterThanOrEqual(4 * 0.5 * 1.15);
    expect(late[0]).toBeLessThan(4 * 0.5 * 1.05 * 1.15);
  });

  it('autopilot reserves the max of window peaks plus 10 % for memory', async () => {
    const placed = new Map<string, number[]>();
    await runWith(spec(0.7), recording(autopilot(), placed));
    expect(placed.get('job59')![1]).toBeCloseTo(8 * 0.7 * 1.1, 9);
  });

  it('an OOM-killed item is retried with memory bumped by 20 %', async () => {
    // Memory use 1.5 × declared: learnt quickly, then one instance packed until one OOMs.
    let attempts = 0;
    let sim: SimulationApi;
    const inner = vpa({ minSamples: 1000 });
    const placed = new Map<string, number[]>();
    const wrapped = recording(inner, placed);
    const strategy: Strategy = {
      ...wrapped,
      init: (s) => {
        sim = s;
        wrapped.init(s);
      },
      onFailure: (i, c) => {
        wrapped.onFailure!(i, c);
        attempts += sim.attempts(i);
      },
    };
    const { summary } = await runWith(
      {
        fleet: [{ count: 1, cpu: 64, mem: 20 }],
        workload: { items: [1, 2, 3].map((k) => ({ id: `x${k}`, at: k, declared: { cpu: 1, mem: 6 }, stages: [{ duration: 100, demand: { cpu: 1, mem: 7 } }], meta: { application: 'a' } })) },
      },
      strategy,
    );
    // Three items using 7 GiB (declared 6) on 20 GiB: the third start over-commits memory, one is
    // OOM-killed and retried 30 s later with 6 × 1.2 GiB reserved.
    expect(summary.retries).toBeGreaterThanOrEqual(1);
    expect(summary.items).toBe(3);
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect([...placed.values()].some(([, mem]) => Math.abs(mem - 7.2) < 1e-9)).toBe(true);
  });
});
