/**
 * fleet-ff measured in instructions instead of seconds: the machine's speed moves by 10–30 % within
 * the hour, an instruction count does not. Each side (the kernel through the scenario file and
 * first-fit, and the hand-written loop) runs under valgrind's cachegrind, with V8 single-threaded
 * and predictable so that compilation happens the same way every time, at J and at 2J jobs; the
 * difference divided by J is what one more job costs, start-up and compilation cancelled out.
 * Needs `valgrind` on the PATH (apt-get install valgrind); takes a minute or two.
 *
 *     npm run build && node dist/bench/fleet-ff-instructions.js [hosts] [jobs]
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

/** Instructions executed by `node <this file> --once side hosts jobs` under cachegrind. */
function instructions(side: Side, hosts: number, jobs: number): Promise<number> {
  const args = [
    '--tool=cachegrind',
    '--cache-sim=no',
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
      const m = /I\s+refs:\s+([\d,]+)/.exec(err);
      if (code !== 0 || !m) reject(new Error(`valgrind ${side} ${hosts} ${jobs} exited with ${code}:\n${err.slice(-2000)}`));
      else resolve(Number(m[1].replace(/,/g, '')));
    });
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--once') {
    await runOnce(argv[1] as Side, Number(argv[2]), Number(argv[3]));
    return;
  }
  const [hosts = 1000, jobs = 100_000] = argv.map(Number);
  if (!(hosts > 0 && jobs > 0)) throw new Error('usage: fleet-ff-instructions.js [hosts > 0] [jobs > 0]');
  console.log(`fleet-ff, H = ${hosts}: instructions per job (the difference between ${jobs} and ${2 * jobs} jobs)`);
  const perJob: Record<Side, number> = { kernel: 0, reference: 0 };
  // Two at a time: one per core.
  for (const side of ['kernel', 'reference'] as const) {
    const [one, two] = await Promise.all([instructions(side, hosts, jobs), instructions(side, hosts, 2 * jobs)]);
    perJob[side] = (two - one) / jobs;
    console.log(`${side.padEnd(9)} ${(perJob[side] / 1000).toFixed(2)} k instructions per job`);
  }
  console.log(`kernel / hand-written loop: ${(perJob.kernel / perJob.reference).toFixed(2)}× the instructions`);
}

main().catch((e: Error) => {
  console.error(`fleet-ff-instructions: ${e.message}`);
  process.exit(1);
});
