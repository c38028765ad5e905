/**
 * The bench regression gate: a deliberately slowed placer falls far below its committed baseline
 * ratio and the check reports it; `fleetlab bench --check` exits 1 and names the suite.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAgainst, type Baseline } from '../../bench/check.js';
import { runBench } from '../../bench/suites.js';
import { slowed } from '../fixtures/slow-placer.js';
import { ROOT, cli, tempDir } from '../helpers.js';

const baseline = JSON.parse(readFileSync(join(ROOT, 'bench', 'baseline.json'), 'utf8')) as Baseline;
const SUITE = 'placement.first-fit.10k';

describe('bench regression gate', () => {
  it('the committed baseline covers every suite with the 25 % tolerance', () => {
    expect(baseline.tolerance).toBe(0.25);
    for (const name of ['kernel.fleet-ff', 'reference.fleet-ff', SUITE, 'placement.best-fit.10k', 'contention.64-stages']) {
      expect(baseline.suites[name], name).toBeGreaterThan(0);
    }
  });

  it('fails a slowed first-fit placer at 10k instances', async () => {
    const report = await runBench({
      filter: new RegExp(`^${SUITE.replace(/\./g, '\\.')}$`),
      sizes: [10_000],
      time: 30,
      wrapPlacer: (_, placer) => slowed(placer),
    });
    const [row] = checkAgainst(report, baseline);
    expect(row.name).toBe(SUITE);
    expect(row.ok).toBe(false);
    expect(row.change).toBeLessThan(0.2);
  });

  it('fleetlab bench --check exits 1 naming the suite below its baseline', () => {
    // A baseline claiming the contention solver was ten times faster than it is.
    const doctored: Baseline = { ...baseline, suites: { 'contention.1-stages': baseline.suites['contention.1-stages'] * 10 } };
    const path = join(tempDir(), 'baseline.json');
    writeFileSync(path, JSON.stringify(doctored));
    const r = cli(['bench', '--check', path, '--filter', '^contention\\.1-stages$', '--time', '20']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/fleetlab bench: contention\.1-stages is \d+ % below its baseline ratio/);
    expect(r.stderr).toContain('re-measuring 1 suite(s) below baseline');
  });

  it('fleetlab bench --check passes a suite that meets its baseline', () => {
    const lenient: Baseline = { ...baseline, suites: { 'contention.1-stages': baseline.suites['contention.1-stages'] / 10 } };
    const path = join(tempDir(), 'baseline.json');
    writeFileSync(path, JSON.stringify(lenient));
    const r = cli(['bench', '--check', path, '--filter', '^contention\\.1-stages$', '--time', '20']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^contention\.1-stages\s/m);
  });
});
