/**
 * `fleetlab sweep`: at each point of the grid, the same comparison `compare` makes there; shards
 * merged give the same sweep.csv as one machine; bad input exits 1 and writes nothing.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, readCsv, tempDir, writeScenario } from '../helpers.js';

const scenario = `
params: {hosts: 2, jobs: 60}
fleet: [{name: h, count: "\${hosts}", cpu: 8, mem: 32}]
workload:
  generators:
    - kind: job
      count: \${jobs}
      rate: 0.05
      declared: {cpu: {choice: [1, 2, 4]}, memPerCpu: 2}
      duration: {exponential: {mean: 120}}
      usage: {cpu: {uniform: [0.5, 1.0]}}
strategies: [first-fit, best-fit]
seeds: 2
`;

describe('fleetlab sweep', () => {
  const path = writeScenario(scenario);

  it('compares the strategies at every point exactly as compare does there', () => {
    const out = tempDir();
    const r = cli(['sweep', path, '--vary', 'hosts=1,2', '--vary', 'jobs=30,60', '--jobs', '1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('hosts=1 jobs=30');
    const rows = readCsv(join(out, 'sweep.csv'));
    // 4 points × 2 strategies × every compared metric; the first parameter varies slowest.
    expect(rows.length % 8).toBe(0);
    expect([...new Set(rows.map((x) => `${x.hosts}/${x.jobs}`))]).toEqual(['1/30', '1/60', '2/30', '2/60']);
    const c = tempDir();
    expect(cli(['compare', path, '--param', 'hosts=1', '--param', 'jobs=60', '--jobs', '1', '--out', c]).code).toBe(0);
    const expected = readFileSync(join(c, 'summary.csv'), 'utf8').trim().split('\n').slice(1);
    const got = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n').filter((l) => l.startsWith('1,60,')).map((l) => l.slice('1,60,'.length));
    expect(got).toEqual(expected);
    expect(readCsv(join(out, 'runs.csv'))).toHaveLength(4 * 2 * 2);
  });

  it('two shards merged give the sweep.csv of one machine', () => {
    const whole = tempDir();
    expect(cli(['sweep', path, '--vary', 'hosts=1,2,3', '--jobs', '2', '--out', whole]).code).toBe(0);
    const shards = tempDir();
    for (const s of ['1/2', '2/2']) {
      const r = cli(['sweep', path, '--vary', 'hosts=1,2,3', '--shard', s, '--jobs', '1', '--out', shards]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`shard ${s}: 6 runs`));
    }
    const files = readdirSync(shards).map((f) => join(shards, f)).sort();
    expect(files).toHaveLength(2);
    const merged = tempDir();
    expect(cli(['sweep', '--merge', ...files, '--out', merged]).code).toBe(0);
    expect(readFileSync(join(merged, 'sweep.csv'), 'utf8')).toBe(readFileSync(join(whole, 'sweep.csv'), 'utf8'));

    const partial = cli(['sweep', '--merge', files[0], '--out', tempDir()]);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain('shards 2/2 are missing');
    const other = tempDir();
    expect(cli(['sweep', path, '--vary', 'hosts=1,2', '--shard', '2/2', '--jobs', '1', '--out', other]).code).toBe(0);
    const mixed = cli(['sweep', '--merge', files[0], join(other, 'sweep-shard-2-of-2.json'), '--out', tempDir()]);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('from another sweep');
  });

  const bad: [string, string[], RegExp][] = [
    ['an undeclared parameter', ['--vary', 'nodes=1,2'], /--vary nodes: .* declares no parameter "nodes" \(declared: hosts, jobs\)/],
    ['a malformed --vary', ['--vary', 'hosts'], /--vary hosts: expected name=value,value/],
    ['a bad value at one point', ['--vary', 'hosts=1,-1'], /fleet\[0\]\.count: /],
    ['a shard out of range', ['--vary', 'hosts=1', '--shard', '3/2'], /--shard 3\/2: expected i\/n with 1 ≤ i ≤ n/],
    ['no --vary', [], /--vary: expected at least one/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 1 on ${what}, writing nothing`, () => {
      const out = join(tempDir(), 'never');
      const r = cli(['sweep', path, ...args, '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }
});
