/** Every shipped scenario loads, and runs under every baseline (at a reduced size where it has one). */
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers.js';

const BASELINES = ['first-fit', 'best-fit', 'least-allocated', 'most-allocated', 'balanced-allocation'];
const SHIPPED: [string, string[]][] = [
  ['default', ['--param', 'jobs=400']],
  ['fleet-ff', ['--param', 'jobs=2000']],
  ['install-storm', ['--param', 'installs=300']],
  ['rolling-updates', ['--set', 'workload.generators.0.count=300']],
  ['diurnal-demand', ['--param', 'days=1']],
  ['openb-replay', []],
  ['swf-theta', ['--set', 'workload.swf.0.limit=3000']],
  ['bitbrains-usage', ['--param', 'days=2']],
  ['llm-bursts', []],
  ['rightsizing', ['--param', 'jobs=500']],
  ['warm-pool', ['--param', 'days=1']],
];

describe('shipped scenarios', () => {
  for (const [name, args] of SHIPPED) {
    it(`${name} runs with every baseline`, () => {
      const r = cli(['run', name, '--strategy', BASELINES.join(','), '--out', tempDir(), '--json', ...args]);
      expect(r.code, r.stderr).toBe(0);
      const runs = JSON.parse(r.stdout);
      expect(runs.map((s: { strategy: string }) => s.strategy)).toEqual(BASELINES);
      for (const s of runs) {
        expect(s.items).toBeGreaterThan(0);
        expect(s.completed + s.failed + s.rejected).toBe(s.items);
      }
    });
  }

  it('fleetlab scenarios lists them all', () => {
    const out = cli(['scenarios']).stdout;
    for (const [name] of SHIPPED) expect(out).toContain(`scenarios/${name}.yaml`);
  });
});
