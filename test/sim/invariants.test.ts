/**
 * Invariants over many random scenarios and seeds, checked after every event: no instance has
 * negative unreserved capacity, what is reserved on an instance never exceeds its capacity, what
 * is used never exceeds it either, the block summary first-fit skips by stays above every accepting
 * instance's free capacity, each instance's reservation count and tier-2 list match its
 * reservations, the kernel's counters stay consistent, every progressing stage has one
 * completion event (its own or its pooled instance's); and at the end every item has ended exactly
 * once.
 */
import { describe, expect, it } from 'vitest';
import { SCAN_BLOCK_BITS, SCAN_QUARTER_BITS } from '../../sim/api.js';
import { R_ACTIVE, R_INSTANCE } from '../../sim/reservation-fields.js';
import type { Simulation } from '../../sim/simulation.js';
import { runSpec } from '../helpers.js';
import { BASELINES, randomScenario, stageEndsAudit } from './random-runs.js';

function audit(sim: Simulation) {
  const { fleet } = sim;
  const D = fleet.D;
  const into: number[] = [];
  // Every active reservation, by instance, from the table itself.
  const res = sim.reservations;
  const held: number[][] = Array.from({ length: fleet.count }, () => []);
  for (let r = 0; r < res.capacity; r++) {
    if (res.ints[res.at(r) + R_ACTIVE] !== 0) held[res.ints[res.at(r) + R_INSTANCE]].push(r);
  }
  for (let i = 0; i < fleet.count; i++) {
    // All of an instance's reservations are counted; only its tier-2 ones (what tier 1 may
    // reclaim) are linked, each once.
    if (fleet.resCount[i] !== held[i].length) throw new Error(`t=${sim.now}: instance ${i} counts ${fleet.resCount[i]} reservations, holds ${held[i].length}`);
    const linked: number[] = [];
    for (let r = fleet.tier2Head[i]; r >= 0 && linked.length <= res.capacity; r = res.links[r * 2 + 1]) linked.push(r);
    const tier2 = held[i].filter((r) => sim.reservationTier(r) === 2);
    if (linked.sort((a, b) => a - b).join() !== tier2.join()) throw new Error(`t=${sim.now}: instance ${i} links tier-2 reservations [${linked}], holds [${tier2}]`);
    if (sim.reservationsOn(i, into).join() !== held[i].join()) throw new Error(`t=${sim.now}: reservationsOn(${i}) is [${into}], holds [${held[i]}]`);
    const reserved = new Float64Array(D);
    for (const r of held[i]) {
      const v = sim.reservationVector(r);
      for (let d = 0; d < D; d++) reserved[d] += v[d];
    }
    for (let d = 0; d < D; d++) {
      const cap = fleet.capacity[i * D + d];
      if (fleet.free[i * D + d] < -1e-9) throw new Error(`t=${sim.now}: instance ${i} dim ${d} free ${fleet.free[i * D + d]}`);
      if (reserved[d] > cap + 1e-9) throw new Error(`t=${sim.now}: instance ${i} dim ${d} reserved ${reserved[d]} > ${cap}`);
      if (Math.abs(cap - reserved[d] - fleet.free[i * D + d]) > 1e-6) throw new Error(`t=${sim.now}: free ≠ capacity − reserved`);
      // Sharing never hands out more than the capacity; memory above it is OOM-killed at once.
      if (fleet.used[i * D + d] > cap * (1 + 1e-9) + 1e-9) throw new Error(`t=${sim.now}: instance ${i} dim ${d} used ${fleet.used[i * D + d]} > ${cap}`);
      // The block summary a first-fit scan skips by never falls below an accepting instance's free.
      const block = fleet.blockFree[(i >> SCAN_BLOCK_BITS) * D + d];
      if (fleet.accepting(i) && block < fleet.free[i * D + d]) throw new Error(`t=${sim.now}: block of ${i} dim ${d} says ${block} < free ${fleet.free[i * D + d]}`);
      const quarter = fleet.quarterFree[(i >> SCAN_QUARTER_BITS) * D + d];
      if (fleet.accepting(i) && quarter < fleet.free[i * D + d]) throw new Error(`t=${sim.now}: quarter of ${i} dim ${d} says ${quarter} < free ${fleet.free[i * D + d]}`);
    }
  }
  const m = sim.metrics;
  if (m.waiting < 0 || m.running < 0) throw new Error(`t=${sim.now}: waiting ${m.waiting}, running ${m.running}`);
  stageEndsAudit(sim);
}

