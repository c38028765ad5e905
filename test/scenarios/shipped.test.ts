/**
 * Every shipped scenario loads, and runs under every baseline and the strategies it was written for
 * (at a reduced size where it has one).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, tempDir } from '../helpers.js';

const BASELINES = ['first-fit', 'best-fit', 'least-allocated', 'most-allocated', 'balanced-allocation'];
const SHIPPED: [string, string[], string[]?][] = [
  ['default', ['--param', 'jobs=400']],
  ['fleet-ff', ['--param', 'jobs=2000']],
  ['fleet-contended', [], ['pinned']],
  ['install-storm', ['--param', 'installs=300']],
  ['rolling-updates', ['--set', 'workload.generators.0.count=300']],
  ['diurnal-demand', ['--param', 'days=1']],
  ['openb-replay', []],
  ['swf-theta', ['--set', 'workload.swf.0.limit=3000']],
  ['bitbrains-usage', ['--param', 'days=2']],
  ['llm-bursts', []],
  ['rightsizing', ['--param', 'jobs=500'], ['vpa', 'autopilot']],
  ['warm-pool', ['--param', 'days=1'], ['tiered-reservation']],
  ['install-waves', ['--param', 'days=1', '--param', 'scale=0.005'], ['predictive-scaling']],
  ['shadow-catalogue', ['--param', 'installs=400'], ['shadow-profiling']],
  ['preconfigured-jobs', ['--param', 'hours=1'], ['pre-configuration']],
];

describe('shipped scenarios', () => {
  for (const [name, args, own = []] of SHIPPED) {
    it(`${name} runs with every baseline${own.length ? ` and ${own.join(', ')}` : ''}`, () => {
      const strategies = [...BASELINES, ...own];
      const r = cli(['run', name, '--strategy', strategies.join(','), '--out', tempDir(), '--json', ...args]);
      expect(r.code, r.stderr).toBe(0);
      const runs = JSON.parse(r.stdout);
      expect(runs.map((s: { strategy: string }) => s.strategy)).toEqual(strategies);
      for (const s of runs) {
        expect(s.items).toBeGreaterThan(0);
        expect(s.completed + s.failed + s.rejected).toBe(s.items);
      }
    });
  }

  it('covers every scenario file', () => {
    const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    expect(SHIPPED.map(([name]) => name).sort()).toEqual(files.sort());
  });

  it('fleetlab scenarios lists them all', () => {
    const out = cli(['scenarios']).stdout;
    for (const [name] of SHIPPED) expect(out).toContain(`scenarios/${name}.yaml`);
  });
});
