/**
 * Small cases computed by hand: multi-dimension sharing, io- and net-bound stages, reservations
 * expiring, an instance crash. Each expected number is derived in the comment above it.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import type { SimulationApi, Strategy } from '../../sim/api.js';
import { CPU } from '../../sim/resources.js';
import { runSpec, runWith } from '../helpers.js';

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-6);
const pinned = (items: object[], fleet: object) => ({ fleet: [fleet], workload: { items }, strategies: ['pinned'] });

describe('sharing across dimensions', () => {
  it('DESIGN §2 three-way example: a 0.5, b 0.75, c 0.5', async () => {
    // 2 cores, 100 MB/s io, all weights 1. io splits 50/50 so a runs at 0.5 and uses 0.5 core;
    // b gets the other 1.5 cores (0.75); c runs at 0.5. b (100 s at full speed) ends at 133.33;
    // a and c keep 0.5 (io still split) and end at 200.
    const { items, sim } = await runSpec(
      pinned(
        [
          { id: 'a', at: 0, declared: { cpu: 1, io: 1 }, stages: [{ duration: 100, demand: { cpu: 1, io: 100 } }], pin: 'h-0' },
          { id: 'b', at: 0, declared: { cpu: 1 }, stages: [{ duration: 100, demand: { cpu: 2 } }], pin: 'h-0' },
          { id: 'c', at: 0, declared: { io: 1 }, stages: [{ duration: 100, demand: { io: 100 } }], pin: 'h-0' },
        ],
        { name: 'h', count: 1, cpu: 2, mem: 1, io: 100 },
      ),
    );
    close(items.get('b')!.end, 100 / 0.75);
    close(items.get('a')!.end, 200);
    close(items.get('c')!.end, 200);
    // cpu used: 0.5 + 1.5 = 2 for 133.33 s, then 0.5 until 200: utilisation = (266.67 + 33.33) / 400.
    close(sim.metrics.usedArea[CPU], 2 * (100 / 0.75) + 0.5 * (200 - 100 / 0.75));
  });

  it('io-bound: two stages share 100 MB/s by their io reservations 20 : 60', async () => {
    // Both want 80 MB/s. Water-filling with weights 20, 60: λ = 100 / 80, shares 25 and 75 MB/s,
    // rates 0.3125 and 0.9375. b ends at 100 / 0.9375 = 106.667; a has done 33.333 s of work by
    // then, runs alone at full speed and ends at 106.667 + 66.667 = 173.333.
    const { items } = await runSpec(
      pinned(
        [
          { id: 'a', at: 0, declared: { io: 20 }, stages: [{ duration: 100, demand: { io: 80 } }], pin: 'h-0' },
          { id: 'b', at: 0, declared: { io: 60 }, stages: [{ duration: 100, demand: { io: 80 } }], pin: 'h-0' },
        ],
        { name: 'h', count: 1, cpu: 4, mem: 1, io: 100 },
      ),
    );
    close(items.get('b')!.end, 100 / 0.9375);
    close(items.get('a')!.end, 100 / 0.9375 + (100 - (0.3125 * 100) / 0.9375));
  });

  it('net-bound: a stage limited by net uses only part of its cpu, work-conserving', async () => {
    // net 100 MB/s split 50/50 (weights 50, 50): both run at 0.5, a uses 0.5 of its 1 core.
    // c (cpu 4, weight 1) gets what a leaves: 3.5 cores → 0.875. a and b end at 20 s;
    // c has done 17.5 s of its 35 s by then, runs at full speed and ends at 20 + 17.5 = 37.5.
    const { items } = await runSpec(
      pinned(
        [
          { id: 'a', at: 0, declared: { cpu: 1, net: 50 }, stages: [{ duration: 10, demand: { cpu: 1, net: 100 } }], pin: 'h-0' },
          { id: 'b', at: 0, declared: { net: 50 }, stages: [{ duration: 10, demand: { net: 100 } }], pin: 'h-0' },
          { id: 'c', at: 0, declared: { cpu: 1 }, stages: [{ duration: 35, demand: { cpu: 4 } }], pin: 'h-0' },
        ],
        { name: 'h', count: 1, cpu: 4, mem: 1, net: 100 },
      ),
    );
    close(items.get('a')!.end, 20);
    close(items.get('b')!.end, 20);
    close(items.get('c')!.end, 37.5);
  });
});

/** Places every arrival on instance 0 with a reservation expiring `ttl` s later; queues the rest. */
function expiringPlacer(ttl: number): Strategy {
  let sim: SimulationApi;
  const tryAll = () => {
    for (let i = sim.firstWaiting(); i >= 0; ) {
      const next = sim.nextWaiting(i);
      if (!sim.place(i, 0, undefined, { expiry: sim.now + ttl })) break;
      i = next;
    }
  };
  return {
    name: 'expiring',
    init(s) {
      sim = s;
    },
    onArrival: () => tryAll(),
    onItemEnd: () => tryAll(),
  };
}

