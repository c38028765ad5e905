/**
 * Where a cold run's first tenth of a second goes. One cold run of fleet-ff through the kernel
 * (the shipped scenario, first-fit, seed 1) in this process, with the time each milestone of events
 * was reached, the steady rate of the run's second half, and what the milestones cost beyond it:
 * the warm-up. On Linux, also the CPU time of the main thread and of the process's other threads
 * (V8's compiler and GC workers) until the warm-up milestone and after it, read from
 * /proc/self/task in the kernel's 10 ms ticks: a warm-up spent compiling shows as the other
 * threads' time, and as the main thread getting less than the wall time on a busy machine.
 *
 *     npm run build && node dist/bench/fleet-ff-warmup.js [hosts] [jobs]
 *
 * Defaults: H = 1,000, J = 1,000,000. Progress is read when the workload source is asked for its
 * next batch (every 256 arrivals), through the source's public `fill`, so the kernel runs as it
 * does under the CLI.
 */
import '../cli/v8-inlining.js';
import { readdirSync, readFileSync } from 'node:fs';
import { fleetFf } from './fleet-ff.js';

/** Events by which the kernel's code is taken as compiled (see the README's Speed section). */
const WARM = 50_000;
const MILESTONES = [10_000, 20_000, WARM, 100_000, 200_000, 500_000, 1_000_000, 2_000_000];

/** CPU milliseconds per thread (user + system), or undefined where /proc is not there. */
function threadTimes(): Map<string, number> | undefined {
  try {
    const times = new Map<string, number>();
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      times.set(tid, (Number(fields[11]) + Number(fields[12])) * 10);
    }
    return times;
  } catch {
    return undefined;
  }
}

/** Main thread's and the other threads' CPU milliseconds between two readings. */
function split(from: Map<string, number>, to: Map<string, number>): { main: number; others: number } {
  const mainTid = String(process.pid);
  let main = 0;
  let others = 0;
  for (const [tid, ms] of to) {
    const d = ms - (from.get(tid) ?? 0);
    if (tid === mainTid) main += d;
    else others += d;
  }
  return { main, others };
}

async function main(): Promise<void> {
  const [hosts = 1000, jobs = 1_000_000] = process.argv.slice(2).map(Number);
  if (!(Number.isInteger(hosts) && hosts > 0 && Number.isInteger(jobs) && jobs > 0)) {
    throw new Error('usage: fleet-ff-warmup.js [hosts > 0] [jobs > 0] (whole numbers)');
  }
  const sim = (await fleetFf(hosts, jobs))();
  const reached: [number, number][] = [];
  let next = 0;
  let atWarm: Map<string, number> | undefined;
  let started = 0;
  const source = sim.sources[0];
  const fill = source.fill.bind(source);
  source.fill = (sink, max) => {
    const events = sim.metrics.events;
    if (next < MILESTONES.length && events >= MILESTONES[next]) {
      reached.push([events, performance.now() - started]);
      while (next < MILESTONES.length && events >= MILESTONES[next]) next++;
      if (atWarm === undefined && events >= WARM) atWarm = threadTimes();
    }
    return fill(sink, max);
  };
  const before = threadTimes();
  started = performance.now();
  const { wallSeconds } = await sim.run();
  const after = threadTimes();
  const events = sim.metrics.events;
  reached.push([events, wallSeconds * 1000]);

  // The steady rate: events per ms over the run's second half.
  const half = reached.find(([e]) => e >= events / 2) ?? reached[0];
  const rate = (events - half[0]) / (wallSeconds * 1000 - half[1]);
  console.log(`fleet-ff, H = ${hosts}, J = ${jobs}: one cold run, ${events.toLocaleString('en')} events in ${wallSeconds.toFixed(3)} s`);
  console.log(`steady rate (second half): ${(rate / 1000).toFixed(2)} M events/s`);
  for (const [e, ms] of reached) {
    const extra = ms - e / rate;
    console.log(`  ${e.toLocaleString('en').padStart(9)} events at ${ms.toFixed(0).padStart(4)} ms  (${extra.toFixed(0)} ms beyond the steady rate)`);
  }
  if (before && atWarm && after) {
    const w = split(before, atWarm);
    const r = split(atWarm, after);
    const warmMs = reached.find(([e]) => e >= WARM)?.[1] ?? 0;
    console.log(`CPU until ${WARM.toLocaleString('en')} events (${warmMs.toFixed(0)} ms): main thread ${w.main} ms, other threads ${w.others} ms`);
    console.log(`CPU after it: main thread ${r.main} ms, other threads ${r.others} ms (10 ms ticks)`);
  }
}

try {
  await main();
} catch (e) {
  console.error(`fleet-ff-warmup: ${(e as Error).message}`);
  process.exit(1);
}
