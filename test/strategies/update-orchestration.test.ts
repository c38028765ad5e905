/**
 * Seed 001's update orchestration: deferral backs off 1, 2, 4, 8 … × base and alerts after N;
 * a partial fit proceeds with half the cpu; a learnt reservation carries the safety margin and an
 * expiry.
 */
import { describe, expect, it } from 'vitest';
import type { Strategy } from '../../sim/api.js';
import { UpdateOrchestration } from '../../strategies/update-orchestration.js';
import { observing, runWith } from '../helpers.js';

/** Wraps the strategy to record when each update is offered (arrives or comes back). */
function watched(inner: UpdateOrchestration, offers: number[]): Strategy {
  return observing(inner, {
    before(sim, i) {
      if (sim.kind(i) === 2) offers.push(sim.now);
    },
  });
}

const blocker = { id: 'blocker', at: 0, declared: { cpu: 4 }, stages: [{ duration: 1000, demand: { cpu: 4 } }] };
const update = (cpu: number) => ({ id: 'u', at: 10, kind: 'update', declared: { cpu }, stages: [{ duration: 50, demand: { cpu } }], meta: { versionDistance: 1 } });

describe('update orchestration (seed 001)', () => {
  it('backs off 1, 2, 4, 8 … × base while capacity is taken, and alerts after N deferrals', async () => {
    // One instance of 4 cores, all held by the blocker until t = 1000. The update (4 cores, so no
    // half fits either) arrives at 10 and is deferred 30, 60, 120, 240, 480 s: offered at 10, 40,
    // 100, 220, 460, 940, and at 1900 it fits.
    const offers: number[] = [];
    const strategy = new UpdateOrchestration({ backoffBase: 30, alertAfter: 3 });
    const { items, summary } = await runWith(
      { fleet: [{ count: 1, cpu: 4, mem: 8 }], workload: { items: [blocker, update(4)] } },
      watched(strategy, offers),
    );
    expect(offers).toEqual([10, 40, 100, 220, 460, 940, 1900]);
    expect(items.get('u')!.start).toBe(1900);
    expect(summary.deferrals).toBe(6);
    expect(strategy.stats()).toEqual({ alerts: 1, splits: 0 });
  });

  it('proceeds with half the cpu when only that fits', async () => {
    // 6 cores, 4 held: the update asks 4, 2 are free — it runs at once with a 2-core reservation.
    const strategy = new UpdateOrchestration();
    const { items, summary } = await runWith(
      { fleet: [{ count: 1, cpu: 6, mem: 8 }], workload: { items: [blocker, update(4)] } },
      strategy,
    );
    expect(items.get('u')!.start).toBe(10);
    expect(summary.deferrals).toBe(0);
    expect(strategy.stats().splits).toBe(1);
  });

  it('reserves the learnt peak fraction plus the margin, with an expiry from learnt durations', async () => {
    // Ten alike updates (distance 1, no dependents, no size) teach it: peak use 1.0 of declared,
    // 20 s each. The eleventh is reserved declared × 1.0 × 1.2 = 2.4 cores, for 2 × 20 s.
    const items = Array.from({ length: 11 }, (_, k) => ({
      id: `u${k}`,
      at: k * 100,
      kind: 'update',
      declared: { cpu: 2 },
      stages: [{ duration: 20, demand: { cpu: 2 } }],
      meta: { versionDistance: 1 },
    }));
    let sim: SimulationApi;
    let reserved: number[] = [];
    const inner = new UpdateOrchestration();
    const strategy: Strategy = {
      name: inner.name,
      init: (s) => {
        sim = s;
        inner.init(s);
      },
      onArrival: (i) => {
        inner.onArrival(i);
        const r = sim.reservationOf(i);
        if (sim.idOf(i) === 'u10' && r >= 0) reserved = [sim.reservationVector(r)[0]];
      },
      onItemEnd: (i, o, c) => inner.onItemEnd(i, o, c),
      onStageEnd: (i, obs) => inner.onStageEnd(i, obs),
    };
    const { summary } = await runWith({ fleet: [{ count: 1, cpu: 8, mem: 8 }], workload: { items } }, strategy);
    expect(reserved[0]).toBeCloseTo(2.4, 12);
    expect(summary.completed).toBe(11);
    expect(summary.failedBy.expired).toBe(0);
  });
});
