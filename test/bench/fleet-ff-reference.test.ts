/**
 * The kernel running scenarios/fleet-ff.yaml under first-fit makes the same schedule as the
 * hand-written reference loop of bench/ (same streams, same draws): same completions, same mean
 * and p99 wait, same utilisation. This is what makes their events/s comparable.
 */
import { describe, expect, it } from 'vitest';
import { fleetFf } from '../../bench/fleet-ff.js';
import { runFleetFfReference } from '../../bench/fleet-ff-reference.js';
import { summarize } from '../../reports/summary.js';

describe('fleet-ff: kernel vs the hand-written reference loop', () => {
  for (const [hosts, jobs] of [
    [20, 20000],
    [8, 5000],
  ] as const) {
    it(`agrees at hosts=${hosts}, jobs=${jobs}`, async () => {
      const sim = (await fleetFf(hosts, jobs))();
      const { wallSeconds } = await sim.run();
      const kernel = summarize(sim, 'fleet-ff', 'first-fit', 1, wallSeconds);
      const ref = runFleetFfReference(hosts, jobs, 1);
      expect(kernel.completed).toBe(ref.completed);
      expect(kernel.events).toBe(ref.events);
      expect(kernel.wait.mean).toBeCloseTo(ref.meanWait, 9);
      expect(kernel.wait.p99).toBeCloseTo(ref.p99Wait, 9);
      expect(kernel.utilization.cpu).toBeCloseTo(ref.cpuUtilization, 9);
      // A queue must have formed, or the comparison proves little.
      expect(kernel.wait.mean).toBeGreaterThan(0);
    });
  }
});
