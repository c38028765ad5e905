/**
 * fleet-ff measured in instructions instead of seconds: the machine's speed moves by 10–30 % within
 * the hour, an instruction count does not. Each side (the kernel through the scenario file and
 * first-fit, and the hand-written loop) runs under valgrind's cachegrind, with V8 single-threaded
 * and predictable so that compilation happens the same way every time, at J and at 2J jobs; the
 * difference divided by J is what one more job costs, start-up and compilation cancelled out.
 * Needs `valgrind` on the PATH (apt-get install valgrind); takes a minute or two.
 *
 * With `--cache`, cachegrind also simulates the data caches and each job's misses are reported:
 * a 32 KB first level and a 512 KB last level, as a core of this kind of machine has when another
 * tenant shares it (its own second level is 1 MB; the shared third level is what other tenants
 * fill). Misses, not instructions, are what a busy machine makes slower: the same build's cold run
 * moves by a sixth from one quarter of an hour to the next while the loop's hardly moves.
 * Four times slower than counting instructions alone.
 *
 *     npm run build && node dist/bench/fleet-ff-instructions.js [hosts] [jobs] [--cache]
 */
import '../cli/v8-inlining.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fleetFf } from './fleet-ff.js';
import { runFleetFfReference } from './fleet-ff-reference.js';

type Side = 'kernel' | 'reference';

/** The child's part: one run of one side, nothing else. */
async function runOnce(side: Side, hosts: number, jobs: number): Promise<void> {
  if (side === 'reference') {
    runFleetFfReference(hosts, jobs, 1);
    return;
  }
  await (await fleetFf(hosts, jobs))().run();
}

/** What one run costs: instructions, and with the cache simulated, first- and last-level data misses. */
interface Cost {
  instructions: number;
  l1Misses: number;
  llMisses: number;
}

/** The first level and the last (size, ways, line) that `--cache` simulates; see above. */
const L1D = '32768,8,64';
const LL = '524288,8,64';

/** What `node <this file> --once side hosts jobs` costs under cachegrind. */
function cost(side: Side, hosts: number, jobs: number, cache: boolean): Promise<Cost> {
  const args = [
    '--tool=cachegrind',
    ...(cache ? ['--cache-sim=yes', `--D1=${L1D}`, `--LL=${LL}`] : ['--cache-sim=no']),
    '--cachegrind-out-file=/dev/null',
    process.execPath,
    '--single-threaded',
    '--predictable',
    fileURLToPath(import.meta.url),
    '--once',
    side,
    String(hosts),
    String(jobs),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'ENOENT' ? 'valgrind is not installed (apt-get install valgrind)' : e.message)),
    );
    child.on('close', (code) => {
      const count = (pattern: RegExp) => {
        const m = pattern.exec(err);
        return m ? Number(m[1].replace(/,/g, '')) : NaN;
      };
      const c = {
        instructions: count(/I\s+refs:\s+([\d,]+)/),
        l1Misses: cache ? count(/D1\s+misses:\s+([\d,]+)/) : 0,
        llMisses: cache ? count(/LLd misses:\s+([\d,]+)/) : 0,
      };
      if (code !== 0 || Object.values(c).some(Number.isNaN)) {
        reject(new Error(`valgrind ${side} ${hosts} ${jobs} exited with ${code}:\n${err.slice(-2000)}`));
      } else resolve(c);
    });
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--once') {
    await runOnce(argv[1] as Side, Number(argv[2]), Number(argv[3]));
    return;
  }
  const cache = argv.includes('--cache');
  const [hosts = 1000, jobs = 100_000] = argv.filter((a) => a !== '--cache').map(Number);
  if (!(hosts > 0 && jobs > 0)) throw new Error('usage: fleet-ff-instructions.js [hosts > 0] [jobs > 0] [--cache]');
  const what = cache ? `instructions and data-cache misses (${L1D.split(',')[0]} B first level, ${LL.split(',')[0]} B last)` : 'instructions';
  console.log(`fleet-ff, H = ${hosts}: ${what} per job (the difference between ${jobs} and ${2 * jobs} jobs)`);
  const perJob = {} as Record<Side, Cost>;
  // Two at a time: one per core.
  for (const side of ['kernel', 'reference'] as const) {
    const [one, two] = await Promise.all([cost(side, hosts, jobs, cache), cost(side, hosts, 2 * jobs, cache)]);
    const per = (k: keyof Cost) => (two[k] - one[k]) / jobs;
    perJob[side] = { instructions: per('instructions'), l1Misses: per('l1Misses'), llMisses: per('llMisses') };
    const p = perJob[side];
    const misses = cache ? `, ${p.l1Misses.toFixed(1)} first-level and ${p.llMisses.toFixed(1)} last-level misses` : '';
    console.log(`${side.padEnd(9)} ${(p.instructions / 1000).toFixed(2)} k instructions${misses} per job`);
  }
  const ratio = (k: keyof Cost) => (perJob.kernel[k] / perJob.reference[k]).toFixed(2);
  const missRatio = cache ? `, ${ratio('l1Misses')}× the first-level misses, ${ratio('llMisses')}× the last-level` : '';
  console.log(`kernel / hand-written loop: ${ratio('instructions')}× the instructions${missRatio}`);
}

main().catch((e: Error) => {
  console.error(`fleet-ff-instructions: ${e.message}`);
  process.exit(1);
});
