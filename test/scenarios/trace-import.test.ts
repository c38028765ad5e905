/**
 * The generic trace importer and the openb fleet/pods mapping, against the files in
 * ../shared/traces: row counts and exact values; malformed rows and missing columns.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenarios/load.js';
import { prepareScenario } from '../../scenarios/prepare.js';
import { ROOT, SHARED, cli, readCsv, runSpec, runWith, tempDir } from '../helpers.js';

const OPENB = join(ROOT, 'scenarios', 'openb-replay.yaml');

describe('openb: node list → fleet', () => {
  it('reads all 1,523 nodes with their capacities and GPU models', async () => {
    const prepared = await prepareScenario(await loadScenario(OPENB));
    const total = prepared.initial.reduce((n, g) => n + g.count, 0);
    expect(total).toBe(1523);
    const dims = prepared.scenario.dims;
    // openb-node-0000: 32000 millicores, 262144 MiB, no GPU → the first group.
    const g0 = prepared.groups[0];
    expect([g0.capacity[0], g0.capacity[1], g0.capacity[dims.index('gpu')]]).toEqual([32, 256, 0]);
    expect(g0.labels).toEqual({});
    // 310 nodes have no GPU model (README); every other node carries its model as a label.
    const unlabelled = prepared.initial.filter((x) => prepared.groups[x.group].labels.accelerator === undefined);
    expect(unlabelled.reduce((n, g) => n + g.count, 0)).toBe(310);
    const models = new Set(prepared.groups.map((g) => g.labels.accelerator).filter(Boolean));
    expect([...models].sort()).toEqual(['A10', 'G2', 'G3', 'P100', 'T4', 'V100M16', 'V100M32']);
  });
});

describe('openb: pods → jobs, replayed', () => {
  it('accounts for all 8,152 pods with their exact requests, under every baseline', async () => {
    for (const strategy of ['first-fit', 'best-fit', 'least-allocated', 'most-allocated', 'balanced-allocation']) {
      const out = tempDir();
      const r = cli(['run', OPENB, '--strategy', strategy, '--out', out, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const [s] = JSON.parse(r.stdout);
      expect(s.completed + s.failed + s.rejected).toBe(8152);
      if (strategy === 'first-fit') {
        const items = readCsv(join(out, 'items.csv'));
        expect(items).toHaveLength(8152);
        // openb-pod-0001: created at 427061, scheduled 427061, deleted 12902960.
        const p1 = items.find((x) => x.id === 'openb-pod-0001')!;
        expect([p1.arrival, p1.start, p1.end]).toEqual(['427061', '427061', '12902960']);
        // openb-pod-1002 was Pending (no scheduled_time): it runs the stated default of one day.
        const p2 = items.find((x) => x.id === 'openb-pod-1002')!;
        expect(Number(p2.end) - Number(p2.start)).toBe(86400);
      }
    }
  });

  it('declares cpu, memory and GPU (whole or shared) from the row', async () => {
    const seen: number[][] = [];
    let api: import('../../sim/api.js').SimulationApi;
    const recorder: import('../../sim/api.js').Strategy = {
      name: 'record',
      init: (s) => (api = s),
      onArrival: (i) => {
        seen.push([api.arrival(i), ...Array.from(api.declaredVector(i))]);
        api.reject(i);
      },
    };
    await runWith(
      {
        dimensions: { gpu: 'count' },
        fleet: [{ count: 1, cpu: 100, mem: 1000, gpu: 8 }],
        workload: {
          traces: [
            {
              path: join(SHARED, 'traces', 'openb', 'openb_pod_list_default.csv'),
              at: 'creation_time',
              duration: 10,
              limit: 2,
              declared: { cpu: { column: 'cpu_milli', scale: 0.001 }, mem: { column: 'memory_mib', scale: 1 / 1024 }, gpu: { expr: 'num_gpu * gpu_milli / 1000' } },
            },
          ],
        },
      },
      recorder,
    );
    // Dimensions: cpu, mem, io, net, gpu. Pod 0: 12000 m, 16384 MiB, 1 × 1000; pod 1: 6000 m,
    // 12288 MiB, a 460-thousandths share of one GPU.
    expect(seen).toEqual([
      [0, 12, 16, 0, 0, 1],
      [427061, 6, 12, 0, 0, 0.46],
    ]);
  });
});

describe('bad input in a trace', () => {
  const trace = (file: string, extra: object = {}) => ({
    fleet: [{ count: 2, cpu: 8, mem: 32 }],
    workload: { traces: [{ path: file, at: 'at', duration: 'dur', declared: { cpu: 'cpu' }, ...extra }] },
    strategies: ['first-fit'],
  });
  const csv = (text: string) => {
    const path = join(tempDir(), 'rows.csv');
    writeFileSync(path, text);
    return path;
  };

  it('a malformed row stops the run naming file, line and column', async () => {
    const file = csv('at,dur,cpu\n0,10,1\n5,ten,1\n9,10,1\n');
    await expect(runSpec(trace(file))).rejects.toThrow(`${file}: line 3, column dur: expected a number, found "ten"`);
  });

  it('names the right line far into a long file (rows are read in batches)', async () => {
    const rows = Array.from({ length: 5000 }, (_, k) => `${k},10,1`);
    rows[3456] = '3456,10,lots';
    const file = csv(`at,dur,cpu\n${rows.join('\n')}\n`);
    await expect(runSpec(trace(file))).rejects.toThrow(`${file}: line 3458, column cpu: expected a number, found "lots"`);
    const { summary } = await runSpec(trace(file, { skipBadRows: true }));
    expect([summary.items, summary.completed, summary.skippedRows]).toEqual([4999, 4999, 1]);
  });

  it('skipBadRows counts the malformed rows and runs the rest', async () => {
    const file = csv('at,dur,cpu\n0,10,1\n5,ten,1\n9,10,x\n12,10,1\n');
    const { summary } = await runSpec(trace(file, { skipBadRows: true }));
    expect([summary.items, summary.completed, summary.skippedRows]).toEqual([2, 2, 2]);
  });

  it('a missing column stops the run listing the columns found', async () => {
    const file = csv('time,dur,cpu\n0,10,1\n');
    await expect(runSpec(trace(file))).rejects.toThrow(`${file}: missing column "at"; columns found: time, dur, cpu`);
  });

  it('through the CLI: exit 1, and --skip-bad-rows turns it into a count', () => {
    const file = csv('at,dur,cpu\n0,10,1\n5,ten,1\n');
    const scenario = join(tempDir(), 's.yaml');
    writeFileSync(scenario, JSON.stringify(trace(file)));
    const bad = cli(['run', scenario, '--out', tempDir()]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 3, column dur');
    const skipped = cli(['run', scenario, '--out', tempDir(), '--skip-bad-rows', '--json']);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(JSON.parse(skipped.stdout)[0].skippedRows).toBe(1);
  });
});
