/** The job generator's metadata: drawn per job, turned into label needs, and runtime estimates. */
import { describe, expect, it } from 'vitest';
import type { SimulationApi, Strategy } from '../../sim/api.js';
import { runWith } from '../helpers.js';

describe('job metadata', () => {
  it('draws metadata from lists, makes accelerator needs from it, and estimates runtime', async () => {
    const seen: { meta: Record<string, unknown>; needs?: Record<string, string>; instance: string }[] = [];
    let sim: SimulationApi;
    const strategy: Strategy = {
      name: 'record',
      init: (s) => (sim = s),
      onArrival: (i) => {
        const needs = sim.constraints(i);
        const target = sim.fleet.firstFit(sim.declaredVector(i), needs);
        seen.push({ meta: { ...sim.meta(i) }, needs: needs ? { ...needs } : undefined, instance: target >= 0 ? sim.fleet.names[target] : '' });
        if (target >= 0) sim.place(i, target);
        else sim.reject(i);
      },
    };
    await runWith(
      {
        fleet: [
          { name: 'cpu', count: 2, cpu: 16, mem: 64 },
          { name: 't4', count: 2, cpu: 16, mem: 64, labels: { accelerator: 'T4' } },
        ],
        workload: {
          generators: [
            {
              kind: 'job',
              count: 200,
              rate: 0.01,
              declared: { cpu: 1, mem: 1 },
              duration: 50,
              meta: { application: ['etl', 'train'], accelerator: ['none', 'T4'] },
              needsFromMeta: { accelerator: 'accelerator' },
              estimate: 2,
            },
          ],
        },
      },
      strategy,
    );
    expect(seen).toHaveLength(200);
    const apps = new Set(seen.map((s) => s.meta.application));
    expect([...apps].sort()).toEqual(['etl', 'train']);
    for (const s of seen) {
      expect(s.meta.estimatedRuntime).toBe(100);
      if (s.meta.accelerator === 'T4') {
        expect(s.needs).toEqual({ accelerator: 'T4' });
        expect(s.instance).toMatch(/^t4-/);
      } else expect(s.needs).toBeUndefined();
    }
    expect(seen.filter((s) => s.meta.accelerator === 'T4').length).toBeGreaterThan(60);
  });
});