describe('reservations', () => {
  it('an expiring reservation fails its item with `expired` and frees the capacity for the next', async () => {
    // One core. a (100 s) is placed at 0 with a 50 s reservation: it fails at 50 with `expired`.
    // b waits for the core, is placed at 50 (reservation until 100) and needs 40 s: ends at 90.
    const { items, summary } = await runWith(
      {
        fleet: [{ count: 1, cpu: 1, mem: 4 }],
        workload: {
          items: [
            { id: 'a', at: 0, declared: { cpu: 1 }, stages: [{ duration: 100, demand: { cpu: 1 } }] },
            { id: 'b', at: 1, declared: { cpu: 1 }, stages: [{ duration: 40, demand: { cpu: 1 } }] },
          ],
        },
      },
      expiringPlacer(50),
    );
    expect([items.get('a')!.outcome, items.get('a')!.cause, items.get('a')!.end]).toEqual(['failed', 'expired', 50]);
    expect([items.get('b')!.outcome, items.get('b')!.start, items.get('b')!.end]).toEqual(['completed', 50, 90]);
    expect(summary.failedBy.expired).toBe(1);
  });

  it('an unused reservation blocks others until it expires and counts as waste', async () => {
    // The strategy reserves 2 of 3 cores for 30 s at t = 0. x (2 cores) cannot fit until 30, then
    // runs 10 s. Waste: 2 cores × 30 s unused = 60 core-seconds = 1/60 core-hour.
    let sim: SimulationApi;
    const strategy: Strategy = {
      name: 'reserve-ahead',
      init(s) {
        sim = s;
        expect(sim.reserve(0, [2, 0, 0, 0], { tier: 2, expiry: 30 })).toBeGreaterThanOrEqual(0);
      },
      onArrival(i) {
        sim.place(i, 0);
      },
      onReservationExpiry() {},
      tickInterval: 10,
      onTick() {
        for (let i = sim.firstWaiting(); i >= 0; i = sim.nextWaiting(i)) sim.place(i, 0);
      },
    };
    const { items, summary } = await runWith(
      {
        fleet: [{ count: 1, cpu: 3, mem: 4 }],
        workload: { items: [{ id: 'x', at: 5, declared: { cpu: 2 }, stages: [{ duration: 10, demand: { cpu: 2 } }] }] },
      },
      strategy,
    );
    // The tick at 30 comes after the expiry at 30 (scheduled later): x is placed at 30.
    expect([items.get('x')!.start, items.get('x')!.end]).toEqual([30, 40]);
    close(summary.reservationWaste.cpu, 60 / 3600);
  });

  it('a reservation resized while its item runs: allocation, slack and waste by hand', async () => {
    // x uses 1 core for 100 s in a reservation of 3, cut to 0.5 at t = 40 (below its use, which
    // the instance's spare capacity still covers) and raised to 2 at 70. Reserved: 3 × 40 +
    // 0.5 × 30 + 2 × 30 = 195 core-seconds; used within it 1 × 40 + 0.5 × 30 + 1 × 30 = 85;
    // capacity 4 × 100 = 400. Allocation 195 / 400; slack 110 / 195; waste 110 / 3600 core-hours.
    let sim: SimulationApi;
    const strategy: Strategy = {
      name: 'resizing',
      init(s) {
        sim = s;
      },
      onArrival(i) {
        expect(sim.place(i, 0, [3, 0, 0, 0])).toBe(true);
        sim.setTimer(40, 1);
        sim.setTimer(70, 2);
      },
      onTimer(token) {
        expect(sim.resize(0, [token === 1 ? 0.5 : 2, 0, 0, 0])).toBe(true);
      },
    };
    const { items, summary } = await runWith(
      {
        fleet: [{ count: 1, cpu: 4, mem: 4 }],
        workload: { items: [{ id: 'x', at: 0, declared: { cpu: 1 }, stages: [{ duration: 100, demand: { cpu: 1 } }] }] },
      },
      strategy,
    );
    expect(items.get('x')!.end).toBe(100);
    close(summary.allocation.cpu, 195 / 400);
    close(summary.slack.cpu, 110 / 195);
    close(summary.reservationWaste.cpu, 110 / 3600);
    close(summary.utilization.cpu, 100 / 400);
  });

  it('tier 1 reclaims an idle tier-2 reservation but never the reverse', async () => {
    let sim: SimulationApi;
    let tier2 = -1;
    let tier1 = -1;
    let left: number[] = [];
    let tier2Again = 0;
    const strategy: Strategy = {
      name: 'tiers',
      init(s) {
        // 4 cores: tier 2 holds 3; tier 1 asks 2 and takes them by reclaiming it; tier 2 then
        // asks 3 of the 2 left and is refused (it cannot take from tier 1).
        sim = s;
        tier2 = sim.reserve(0, [3, 0, 0, 0], { tier: 2 });
        tier1 = sim.reserve(0, [2, 0, 0, 0], { tier: 1 });
        left = sim.reservationsOn(0, []).map((r) => sim.reservationTier(r) * 10 + sim.reservationVector(r)[0]);
        tier2Again = sim.reserve(0, [3, 0, 0, 0], { tier: 2 });
      },
      onArrival(i) {
        sim.reject(i);
      },
    };
    await runWith(
      { fleet: [{ count: 1, cpu: 4, mem: 4 }], workload: { items: [{ id: 'x', at: 1, declared: { cpu: 1 }, stages: [] }] } },
      strategy,
    );
    expect(tier2).toBeGreaterThanOrEqual(0);
    expect(tier1).toBeGreaterThanOrEqual(0);
    // Only the tier-1 reservation of 2 cores is left (tier 2's was reclaimed; ids are recycled).
    expect(left).toEqual([12]);
    expect(tier2Again).toBe(-1);
    expect(sim!.fleet.free[0]).toBe(2);
  });
});

