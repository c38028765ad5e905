/**
 * bench/fleet-ff-cold: the cold-run pairs of the kernel issue's speed bar, at a small size. Each pair
 * runs the real CLI and the loop in processes of their own and checks they simulated the same
 * events; the script prints one line per pair and the median (with two pairs, no 95 % interval),
 * leaves no output folder behind, and exits 1 on bad arguments.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const SCRIPT = join(ROOT, 'dist', 'bench', 'fleet-ff-cold.js');
const run = (args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
const leftovers = () => readdirSync(tmpdir()).filter((f) => f.startsWith('fleetlab-cold-'));

describe('bench/fleet-ff-cold', () => {
  it('prints a ratio per pair and their median, and removes the CLI outputs', () => {
    const before = leftovers().length;
    const r = run(['8', '3000', '2']);
    expect(r.status, r.stderr).toBe(0);
    const pairs = r.stdout.split('\n').filter((l) => /^pair \d+: kernel [\d.]+ M events\/s .* ratio [\d.]+×$/.test(l));
    expect(pairs).toHaveLength(2);
    expect(r.stdout).toMatch(
      /^median [\d.]+× \(too few pairs for a 95 % interval \(6 or more\); range [\d.]+–[\d.]+×\); \d of 2 pairs at or above 0\.5×$/m,
    );
    expect(leftovers().length).toBe(before);
  });

  it('exits 1 with the usage on bad arguments', () => {
    const r = run(['1000', 'many']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('usage: fleet-ff-cold.js [hosts > 0] [jobs > 0] [pairs > 0]');
  });
});
