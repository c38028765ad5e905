/**
 * The bench's contended fleet (bench/fleet-contended.ts: the jobs handed to the kernel as data) is
 * the workload of scenarios/fleet-contended.yaml, read from the same file by the CSV trace source:
 * the same items, started and ended at the same times. So its events/s times the validated run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fleetContended } from '../../bench/fleet-contended.js';
import { itemsOf, ROOT, runSpec } from '../helpers.js';

describe('bench: the contended fleet as data', () => {
  it('runs the shipped scenario’s schedule, item for item', async () => {
    const { jobs, simulation } = await fleetContended();
    const sim = simulation();
    await sim.run();
    const bench = itemsOf(sim);
    const { items: scenario, summary } = await runSpec(readFileSync(join(ROOT, 'scenarios', 'fleet-contended.yaml'), 'utf8'));
    expect(jobs).toBe(10_000);
    expect(summary.completed).toBe(10_000);
    expect([...bench.values()]).toEqual([...scenario.values()]);
    expect(sim.metrics.events).toBe(summary.events);
  });
});
