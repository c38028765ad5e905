/**
 * `fleetlab sweep <scenario> --vary name=a,b,c`: a comparison at every point of a parameter grid
 * (the product of the varied parameters' values), paired by seed at each point. Every (point,
 * strategy, seed) run goes to the worker pool as `compare`'s do. With `--shard i/n` a process runs
 * only every n-th run and writes them to a shard file; `fleetlab sweep --merge` joins the shard
 * files into the same outputs one machine would have written (DESIGN §6).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { InputError } from '../scenarios/input-error.js';
import { loadScenario, type LoadOptions } from '../scenarios/load.js';
import { compareRuns, type MetricRow } from '../reports/comparison.js';
import { OutputSet } from '../reports/files.js';
import { summaryCsv } from '../reports/run-outputs.js';
import type { RunSummary } from '../reports/summary.js';
import { runAll } from '../reports/pool.js';
import type { RunRecord } from '../reports/run-record.js';
import type { RunTask } from '../reports/run-task.js';
import { chooseStrategies } from './run.js';

/** One point of the grid: a value for each varied parameter. */
export type Point = Readonly<Record<string, string>>;

export interface SweepPlan {
  scenarioPath: string;
  /** Overrides that hold at every point (--param, --set, --skip-bad-rows). */
  load: LoadOptions;
  /** Varied parameters, in the order given, with their values. */
  vary: readonly { name: string; values: readonly string[] }[];
  strategies: readonly string[];
  seeds: readonly number[];
  baseline: string;
}

/** What a shard writes and `--merge` reads: the plan, and the summaries of the runs it made. */
export interface SweepShard {
  fleetlab: 'sweep-shard';
  plan: SweepPlan;
  shard: { index: number; count: number };
  runs: { point: Point; summary: RunSummary }[];
}

export interface SweepRow extends MetricRow {
  point: Point;
}

export const SWEEP_COLUMNS = ['strategy', 'metric', 'n', 'mean', 'low', 'high', 'diff', 'diffLow', 'diffHigh'] as const;

/** `name=a,b,c` flags → the varied parameters; every name once, every list non-empty. */
export function parseVary(flags: readonly string[]): { name: string; values: string[] }[] {
  if (flags.length === 0) throw new InputError('--vary: expected at least one name=value,value,... (the parameters to sweep)');
  const vary: { name: string; values: string[] }[] = [];
  for (const flag of flags) {
    const m = /^([A-Za-z_][\w]*)=(.+)$/.exec(flag);
    if (!m) throw new InputError(`--vary ${flag}: expected name=value,value,...`);
    const values = m[2].split(',').map((v) => v.trim());
    if (values.some((v) => v === '')) throw new InputError(`--vary ${flag}: an empty value in the list`);
    if (vary.some((v) => v.name === m[1])) throw new InputError(`--vary ${m[1]}: given twice`);
    vary.push({ name: m[1], values });
  }
  return vary;
}

/** Every point of the grid, the first parameter varying slowest. */
export function gridPoints(vary: SweepPlan['vary']): Point[] {
  let points: Record<string, string>[] = [{}];
  for (const { name, values } of vary) points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  return points;
}

/** The plan of a sweep: checks that the scenario loads at every point and that the baseline is compared. */
export async function planSweep(
  scenarioPath: string,
  load: LoadOptions,
  vary: SweepPlan['vary'],
  strategyNames: readonly string[],
  seeds: readonly number[] | undefined,
  baseline: string | undefined,
): Promise<SweepPlan> {
  const first = await loadScenario(scenarioPath, load);
  for (const { name } of vary) {
    if (!(name in first.params)) {
      throw new InputError(`--vary ${name}: ${scenarioPath} declares no parameter "${name}" (declared: ${Object.keys(first.params).join(', ') || 'none'})`);
    }
  }
  // A bad value at any point is bad input now, not a failure half-way through the runs.
  for (const point of gridPoints(vary)) await loadScenario(scenarioPath, atPoint(load, point));
  const strategies = chooseStrategies(first, [...strategyNames], true).map((s) => s.name);
  const base = baseline ?? first.spec.report?.baseline ?? strategies[0];
  if (!strategies.includes(base)) throw new InputError(`baseline "${base}" is not among the compared strategies (${strategies.join(', ')})`);
  return { scenarioPath, load, vary, strategies, seeds: seeds ?? first.seeds, baseline: base };
}

function atPoint(load: LoadOptions, point: Point): LoadOptions {
  return { ...load, params: { ...load.params, ...point } };
}

/** Every run of the plan, in a fixed order (point, strategy, seed): what shards split. */
export function sweepTasks(plan: SweepPlan): { point: Point; task: RunTask }[] {
  return gridPoints(plan.vary).flatMap((point) =>
    plan.strategies.flatMap((strategy) =>
      plan.seeds.map((seed) => ({ point, task: { scenarioPath: plan.scenarioPath, load: atPoint(plan.load, point), strategy: { name: strategy, options: {} }, seed } })),
    ),
  );
}