describe('instance crash', () => {
  it('fails the running item with instanceFailure at the crash time drawn from the crash stream', async () => {
    // MTBF 1000 s: the crash time is -ln(1 - u) · 1000 with u the first draw of seed 7's stream for
    // instance 0. The item (10,000 s) is running then and fails; the instance is repaired 100 s
    // later, boots in 0 s, and b (arriving after that) completes on it.
    const stream = seedrandom.alea('7/crash/0');
    const crashAt = -Math.log(1 - stream()) * 1000;
    // The next crash is drawn when the instance is ready again (repair 100 s, boot 0 s).
    const secondCrash = crashAt + 100 - Math.log(1 - stream()) * 1000;
    const { items, summary } = await runSpec(
      {
        fleet: [{ count: 1, cpu: 1, mem: 4, price: 3.6 }],
        workload: {
          items: [
            { id: 'a', at: 0, declared: { cpu: 1 }, stages: [{ duration: 10000, demand: { cpu: 1 } }] },
            { id: 'b', at: crashAt + 150, declared: { cpu: 1 }, stages: [{ duration: 1, demand: { cpu: 1 } }] },
          ],
        },
        faults: { instanceMtbf: 1000, repairTime: 100 },
        strategies: ['first-fit'],
        seeds: [7],
      },
    );
    expect(crashAt).toBeLessThan(10000);
    expect(items.get('a')!.cause).toBe('instanceFailure');
    close(items.get('a')!.end, crashAt);
    expect(secondCrash).toBeGreaterThan(crashAt + 151);
    expect([items.get('b')!.outcome, items.get('b')!.instance]).toEqual(['completed', 'g0-0']);
    expect(summary.failedBy.instanceFailure).toBe(1);
    // The run ends when b does, at crashAt + 151. The core is capacity until the crash and again
    // from the repair (crashAt + 100): crashAt + 51 core-seconds, of which a used crashAt and b 1.
    // The instance costs 3.6 an hour (0.001 a second) all along, down or not.
    close(summary.utilization.cpu, (crashAt + 1) / (crashAt + 51));
    close(summary.cost, (crashAt + 151) / 1000);
  });
});