describe('invariants over random scenarios', () => {
  for (let seed = 1; seed <= 12; seed++) {
    it(`scenario ${seed}: every baseline keeps reservations within capacity and ends every item once`, async () => {
      const spec = randomScenario(seed);
      for (const strategy of BASELINES) {
        const { sim, summary } = await runSpec(spec, { strategy, seed, audit });
        const log = sim.outcomes;
        expect(log.count).toBe(250);
        for (let o = 0; o < log.count; o++) expect(log.ended(o)).toBe(1);
        expect(summary.completed + summary.failed + summary.rejected).toBe(250);
        expect(sim.items.live).toBe(0);
        const byCause = Object.values(summary.failedBy).reduce((a, b) => a + b, 0);
        expect(byCause).toBe(summary.failed + summary.rejected);
        expect(summary.utilization.cpu).toBeGreaterThan(0);
        for (const d of ['cpu', 'mem', 'io', 'net']) expect(summary.utilization[d]).toBeLessThanOrEqual(1 + 1e-9);
      }
    });
  }

  it('running lists built after the count of stage starts wraps past 2^31 are still newest first', async () => {
    // The kernel keeps each stage's start order modulo 2^32; set the count just short of the wrap
    // after the first event, so lists are built over items started on both sides of it.
    let built = 0;
    for (let seed = 1; seed <= 4; seed++) {
      let first = true;
      const { sim } = await runSpec(randomScenario(seed), {
        seed,
        audit: (s) => {
          if (first) (s as unknown as { stageStarts: number }).stageStarts = 2 ** 31 - 4;
          first = false;
          audit(s);
        },
      });
      for (let i = 0; i < sim.fleet.count; i++) built += sim.fleet.listed[i];
    }
    expect(built).toBeGreaterThan(0);
  });

  // Strategies that resize, preempt, provision, drain and run work of their own.
  const ACTING = ['pre-configuration', 'predictive-scaling', 'vpa', 'auction'];
  for (let seed = 1; seed <= 4; seed++) {
    it(`scenario ${seed}: ${ACTING.join(', ')} keep the same invariants`, async () => {
      for (const strategy of ACTING) {
        const { sim, summary } = await runSpec(randomScenario(seed), { strategy, seed, audit });
        for (let o = 0; o < sim.outcomes.count; o++) expect(sim.outcomes.ended(o)).toBe(1);
        expect(summary.completed + summary.failed + summary.rejected).toBe(250);
        for (const d of ['cpu', 'mem', 'io', 'net']) expect(summary.utilization[d]).toBeLessThanOrEqual(1 + 1e-9);
      }
    });
  }

  it('shadow runs under crashes and stage failures keep them too, and never appear as items', async () => {
    for (let seed = 1; seed <= 4; seed++) {
      const spec = {
        fleet: [
          { name: 'build', count: 2, cpu: 8, mem: 8, io: 400, net: 200 },
          { name: 'sandbox', count: 0, cpu: 8, mem: 16, io: 400, net: 200, provisionTime: 30 },
        ],
        workload: {
          generators: [
            {
              kind: 'install',
              packages: { path: '../../shared/traces/debian/packages.csv', provides: '../../shared/traces/debian/provides.csv' },
              choose: ['nginx', 'gimp', 'texlive-full', 'gnome-core'],
              count: 120,
              rate: 0.5,
              declared: { cpu: 1, mem: 1, io: 60, net: 20 },
            },
          ],
        },
        faults: { instanceMtbf: 2000, repairTime: 120, stageFailure: 0.05 },
        strategies: ['shadow-profiling'],
      };
      const { sim, summary } = await runSpec(spec, { seed, audit });
      expect(summary.items).toBe(120);
      expect(summary.completed + summary.failed + summary.rejected).toBe(120);
      expect(summary.strategyStats.shadowRuns).toBeGreaterThanOrEqual(4);
      for (let o = 0; o < sim.outcomes.count; o++) expect(sim.outcomes.ended(o)).toBe(1);
    }
  });

  it('the random scenarios exercise contention, OOM, timeouts and crashes', async () => {
    const causes = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const { summary } = await runSpec(randomScenario(seed), { seed });
      for (const [cause, n] of Object.entries(summary.failedBy)) if (n > 0) causes.add(cause);
    }
    expect([...causes].sort()).toEqual(expect.arrayContaining(['instanceFailure', 'oom', 'stageFailure']));
  });
});
