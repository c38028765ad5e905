/** `fleetlab compare <scenario>`: every (strategy, seed) pair on worker threads, paired by seed. */
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import cliProgress from 'cli-progress';
import { InputError } from '../scenarios/input-error.js';
import { loadScenario, type LoadOptions } from '../scenarios/load.js';
import { compareRuns, type MetricRow } from '../reports/comparison.js';
import { writeComparison } from '../reports/compare-outputs.js';
import { formatValue } from '../reports/html.js';
import { runAll } from '../reports/pool.js';
import type { RunTask } from '../reports/run-task.js';
import { chooseStrategies } from './run.js';
import { printTable } from './table.js';

export interface CompareFlags {
  strategies: string[];
  seeds?: string;
  jobs?: string;
  out?: string;
  baseline?: string;
  json?: boolean;
  param: string[];
  set: string[];
}

export interface CompareOptions {
  scenarioPath: string;
  load: LoadOptions;
  strategies: string[];
  /** A count N (seeds 1..N) or an explicit list; default: the scenario's seeds. */
  seeds?: number[];
  jobs: number;
  out?: string;
  baseline?: string;
  version: string;
  command: string;
  /** Show a progress bar (on a terminal). */
  progress: boolean;
}

export async function compare(o: CompareOptions) {
  const scenario = await loadScenario(o.scenarioPath, o.load);
  const strategies = chooseStrategies(scenario, o.strategies, true);
  const seeds = o.seeds ?? scenario.seeds;
  const baseline = o.baseline ?? scenario.spec.report?.baseline ?? strategies[0].name;
  if (!strategies.some((s) => s.name === baseline)) {
    throw new InputError(`baseline "${baseline}" is not among the compared strategies (${strategies.map((s) => s.name).join(', ')})`);
  }
  const tasks: RunTask[] = strategies.flatMap((strategy) =>
    seeds.map((seed) => ({ scenarioPath: o.scenarioPath, load: o.load, strategy: { name: strategy.name, options: { ...strategy.options } }, seed })),
  );
  const bar = o.progress
    ? new cliProgress.SingleBar({ format: 'runs {bar} {value}/{total} ({duration}s)', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(tasks.length, 0);
  let records;
  try {
    records = await runAll(tasks, o.jobs, (n) => bar?.update(n));
  } finally {
    bar?.stop();
  }
  const names = strategies.map((s) => s.name);
  const rows = compareRuns(records, names, seeds, baseline);
  const dir = o.out ?? join('out', scenario.name);
  const files = await writeComparison(dir, {
    scenario: { name: scenario.name, description: scenario.description, path: relative(process.cwd(), scenario.path) || scenario.path, params: scenario.params },
    baseline,
    strategies: names,
    rows,
    records,
    provenance: {
      fleetlab: o.version,
      node: process.version,
      command: o.command,
      seeds,
      jobs: o.jobs,
      date: new Date().toISOString(),
    },
  });
  return { dir, files, rows, names, baseline, seeds, scenario: `${scenario.name} — ${scenario.description}` };
}

/** The short table `compare` prints: a few key metrics with intervals and paired differences. */
export function printComparison(rows: readonly MetricRow[], strategies: readonly string[]): void {
  const metrics = ['successRate', 'wait.p95', 'utilization.cpu', 'slack.cpu', 'cost'];
  const header = ['strategy', ...metrics.flatMap((m) => [m, 'Δ vs baseline'])];
  const body = strategies.map((s) => [
    s,
    ...metrics.flatMap((m) => {
      const r = rows.find((x) => x.strategy === s && x.metric === m)!;
      const mean = `${formatValue(m, r.mean)} ±${formatValue(m, (r.high - r.low) / 2)}`;
      const diff = r.diff === undefined ? '—' : `${formatValue(m, r.diff)}${r.diffLow! > 0 || r.diffHigh! < 0 ? ' *' : ''}`;
      return [mean, diff];
    }),
  ]);
  printTable(header, body);
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}
