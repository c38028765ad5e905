/**
 * The speed bar of the kernel issue, measured as it is stated: fleet-ff at a given size (default
 * H = 1,000, J = 1,000,000) through the kernel's general path (scenario file, first-fit strategy,
 * metrics) and through the hand-written loop, alternating in one process, with the ratio of their
 * events per second in each round.
 *
 *     npm run build && node --expose-gc dist/bench/fleet-ff-ratio.js [hosts] [jobs] [rounds]
 *
 * With --expose-gc the garbage of each run is collected before the next is timed: otherwise a
 * run pays for collecting its predecessor's (the kernel leaves a million items' outcome log and
 * tables behind, and the loop read up to half its speed in the rounds after the first).
 */
import '../cli/v8-inlining.js';
import { fleetFf } from './fleet-ff.js';
import { runFleetFfReference } from './fleet-ff-reference.js';

const [hosts = 1000, jobs = 1_000_000, rounds = 3] = process.argv.slice(2).map(Number);
const simulation = await fleetFf(hosts, jobs);
const collect = (globalThis as { gc?: () => void }).gc;
console.log(`fleet-ff, H = ${hosts}, J = ${jobs}: events/s of the simulation loop`);
if (!collect) console.log('(without --expose-gc: each run also collects the garbage of the one before)');
for (let r = 1; r <= rounds; r++) {
  collect?.();
  const reference = runFleetFfReference(hosts, jobs, 1);
  collect?.();
  const sim = simulation();
  const { wallSeconds } = await sim.run();
  const kernel = sim.metrics.events / wallSeconds;
  const m = (x: number) => `${(x / 1e6).toFixed(2)} M`;
  console.log(`round ${r}: kernel ${m(kernel)} (${wallSeconds.toFixed(2)} s), hand-written ${m(reference.eventsPerSecond)} (${reference.wallSeconds.toFixed(2)} s), ratio ${(kernel / reference.eventsPerSecond).toFixed(2)}×`);
}
