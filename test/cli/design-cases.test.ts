/**
 * The two hand-checked cases of DESIGN §5, through the real `fleetlab` executable: one core shared
 * 3 : 1 by weight (a ends at 133.33 s, b at 200 s), and the same with `a` using 7 GiB of a 10 GiB
 * instance (a is OOM-killed, b completes).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, readCsv, tempDir, writeScenario } from '../helpers.js';

const design = (memA: number) => ({
  fleet: [{ count: 1, cpu: 1, mem: 10 }],
  workload: {
    items: [
      { id: 'a', at: 0, declared: { cpu: 0.75, mem: 4 }, stages: [{ duration: 100, demand: { cpu: 1, mem: memA } }] },
      { id: 'b', at: 0, declared: { cpu: 0.25, mem: 4 }, stages: [{ duration: 100, demand: { cpu: 1, mem: 4 } }] },
    ],
  },
  strategies: ['first-fit'],
});

describe('DESIGN §5 hand-checked cases through the CLI', () => {
  it('shares one core 3 : 1 by reservation: a ends at 133.33 s, b at 200 s', () => {
    const out = tempDir();
    const r = cli(['run', writeScenario(design(4)), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = readCsv(join(out, 'items.csv'));
    expect(rows.map((x) => [x.id, x.outcome, x.end])).toEqual([
      ['a', 'completed', '133.333333'],
      ['b', 'completed', '200'],
    ]);
  });

  it('OOM-kills a (furthest above its memory reservation) when it uses 7 GiB; b completes', () => {
    const out = tempDir();
    const r = cli(['run', writeScenario(design(7)), '--out', out, '--json']);
    expect(r.code).toBe(0);
    const rows = readCsv(join(out, 'items.csv'));
    expect(rows.map((x) => [x.id, x.outcome, x.cause, x.end])).toEqual([
      ['a', 'failed', 'oom', '0'],
      ['b', 'completed', '', '100'],
    ]);
    const [summary] = JSON.parse(r.stdout);
    expect(summary.failedBy.oom).toBe(1);
    expect(summary.completed).toBe(1);
  });
});
