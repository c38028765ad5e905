/**
 * fleetlab — the command line. Exit codes: 0 success, 1 bad input (the message names the file,
 * field or line and what was expected), 2 internal error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Command } from 'commander';
import YAML from 'yaml';
import { InputError } from '../scenarios/input-error.js';
import { loadScenario } from '../scenarios/load.js';
import { STRATEGIES } from '../strategies/index.js';
import type { BenchFlags } from './bench.js';
import type { CompareFlags } from './compare.js';
import { collect, parseList, parseParams, parseSeeds, positiveInt } from './options.js';
import { PACKAGE_ROOT, scenarioFile, shippedScenarios } from './paths.js';
import { runScenario, writeRunOutputs } from './run.js';
import type { SweepRow } from './sweep.js';
import { printRunTable } from './table.js';

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };

export function program(): Command {
  const cmd = new Command('fleetlab')
    .description('Discrete-event simulator and benchmarking lab for predictive resource allocation')
    .version(pkg.version)
    .showHelpAfterError();

  cmd
    .command('run <scenario>')
    .description('run a scenario under a strategy and seed; writes summary.json, summary.csv, items.csv, timeseries.csv')
    .option('--strategy <names>', 'strategy (comma-separated or repeated; default: the scenario\'s first)', collect, [])
    .option('--seed <seeds>', 'seed (comma-separated or repeated; default: the scenario\'s first)', collect, [])
    .option('--out <dir>', 'output folder (default: out/<scenario>)')
    .option('--json', 'print the summary as JSON on stdout')
    .option('--param <name=value>', 'override a scenario parameter', collect, [])
    .option('--set <path=value>', 'override any scenario field, e.g. fleet.0.count=1000', collect, [])
    .option('--skip-bad-rows', 'skip and count malformed trace rows instead of stopping')
    .action(async (file: string, o: RunFlags) => {
      const scenario = await loadScenario(scenarioFile(file), { params: parseParams(o.param), set: o.set, skipBadRows: o.skipBadRows });
      const runs = await runScenario(scenario, { strategies: parseList(o.strategy), seeds: parseSeeds(o.seed) });
      const dir = o.out ?? join('out', scenario.name);
      const written = await writeRunOutputs(dir, runs);
      if (o.json) {
        process.stdout.write(`${JSON.stringify(runs.map((r) => r.summary), null, 2)}\n`);
      } else {
        printRunTable(runs.map((r) => r.summary));
        console.log(`\noutputs in ${dir}/: ${written.map((f) => relative(dir, f)).join(', ')}`);
      }
    });

  cmd
    .command('compare <scenario>')
    .description('run strategies × seeds on worker threads, paired by seed; writes summary.csv, runs.csv, timeseries.csv, report.json, report.html')
    .option('--strategies <names>', "strategies to compare (comma-separated; default: the scenario's)", collect, [])
    .option('--seeds <n|list>', 'number of seeds (1..N) or a list like 3,5,8 (default: the scenario\'s)')
    .option('--jobs <n>', 'worker threads (default: the number of cores)')
    .option('--baseline <name>', "strategy that differences are paired against (default: the scenario's report.baseline, else the first)")
    .option('--out <dir>', 'output folder (default: out/<scenario>)')
    .option('--json', 'print the comparison rows as JSON on stdout')
    .option('--markdown <file>', 'also write the key metrics as a Markdown table to this file')
    .option('--param <name=value>', 'override a scenario parameter', collect, [])
    .option('--set <path=value>', 'override any scenario field', collect, [])
    .option('--skip-bad-rows', 'skip and count malformed trace rows instead of stopping')
    .action(async (file: string, o: CompareFlags & { skipBadRows?: boolean; markdown?: string }) => {
      const { compare, defaultJobs, printComparison } = await import('./compare.js');
      const { markdownTable } = await import('../reports/markdown.js');
      const seeds =
        o.seeds === undefined ? undefined : /^\d+$/.test(o.seeds) ? range(positiveInt('--seeds', o.seeds)) : parseSeeds([o.seeds]);
      const result = await compare({
        scenarioPath: scenarioFile(file),
        load: { params: parseParams(o.param), set: o.set, skipBadRows: o.skipBadRows },
        strategies: parseList(o.strategies),
        seeds,
        jobs: o.jobs === undefined ? defaultJobs() : positiveInt('--jobs', o.jobs),
        out: o.out,
        baseline: o.baseline,
        version: pkg.version,
        command: ['fleetlab', ...process.argv.slice(2)].join(' '),
        progress: process.stderr.isTTY === true && !o.json,
      });
      if (o.markdown) {
        const command = ['fleetlab', ...process.argv.slice(2).filter((a, i, all) => a !== '--markdown' && all[i - 1] !== '--markdown')].join(' ');
        writeFileSync(o.markdown, markdownTable(result.scenario, command, result.rows, result.names, result.baseline, result.seeds.length));
      }
      if (o.json) {
        process.stdout.write(`${JSON.stringify(result.rows, null, 2)}\n`);
        return;
      }
      printComparison(result.rows, result.names);
      console.log(`\n* the 95 % interval of the paired difference to ${result.baseline} excludes zero (${result.seeds.length} seeds)`);
      console.log(`report: ${join(result.dir, 'report.html')}`);
      console.log(`outputs in ${result.dir}/: ${result.files.map((f) => relative(result.dir, f)).join(', ')}`);
    });

  cmd
    .command('sweep [scenario]')
    .description('compare strategies at every point of a parameter grid (--vary name=a,b,c), paired by seed at each point; writes sweep.csv and runs.csv')
    .option('--vary <name=values>', 'a scenario parameter and its values, e.g. hosts=4,8,16 (repeat for a grid)', collect, [])
    .option('--strategies <names>', "strategies to compare (comma-separated; default: the scenario's)", collect, [])
    .option('--seeds <n|list>', "number of seeds (1..N) or a list like 3,5,8 (default: the scenario's)")
    .option('--jobs <n>', 'worker threads (default: the number of cores)')
    .option('--baseline <name>', "strategy that differences are paired against (default: the scenario's report.baseline, else the first)")
    .option('--out <dir>', 'output folder (default: out/<scenario>-sweep)')
    .option('--markdown <file>', 'also write one Markdown table per point to this file')
    .option('--shard <i/n>', 'run only shard i of n (every n-th run) and write it to a shard file for --merge')
    .option('--merge <files...>', 'join the shard files of one sweep into its outputs (no scenario argument)')
    .option('--param <name=value>', 'override a scenario parameter at every point', collect, [])
    .option('--set <path=value>', 'override any scenario field at every point', collect, [])
    .option('--skip-bad-rows', 'skip and count malformed trace rows instead of stopping')
    .action(async (file: string | undefined, o: SweepFlags) => {
      const { mergeShards, parseVary, planSweep, runSweep, sweepRows, writeShard, writeSweep } = await import('./sweep.js');
      const { defaultJobs, printComparison } = await import('./compare.js');
      const { markdownTable } = await import('../reports/markdown.js');
      let result;
      if (o.merge) {
        if (file !== undefined) throw new InputError('sweep --merge takes shard files, not a scenario');
        result = mergeShards(o.merge);
      } else {
        if (file === undefined) throw new InputError('sweep: expected a scenario (or --merge with shard files)');
        const seeds = o.seeds === undefined ? undefined : /^\d+$/.test(o.seeds) ? range(positiveInt('--seeds', o.seeds)) : parseSeeds([o.seeds]);
        const plan = await planSweep(scenarioFile(file), { params: parseParams(o.param), set: o.set, skipBadRows: o.skipBadRows }, parseVary(o.vary), parseList(o.strategies), seeds, o.baseline);
        const shard = parseShard(o.shard);
        const jobs = o.jobs === undefined ? defaultJobs() : positiveInt('--jobs', o.jobs);
        result = await runSweep(plan, jobs, shard, process.stderr.isTTY === true);
        if (shard.count > 1) {
          const path = await writeShard(o.out ?? join('out', 'sweep-shards'), result);
          console.log(`shard ${shard.index}/${shard.count}: ${result.runs.length} runs in ${path}`);
          return;
        }
      }
      const scenario = await loadScenario(result.plan.scenarioPath, result.plan.load);
      const rows = sweepRows(result);
      const dir = o.out ?? join('out', `${scenario.name}-sweep`);
      const files = await writeSweep(dir, result, rows);
      const names = result.plan.strategies;
      const label = (row: SweepRow) => Object.entries(row.point).map(([k, v]) => `${k}=${v}`).join(' ');
      const points = [...new Set(rows.map(label))];
      if (o.markdown) {
        const command = ['fleetlab', ...process.argv.slice(2).filter((a, i, all) => a !== '--markdown' && all[i - 1] !== '--markdown')].join(' ');
        const tables = points.map((p) => markdownTable(`${scenario.name} at ${p}`, command, rows.filter((r) => label(r) === p), names, result.plan.baseline, result.plan.seeds.length));
        writeFileSync(o.markdown, tables.join('\n'));
      }
      for (const p of points) {
        console.log(`\n${p}`);
        printComparison(rows.filter((r) => label(r) === p), names);
      }
      console.log(`\n* the 95 % interval of the paired difference to ${result.plan.baseline} excludes zero (${result.plan.seeds.length} seeds)`);
      console.log(`outputs in ${dir}/: ${files.map((f) => relative(dir, f)).join(', ')}`);
    });

  cmd
    .command('bench')
    .description('benchmark the kernel, the placers and the sharing solver (tinybench); figures are ratios to a calibration task')
    .option('--check <baseline.json>', 'exit 1 when a suite falls more than the tolerance below its baseline ratio')
    .option('--update-baseline [path]', 'write the measured ratios as the new baseline (default: the --check file or bench/baseline.json)')
    .option('--filter <regexp>', 'run only the suites whose name matches')
    .option('--time <ms>', 'milliseconds per measurement round (default 60; five rounds per suite)')
    .option('--json', 'print the results as JSON on stdout')
    .action(async (o: BenchFlags) => {
      const { bench } = await import('./bench.js');
      process.exitCode = await bench(o);
    });

  const trace = cmd.command('trace').description('recorded traces');
  trace
    .command('inspect <file>')
    .description('columns, row count, time span and per-column min / median / max of a CSV trace (gzip read transparently)')
    .option('--delimiter <char>', 'field separator (default ,)')
    .option('--json', 'print the inspection as JSON')
    .action(async (file: string, o: { delimiter?: string; json?: boolean }) => (await import('./trace.js')).traceInspect(file, o));

  cmd
    .command('scenarios')
    .description('list the shipped scenarios')
    .action(() => {
      for (const file of shippedScenarios()) {
        const doc = YAML.parse(readFileSync(file, 'utf8')) as { name?: string; description?: string };
        const name = relative(PACKAGE_ROOT, file);
        console.log(`${name.padEnd(36)} ${(doc.description ?? '').split('\n')[0]}`);
      }
    });

  cmd
    .command('strategies')
    .description('list the strategies with the seed each comes from')
    .action(() => {
      for (const s of STRATEGIES) console.log(`${s.name.padEnd(24)} ${s.seed.padEnd(10)} ${s.summary}`);
    });

  return cmd;
}

interface SweepFlags {
  vary: string[];
  strategies: string[];
  seeds?: string;
  jobs?: string;
  baseline?: string;
  out?: string;
  markdown?: string;
  shard?: string;
  merge?: string[];
  param: string[];
  set: string[];
  skipBadRows?: boolean;
}

/** `i/n` with 1 ≤ i ≤ n; no flag: the whole sweep. */
function parseShard(flag: string | undefined): { index: number; count: number } {
  if (flag === undefined) return { index: 1, count: 1 };
  const m = /^(\d+)\/(\d+)$/.exec(flag);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new InputError(`--shard ${flag}: expected i/n with 1 ≤ i ≤ n, e.g. 2/4`);
  return { index: Number(m[1]), count: Number(m[2]) };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

interface RunFlags {
  strategy: string[];
  seed: string[];
  out?: string;
  json?: boolean;
  param: string[];
  set: string[];
  skipBadRows?: boolean;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().exitOverride().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    const err = e as Error & { code?: string; exitCode?: number };
    if (err.code?.startsWith('commander.')) {
      // Help and version exit 0; usage errors were already printed by commander.
      return err.exitCode === 0 ? 0 : 1;
    }
    if (e instanceof InputError) {
      console.error(`fleetlab: ${err.message}`);
      return 1;
    }
    console.error(`fleetlab: internal error: ${err.stack ?? err.message}`);
    return 2;
  }
}
