/**
 * The kernel issue's speed bar measured as a user meets it: `fleetlab run scenarios/fleet-ff.yaml
 * --param hosts=H --param jobs=J --json`, cold, in a process of its own, alternating with the
 * hand-written loop, also cold in a process of its own; each pair's events/s and ratio, then the
 * median ratio with its 95 % interval (from order statistics: a slow outlier moves it no more than
 * any other pair below the median). Alternating pairs, because this machine's speed moves within
 * minutes and both halves of a pair meet the same minute.
 *
 *     npm run build && node dist/bench/fleet-ff-cold.js [hosts] [jobs] [pairs]
 *
 * Defaults: H = 1,000, J = 1,000,000, 10 pairs (about 20 s). The CLI's outputs go to a temporary
 * folder, removed afterwards.
 */
import { execFileSync } from 'node:child_process';
import { extent } from 'd3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT, SCENARIO_DIR } from '../cli/paths.js';
import { medianInterval } from '../reports/statistics.js';
import { runFleetFfReference } from './fleet-ff-reference.js';

interface Side {
  events: number;
  completed: number;
  wallSeconds: number;
  eventsPerSecond: number;
}

/** One cold CLI run: its summary's own figures. */
function kernelRun(hosts: number, jobs: number, out: string): Side {
  const cli = join(PACKAGE_ROOT, 'dist', 'cli', 'fleetlab.js');
  const args = [cli, 'run', join(SCENARIO_DIR, 'fleet-ff.yaml'), '--param', `hosts=${hosts}`, '--param', `jobs=${jobs}`, '--json', '--out', out];
  const [row] = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 })) as Side[];
  return row;
}

/** One cold run of the hand-written loop, in a child process running this file with --loop. */
function loopRun(hosts: number, jobs: number): Side {
  const args = [fileURLToPath(import.meta.url), '--loop', String(hosts), String(jobs)];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as Side;
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === '--loop') {
    const r = runFleetFfReference(Number(argv[1]), Number(argv[2]), 1);
    console.log(JSON.stringify({ events: r.events, completed: r.completed, wallSeconds: r.wallSeconds, eventsPerSecond: r.eventsPerSecond }));
    return;
  }
  const [hosts = 1000, jobs = 1_000_000, pairs = 10] = argv.map(Number);
  if (!(Number.isInteger(hosts) && hosts > 0 && Number.isInteger(jobs) && jobs > 0 && Number.isInteger(pairs) && pairs > 0)) {
    throw new Error('usage: fleet-ff-cold.js [hosts > 0] [jobs > 0] [pairs > 0] (whole numbers)');
  }
  console.log(`fleet-ff, H = ${hosts}, J = ${jobs}: cold runs, one process each, kernel (fleetlab run --json) and hand-written loop alternating`);
  const out = mkdtempSync(join(tmpdir(), 'fleetlab-cold-'));
  const ratios: number[] = [];
  const m = (x: number) => `${(x / 1e6).toFixed(2)} M`;
  try {
    for (let p = 1; p <= pairs; p++) {
      const kernel = kernelRun(hosts, jobs, out);
      const loop = loopRun(hosts, jobs);
      if (kernel.completed !== jobs || kernel.events !== loop.events) {
        throw new Error(`pair ${p}: the kernel completed ${kernel.completed} of ${jobs} jobs in ${kernel.events} events, the loop ${loop.completed} in ${loop.events}`);
      }
      const ratio = kernel.eventsPerSecond / loop.eventsPerSecond;
      ratios.push(ratio);
      console.log(
        `pair ${p}: kernel ${m(kernel.eventsPerSecond)} events/s (${kernel.wallSeconds.toFixed(2)} s), ` +
          `hand-written ${m(loop.eventsPerSecond)} (${loop.wallSeconds.toFixed(2)} s), ratio ${ratio.toFixed(2)}×`,
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const [low, high] = extent(ratios) as [number, number];
  const atBar = ratios.filter((r) => r >= 0.5).length;
  const ci = medianInterval(ratios);
  const interval = Number.isFinite(ci.low)
    ? `95 % interval ${ci.low.toFixed(2)}–${ci.high.toFixed(2)}×`
    : 'too few pairs for a 95 % interval (6 or more)';
  console.log(`median ${ci.median.toFixed(2)}× (${interval}; range ${low.toFixed(2)}–${high.toFixed(2)}×); ${atBar} of ${pairs} pairs at or above 0.5×`);
}

try {
  main();
} catch (e) {
  console.error(`fleet-ff-cold: ${(e as Error).message}`);
  process.exit(1);
}
