/** Shared helpers for the tests: run scenarios given as objects, read outputs. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { parseScenario, type LoadOptions } from '../scenarios/load.js';
import { createSimulation, prepareScenario } from '../scenarios/prepare.js';
import { itemRows } from '../reports/run-outputs.js';
import { summarize, type RunSummary } from '../reports/summary.js';
import type { Simulation } from '../sim/simulation.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const SHARED = resolve(ROOT, '..', 'shared');
export const CLI = join(ROOT, 'dist', 'cli', 'fleetlab.js');

export interface ItemRow {
  id: string;
  kind: string;
  arrival: number;
  start: number;
  end: number;
  instance: string;
  outcome: string;
  cause: string;
}

export interface Ran {
  sim: Simulation;
  summary: RunSummary;
  items: Map<string, ItemRow>;
}

/** items.csv's rows of a finished simulation, by id, with numbers as numbers. */
export function itemsOf(sim: Simulation): Map<string, ItemRow> {
  const items = new Map<string, ItemRow>();
  for (const [id, kind, arrival, start, end, instance, outcome, cause] of itemRows(sim)) {
    items.set(String(id), {
      id: String(id),
      kind: String(kind),
      arrival: Number(arrival),
      start: Number(start),
      end: Number(end),
      instance: String(instance),
      outcome: String(outcome),
      cause: String(cause),
    });
  }
  return items;
}

/** Runs a scenario given as a plain object (or YAML text) in-process. */
export async function runSpec(
  spec: object | string,
  options: {
    strategy?: string;
    seed?: number;
    audit?: (sim: Simulation) => void;
    load?: LoadOptions;
    /** false: one completion event per stage on contended instances (the kernel's reference). */
    pooledStageEnds?: boolean;
  } = {},
): Promise<Ran> {
  const text = typeof spec === 'string' ? spec : YAML.stringify(spec);
  const scenario = parseScenario(text, join(ROOT, 'scenarios', 'test.yaml'), options.load);
  const prepared = await prepareScenario(scenario);
  const strategy = options.strategy
    ? (scenario.strategies.find((s) => s.name === options.strategy) ?? { name: options.strategy, options: {} })
    : scenario.strategies[0];
  const seed = options.seed ?? scenario.seeds[0];
  const sim = createSimulation(prepared, strategy, seed, { audit: options.audit, pooledStageEnds: options.pooledStageEnds });
  const { wallSeconds } = await sim.run();
  return { sim, summary: summarize(sim, scenario.name, strategy.name, seed, wallSeconds), items: itemsOf(sim) };
}

const madeDirs: string[] = [];

/** A new folder under the system's temporary folder; test/setup.ts removes it after the test file. */
export function tempDir(prefix = 'fleetlab-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

/** Removes every folder tempDir made in this test file. */
export function removeTempDirs(): void {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes a scenario object as YAML into a temporary folder; returns its path. */
export function writeScenario(spec: object | string, name = 'scenario.yaml'): string {
  const dir = tempDir();
  const path = join(dir, name);
  writeFileSync(path, typeof spec === 'string' ? spec : YAML.stringify(spec));
  return path;
}

/** Runs the real `fleetlab` executable; returns its exit code and output. */
export function cli(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Parses a small CSV file written by fleetlab (no quoted commas in these tests). */
export function readCsv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

export function python3Available(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs a scenario object under a strategy object written in the test (not from the registry). */
export async function runWith(
  spec: object,
  strategy: import('../sim/api.js').Strategy,
  seed = 1,
  audit?: (sim: Simulation) => void,
): Promise<Ran> {
  const { Simulation: Sim } = await import('../sim/simulation.js');
  const scenario = parseScenario(YAML.stringify({ strategies: ['first-fit'], ...spec }), join(ROOT, 'scenarios', 'test.yaml'));
  const prepared = await prepareScenario(scenario);
  const sim = new Sim({
    dims: scenario.dims,
    groups: prepared.groups,
    initial: prepared.initial,
    sources: prepared.sources(),
    strategy,
    seed,
    duration: scenario.spec.duration,
    faults: scenario.spec.faults,
    audit,
  });
  const { wallSeconds } = await sim.run();
  return { sim, summary: summarize(sim, 'test', strategy.name, seed, wallSeconds), items: itemsOf(sim) };
}

/**
 * Wraps a strategy so a test sees each arrival just before and just after the strategy handles
 * it, and each tick after it (with the simulation, to read reservations); every other hook passes
 * straight through.
 */
export function observing(
  inner: import('../sim/api.js').Strategy,
  around: {
    before?(sim: import('../sim/api.js').SimulationApi, item: number): void;
    after?(sim: import('../sim/api.js').SimulationApi, item: number): void;
    afterTick?(sim: import('../sim/api.js').SimulationApi, now: number): void;
  },
): import('../sim/api.js').Strategy {
  let sim: import('../sim/api.js').SimulationApi;
  return {
    name: inner.name,
    tickInterval: inner.tickInterval,
    init: (s) => {
      sim = s;
      inner.init(s);
    },
    onArrival: (i) => {
      around.before?.(sim, i);
      inner.onArrival(i);
      around.after?.(sim, i);
    },
    onItemEnd: (i, o, c) => inner.onItemEnd?.(i, o, c),
    onFailure: (i, c) => inner.onFailure?.(i, c),
    onStageEnd: (i, obs) => inner.onStageEnd?.(i, obs),
    onReservationExpiry: (r) => inner.onReservationExpiry?.(r),
    onInstanceReady: (i) => inner.onInstanceReady?.(i),
    onInstanceFailed: (i) => inner.onInstanceFailed?.(i),
    onTick: (t) => {
      inner.onTick?.(t);
      around.afterTick?.(sim, t);
    },
    onTimer: (t) => inner.onTimer?.(t),
    stats: () => inner.stats?.() ?? {},
  };
}
