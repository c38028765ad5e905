/**
 * Scenario files: parameters and substitution, --set, and bad input — exit 1 with a message that
 * names the file, the field and what was expected, and no output written.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../scenarios/expression.js';
import { InputError } from '../../scenarios/input-error.js';
import { parseScenario } from '../../scenarios/load.js';
import { cli, tempDir, writeScenario } from '../helpers.js';

const base = `
params: {hosts: 4, rate: 0.5}
fleet: [{name: h, count: "\${hosts}", cpu: 8, mem: 32}]
workload:
  generators:
    - kind: job
      count: 10
      rate: \${rate * 2}
      declared: {cpu: 1}
      duration: 10
strategies: [first-fit]
`;

describe('parameters, substitution and overrides', () => {
  it('substitutes ${name} and arithmetic, keeping numbers as numbers', () => {
    const s = parseScenario(base, 'x.yaml');
    expect(s.spec.fleet[0].count).toBe(4);
    expect(s.spec.workload.generators![0].rate).toBe(1);
  });

  it('--param overrides a default; --set overrides any field after substitution', () => {
    const s = parseScenario(base, 'x.yaml', { params: { hosts: '7' }, set: ['fleet.0.cpu=16', 'seeds=[3, 4]'] });
    expect(s.spec.fleet[0].count).toBe(7);
    expect(s.spec.fleet[0].cpu).toBe(16);
    expect(s.seeds).toEqual([3, 4]);
  });

  it('evaluates the expression language', () => {
    expect(evaluate('0.85 * hosts * 64 / (6.2 * 600)', { hosts: 100 })).toBeCloseTo(1.4624, 4);
    expect(evaluate('max(2, n) ^ 2 - -1', { n: 3 })).toBe(10);
    expect(evaluate('name', { name: 'trace.csv' })).toBe('trace.csv');
  });

  const bad: [string, string, RegExp][] = [
    ['an unknown parameter', base.replace('${rate * 2}', '${speed}'), /workload\.generators\[0\]\.rate: unknown parameter "speed".*declared: hosts, rate/],
    ['a wrong type', base.replace('cpu: 8', 'cpu: eight'), /fleet\[0\]\.cpu: .*expected number/],
    ['a bad distribution', base.replace('duration: 10', 'duration: {gamma: 2}'), /generators\[0\]\.duration: unknown distribution "gamma"; expected a number, \{const: x\}/],
    ['an unknown strategy', base.replace('[first-fit]', '[fastest-fit]'), /strategies\[0\]: unknown strategy "fastest-fit"; expected one of first-fit/],
    ['an unknown resource', base.replace('cpu: 8,', 'cpu: 8, tpu: 2,'), /fleet\[0\]\.tpu: unknown resource "tpu"/],
    ['a missing section', base.replace('strategies: [first-fit]', ''), /strategies: .*expected array/],
    ['an unknown field', base.replace('params:', 'parms: {}\nparams:'), /parms|Unrecognized key/],
    ['invalid YAML', base.replace('fleet: [', 'fleet: [[['), /x\.yaml:\d+:\d+: invalid YAML/],
    ['a strategy option of the wrong type', base.replace('[first-fit]', '[{name: vpa, margin: lots}]'), /strategies\[0\]\.margin: vpa: .*expected number/],
    ['an unknown strategy option', base.replace('[first-fit]', '[{name: vpa, margn: 0.2}]'), /strategies\[0\]: vpa: .*margn/],
    ['options a strategy without any does not take', base.replace('[first-fit]', '[{name: first-fit, margin: 1}]'), /strategies\[0\]: first-fit: .*margin/],
    ['a sandbox group the fleet lacks', base.replace('[first-fit]', '[shadow-profiling]'), /strategies\[0\]: shadow-profiling: its sandbox pool comes from a fleet group named "sandbox", and the fleet has "h" \(add one with count: 0, or set sandboxGroup\)/],
    ['a cap on an unknown dimension', base.replace('[first-fit]', '[{name: shadow-profiling, sandboxGroup: h, cap: {tpu: 1}}]'), /strategies\[0\]: shadow-profiling: cap\.tpu: unknown dimension; expected one of cpu, mem, io, net/],
    ['a scaled group the fleet lacks', base.replace('[first-fit]', '[{name: predictive-scaling, group: build}]'), /strategies\[0\]: predictive-scaling: group: no fleet group "build"/],
    ['an unquoted ${} in a flow mapping', base.replace('"${hosts}"', '${hosts}'), /x\.yaml:3:\d+: invalid YAML: .*put \$\{\.\.\.\} in quotes inside \[ \] or \{ \}/],
  ];
  for (const [what, text, message] of bad) {
    it(`rejects ${what} with the file, field and what was expected`, () => {
      expect(() => parseScenario(text, 'x.yaml')).toThrow(InputError);
      expect(() => parseScenario(text, 'x.yaml')).toThrow(message);
    });
  }

  it('rejects an unknown --param naming the declared ones', () => {
    expect(() => parseScenario(base, 'x.yaml', { params: { nodes: '3' } })).toThrow(/--param nodes: .*declared: hosts, rate/);
  });
});

describe('the CLI on bad input', () => {
  it('exits 1 naming the file, and writes nothing', () => {
    const out = join(tempDir(), 'never');
    const path = writeScenario(base.replace('cpu: 8', 'cpu: -8'));
    const r = cli(['run', path, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: fleet\\[0\\]\\.cpu: `));
    expect(existsSync(out)).toBe(false);
  });

  it('exits 1 for a missing file', () => {
    const r = cli(['run', 'no/such/scenario.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no/such/scenario.yaml: cannot read the scenario file (ENOENT)');
  });

  it('exits 1 for an unknown strategy on the command line', () => {
    const r = cli(['run', writeScenario(base), '--strategy', 'magic', '--out', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/with --strategy: unknown strategy "magic"; expected one of first-fit/);
  });

  it('exits 1 when a strategy named on the command line cannot work with the scenario', () => {
    const path = writeScenario(base);
    const r = cli(['run', path, '--strategy', 'shadow-profiling', '--out', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path} with --strategy: shadow-profiling: its sandbox pool comes from a fleet group named "sandbox", and the fleet has "h"`);
  });

  it('lists strategies and scenarios', () => {
    const s = cli(['strategies']);
    expect(s.code).toBe(0);
    for (const name of ['first-fit', 'best-fit', 'least-allocated', 'most-allocated', 'balanced-allocation']) {
      expect(s.stdout).toMatch(new RegExp(`^${name}\\s+baseline\\s+\\S`, 'm'));
    }
    const sc = cli(['scenarios']);
    expect(sc.stdout).toMatch(/^scenarios\/fleet-ff\.yaml\s+The reference kernel workload/m);
    expect(sc.stdout).toMatch(/^scenarios\/default\.yaml\s+\S/m);
  });

  it('runs a shipped scenario by name with --param, printing JSON', () => {
    const r = cli(['run', 'fleet-ff', '--param', 'hosts=4', '--param', 'jobs=300', '--out', tempDir(), '--json']);
    expect(r.code).toBe(0);
    const [s] = JSON.parse(r.stdout);
    expect([s.scenario, s.strategy, s.seed, s.items, s.completed, s.events]).toEqual(['fleet-ff', 'first-fit', 1, 300, 300, 600]);
  });
});
