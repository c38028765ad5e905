/**
 * bench/fleet-ff-warmup: one cold run's milestones, at a small size. The milestones are the ones
 * the run passed, in order, each later in time, the last one the run's own count of events (two a
 * job); on Linux the CPU split until the warm-up milestone is printed; bad arguments exit 1.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const SCRIPT = join(ROOT, 'dist', 'bench', 'fleet-ff-warmup.js');
const run = (args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });

describe('bench/fleet-ff-warmup', () => {
  it('prints the milestones passed, in order, up to the run’s events', () => {
    const r = run(['8', '30000']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^fleet-ff, H = 8, J = 30000: one cold run, 60,000 events in [\d.]+ s$/m);
    const rows = [...r.stdout.matchAll(/^\s+([\d,]+) events at\s+(\d+) ms  \(-?\d+ ms beyond the steady rate\)$/gm)].map((m) => ({
      events: Number(m[1].replace(/,/g, '')),
      ms: Number(m[2]),
    }));
    // 10k, 20k and 50k are passed (each read at the first batch at or after it), then the end.
    expect(rows).toHaveLength(4);
    expect(rows.map((x) => Math.floor(x.events / 10_000))).toEqual([1, 2, 5, 6]);
    expect(rows[3].events).toBe(60_000);
    for (let k = 1; k < rows.length; k++) {
      expect(rows[k].events).toBeGreaterThan(rows[k - 1].events);
      expect(rows[k].ms).toBeGreaterThanOrEqual(rows[k - 1].ms);
    }
    if (process.platform === 'linux') {
      expect(r.stdout).toMatch(/^CPU until 50,000 events \(\d+ ms\): main thread \d+ ms, other threads \d+ ms$/m);
    }
  });

  it('exits 1 with the usage on bad arguments', () => {
    const r = run(['8', 'many']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('fleet-ff-warmup: usage: fleet-ff-warmup.js [hosts > 0] [jobs > 0] (whole numbers)');
  });
});
