/**
 * The SWF importer on the two logs of ../shared/traces/swf (one gzip): exact counts, header
 * fields and values; a log whose size field counts processors is converted to nodes per its
 * header; the Theta scenario reproduces the utilisation the traces README states.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSwfHeader, swfJobs } from '../../scenarios/swf.js';
import { inspectTrace } from '../../scenarios/trace-inspect.js';
import { SHARED, cli, readCsv, runSpec, tempDir } from '../helpers.js';

const THETA = join(SHARED, 'traces', 'swf', 'theta_2022.swf');
const NASA = join(SHARED, 'traces', 'swf', 'NASA-iPSC-1993-3.1-cln.swf.gz');

describe('SWF logs', () => {
  it('Theta 2022: 23,911 jobs, header of three lines, exact first job', async () => {
    const h = await readSwfHeader(THETA);
    expect(h).toMatchObject({ unixStartTime: 0, maxNodes: 4360, maxProcs: 4360 });
    let n = 0;
    let first: Float64Array | undefined;
    for await (const j of swfJobs(THETA)) {
      first ??= j.values;
      n++;
    }
    expect(n).toBe(23911);
    // "1 1641021254 52645 10849 128 -1 -1 128 10800 -1 0 -1 -1 -1 -1 -1 -1 0"
    expect(Array.from(first!)).toEqual([1, 1641021254, 52645, 10849, 128, -1, -1, 128, 10800, -1, 0, -1, -1, -1, -1, -1, -1, 0]);
  });

  it('NASA iPSC (gzip): 18,239 jobs, UnixStartTime 749458803, 128 nodes, 1,044 jobs without an application', async () => {
    const r = await inspectTrace(NASA);
    expect(r.rows).toBe(18239);
    expect(r.swf!.header.UnixStartTime).toBe('749458803');
    expect(r.swf!.header.Computer).toBe('Intel iPSC/860');
    expect(r.swf!.processorsPerNode).toBe(1);
    const app = r.columns.find((c) => c.name === 'application')!;
    expect([app.empty, app.min, app.max]).toEqual([1044, 1, 493]);
    const user = r.columns.find((c) => c.name === 'user')!;
    expect([user.min, user.max]).toEqual([1, 69]);
  });

  it('converts a size field that counts processors into nodes, per the header', async () => {
    // 16 processors on 4 nodes: 4 per node. A job of 8 processors needs 2 nodes; 5 need 2 too.
    const file = join(tempDir(), 'small.swf');
    writeFileSync(
      file,
      [
        '; MaxNodes: 4',
        '; MaxProcs: 16',
        '1 0 -1 100 8 -1 -1 8 200 -1 1 7 1 3 -1 -1 -1 -1',
        '2 10 -1 50 5 -1 -1 5 60 -1 1 7 1 3 -1 -1 -1 -1',
        '3 20 -1 50 16 -1 -1 16 60 -1 1 8 1 4 -1 -1 -1 -1',
      ].join('\n'),
    );
    const { items, sim } = await runSpec({ fleet: [{ swf: { path: file } }], workload: { swf: [{ path: file }] }, strategies: ['first-fit'] });
    // The machine has 4 nodes. Jobs 1 and 2 (2 nodes each) run together; job 3 (all 4) waits for both.
    expect(sim.fleet.capacity[0]).toBe(4);
    expect(items.get('swf0-1')!.end).toBe(100);
    expect(items.get('swf0-2')!.end).toBe(60);
    expect([items.get('swf0-3')!.start, items.get('swf0-3')!.end]).toEqual([100, 150]);
  });

  it('a malformed line stops the run naming file and line', async () => {
    const file = join(tempDir(), 'bad.swf');
    writeFileSync(file, '; MaxNodes: 4\n1 0 -1 100 8 -1 -1 8 200 -1 1 7 1 3 -1 -1 -1\n');
    await expect(runSpec({ fleet: [{ swf: { path: file } }], workload: { swf: [{ path: file }] }, strategies: ['first-fit'] })).rejects.toThrow(
      `${file}: line 2: expected 18 fields (Standard Workload Format), found 17`,
    );
  });

  it('swf-theta runs Theta as published, and NASA by changing only the path', () => {
    const theta = cli(['run', 'swf-theta', '--out', tempDir(), '--json']);
    expect(theta.code, theta.stderr).toBe(0);
    const [t] = JSON.parse(theta.stdout);
    expect(t.items).toBe(23911);
    // The traces README: "the node-time used is 76 % of the machine's capacity over the year".
    expect(t.utilization.cpu).toBeCloseTo(0.76, 2);
    const out = tempDir();
    const nasa = cli(['run', 'swf-theta', '--param', `log=${NASA}`, '--out', out, '--json']);
    expect(nasa.code, nasa.stderr).toBe(0);
    const [n] = JSON.parse(nasa.stdout);
    expect(n.items).toBe(18239);
    // "NASA iPSC uses 47 % of its 128 nodes".
    expect(n.utilization.cpu).toBeCloseTo(0.47, 2);
    const rows = readCsv(join(out, 'items.csv'));
    expect(rows[0]).toMatchObject({ id: 'job-1', arrival: '0', end: '1451' });
  });
});