/**
 * Runs the plan's runs (all of them, or shard i of n: every n-th from the i-th) on the pool and
 * returns them with their points. Strategy options come from the scenario at that point.
 */
export async function runSweep(plan: SweepPlan, jobs: number, shard: { index: number; count: number }, progress: boolean): Promise<SweepShard> {
  const mine = sweepTasks(plan).filter((_, k) => k % shard.count === shard.index - 1);
  // Each strategy with the options the scenario gives it at that point.
  const options = new Map<string, Readonly<Record<string, unknown>>>();
  for (const point of gridPoints(plan.vary)) {
    const scenario = await loadScenario(plan.scenarioPath, atPoint(plan.load, point));
    for (const s of chooseStrategies(scenario, [...plan.strategies], true)) options.set(key(point, s.name, 0), s.options);
  }
  for (const t of mine) t.task.strategy = { name: t.task.strategy.name, options: { ...options.get(key(t.point, t.task.strategy.name, 0)) } };
  const bar = progress
    ? new cliProgress.SingleBar({ format: 'runs {bar} {value}/{total} ({duration}s)', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(mine.length, 0);
  let records: RunRecord[];
  try {
    records = await runAll(
      mine.map((t) => t.task),
      jobs,
      (n) => bar?.update(n),
    );
  } finally {
    bar?.stop();
  }
  return { fleetlab: 'sweep-shard', plan, shard, runs: records.map((r, k) => ({ point: mine[k].point, summary: r.summary })) };
}

/** Joins shard files; they must come from one plan and together hold every run once. */
export function mergeShards(paths: readonly string[]): SweepShard {
  const shards = paths.map((p) => {
    let data: SweepShard;
    try {
      data = JSON.parse(readFileSync(p, 'utf8')) as SweepShard;
    } catch (e) {
      throw new InputError(`${p}: cannot read a sweep shard (${(e as Error).message})`);
    }
    if (data?.fleetlab !== 'sweep-shard') throw new InputError(`${p}: not a sweep shard file (written by fleetlab sweep --shard)`);
    return { path: p, data };
  });
  const plan = shards[0].data.plan;
  const count = shards[0].data.shard.count;
  const seen = new Set<number>();
  for (const { path, data } of shards) {
    if (JSON.stringify(data.plan) !== JSON.stringify(plan) || data.shard.count !== count) {
      throw new InputError(`${path}: from another sweep than ${shards[0].path} (scenario, overrides, grid, strategies, seeds or shard count differ)`);
    }
    if (seen.has(data.shard.index)) throw new InputError(`${path}: shard ${data.shard.index}/${count} given twice`);
    seen.add(data.shard.index);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !seen.has(i));
  if (missing.length) throw new InputError(`--merge: shards ${missing.map((i) => `${i}/${count}`).join(', ')} are missing`);
  // Back into the one-machine order, so the outputs are the same.
  const order = sweepTasks(plan).map(({ point, task }) => key(point, task.strategy.name, task.seed));
  const byKey = new Map(shards.flatMap(({ data }) => data.runs.map((r) => [key(r.point, r.summary.strategy, r.summary.seed), r] as const)));
  return { fleetlab: 'sweep-shard', plan, shard: { index: 1, count: 1 }, runs: order.map((k) => byKey.get(k)!) };
}

function key(point: Point, strategy: string, seed: number): string {
  return JSON.stringify([point, strategy, seed]);
}

/** Per point, the paired comparison of `compare`. */
export function sweepRows(result: SweepShard): SweepRow[] {
  const { plan } = result;
  return gridPoints(plan.vary).flatMap((point) => {
    const here = result.runs.filter((r) => key(r.point, '', 0) === key(point, '', 0)).map((r) => ({ summary: r.summary }) as RunRecord);
    return compareRuns(here, plan.strategies, plan.seeds, plan.baseline).map((row) => ({ ...row, point }));
  });
}

/** sweep.csv (a row per point, strategy and metric) and runs.csv (a row per run), all or none. */
export async function writeSweep(dir: string, result: SweepShard, rows: readonly SweepRow[]): Promise<string[]> {
  const names = result.plan.vary.map((v) => v.name);
  const out = new OutputSet(dir);
  try {
    await out.csv(
      'sweep.csv',
      [...names, ...SWEEP_COLUMNS],
      rows.map((r) => [...names.map((n) => r.point[n]), ...SWEEP_COLUMNS.map((c) => (r[c] === undefined ? '' : r[c]))]),
    );
    const runs = summaryCsv(result.runs.map((r) => r.summary));
    await out.csv(
      'runs.csv',
      [...names, ...runs.header],
      runs.rows.map((row, k) => [...names.map((n) => result.runs[k].point[n]), ...row]),
    );
    return out.commit();
  } catch (e) {
    out.abandon();
    throw e;
  }
}

/** Writes one shard's runs as JSON (whole or not at all). */
export async function writeShard(dir: string, shard: SweepShard): Promise<string> {
  const out = new OutputSet(dir);
  const name = `sweep-shard-${shard.shard.index}-of-${shard.shard.count}.json`;
  out.json(name, shard);
  await out.commit();
  return join(dir, name);
}