describe('instance crash and reservations', () => {
  it('takes the reservations held on the instance with it: after the repair its capacity is whole', async () => {
    // The same crash as above (seed 7, MTBF 1000 s, repair 100 s). The strategy holds 2 of the
    // instance's 4 cores at tier 3 and 1 at tier 2; both go with the crash. So `a`, asking all 4
    // cores after the repair, is placed at once and completes 10 s later — had either survived,
    // `a` could never be placed.
    const crashAt = -Math.log(1 - seedrandom.alea('7/crash/0')()) * 1000;
    let sim: SimulationApi;
    let before: number[] = [];
    let after: number[] = [];
    let countAfter = -1;
    const strategy: Strategy = {
      name: 'holder',
      init(s) {
        sim = s;
        sim.reserve(0, [2, 0, 0, 0]);
        sim.reserve(0, [1, 0, 0, 0], { tier: 2 });
        before = sim.reservationsOn(0, []).map((r) => sim.reservationTier(r));
      },
      onArrival(i) {
        after = sim.reservationsOn(0, []);
        countAfter = sim.fleet.resCount[0];
        if (!sim.place(i, 0)) sim.reject(i);
      },
    };
    const { items } = await runWith(
      {
        fleet: [{ count: 1, cpu: 4, mem: 4 }],
        workload: { items: [{ id: 'a', at: crashAt + 150, declared: { cpu: 4 }, stages: [{ duration: 10, demand: { cpu: 4 } }] }] },
        faults: { instanceMtbf: 1000, repairTime: 100 },
      },
      strategy,
      7,
    );
    expect(before.sort()).toEqual([2, 3]);
    expect([after, countAfter]).toEqual([[], 0]);
    expect(items.get('a')!.outcome).toBe('completed');
    close(items.get('a')!.end, crashAt + 160);
  });
});

describe('prediction error', () => {
  it('compares the reservation with the true peak over all stages, in cpu and memory', async () => {
    // first-fit reserves the declared request. a: declared cpu 2, mem 2; stages demand (cpu 1, mem 2)
    // then (cpu 3, mem 1): peaks cpu 3, mem 2 — errors |2 − 3| / 3 = 1/3 and 0, under-predicted (cpu).
    // b: declared cpu 2, mem 4; one stage (cpu 1, mem 0): peaks cpu 1, no memory — error |2 − 1| / 1
    // = 1 in cpu only, not under-predicted. c: declared cpu 1, mem 2; stages (mem 1) then (mem 3):
    // no cpu peak, mem peak 3 — error |2 − 3| / 3 = 1/3, under-predicted.
    // MAPE = (1/3 + 0 + 1 + 1/3) / 4; under-prediction rate 2 of 3 items.
    const { summary } = await runSpec({
      fleet: [{ count: 1, cpu: 8, mem: 16 }],
      workload: {
        items: [
          { id: 'a', at: 0, declared: { cpu: 2, mem: 2 }, stages: [{ duration: 5, demand: { cpu: 1, mem: 2 } }, { duration: 5, demand: { cpu: 3, mem: 1 } }] },
          { id: 'b', at: 0, declared: { cpu: 2, mem: 4 }, stages: [{ duration: 5, demand: { cpu: 1 } }] },
          { id: 'c', at: 0, declared: { cpu: 1, mem: 2 }, stages: [{ duration: 5, demand: { mem: 1 } }, { duration: 5, demand: { mem: 3 } }] },
        ],
      },
      strategies: ['first-fit'],
    });
    expect(summary.completed).toBe(3);
    close(summary.predictionError.mape, (1 / 3 + 0 + 1 + 1 / 3) / 4);
    close(summary.predictionError.underPredictionRate, 2 / 3);
  });
});
