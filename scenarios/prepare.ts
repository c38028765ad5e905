/**
 * From a loaded scenario to runnable simulations: distributions compiled and files read once,
 * then one fresh `Simulation` per (strategy, seed).
 */
import type { InstanceGroup } from '../sim/fleet.js';
import { Simulation, type SimulationOptions } from '../sim/simulation.js';
import type { WorkloadSource } from '../sim/source.js';
import { findStrategy } from '../strategies/index.js';
import { buildFleet } from './fleet.js';
import { compileJobGenerator, JobGenerator } from './generators/job.js';
import { compileInstall, InstallGenerator } from './generators/install.js';
import { compileUpdate, UpdateGenerator } from './generators/update.js';
import { compileInstance, InstanceRequests } from './generators/instance.js';
import { InputError } from './input-error.js';
import type { Scenario, StrategyRef } from './load.js';
import { ExplicitItems } from './sources/explicit.js';
import { CsvTraceSource, compileTrace } from './sources/csv-trace.js';
import { SwfJobSource } from './sources/swf-jobs.js';
import { GwaVmSource } from './sources/gwa-vms.js';
import { dirname, resolve } from 'node:path';

export interface PreparedScenario {
  scenario: Scenario;
  groups: InstanceGroup[];
  initial: { group: number; count: number }[];
  /** Fresh workload sources (they are stateful: one set per run). */
  sources(): WorkloadSource[];
}

export async function prepareScenario(scenario: Scenario): Promise<PreparedScenario> {
  const { spec, dims, path } = scenario;
  const { groups, initial } = await buildFleet(spec.fleet, dims, path);
  const makers: (() => WorkloadSource)[] = [];
  if (spec.workload.items?.length) {
    const items = spec.workload.items;
    makers.push(() => new ExplicitItems(items));
  }
  for (const [i, g] of (spec.workload.generators ?? []).entries()) {
    if (g.count === undefined && g.kind !== 'update' && spec.duration === undefined) {
      throw new InputError(`${path}: workload.generators[${i}]: expected a count, or a duration for the scenario`);
    }
    if (g.kind === 'install') {
      const compiled = await compileInstall(g, dims, path, `workload.generators[${i}]`);
      makers.push(() => new InstallGenerator(g, compiled, i));
    } else if (g.kind === 'instance') {
      const compiled = await compileInstance(g, dims, path);
      makers.push(() => new InstanceRequests(g, compiled, i));
    } else if (g.kind === 'update') {
      const compiled = await compileUpdate(g, dims, path);
      makers.push(() => new UpdateGenerator(g, compiled, i));
    } else {
      const compiled = await compileJobGenerator(g, dims, path);
      makers.push(() => new JobGenerator(g, compiled, i));
    }
  }
  for (const [i, t] of (spec.workload.traces ?? []).entries()) {
    const compiled = await compileTrace(t, resolve(dirname(path), t.path), dims, path);
    makers.push(() => new CsvTraceSource(compiled, i, dims));
  }
  for (const [i, w] of (spec.workload.swf ?? []).entries()) {
    const file = resolve(dirname(path), w.path);
    makers.push(() => new SwfJobSource(w, file, i));
  }
  for (const [i, w] of (spec.workload.gwa ?? []).entries()) {
    const at = resolve(dirname(path), w.path);
    makers.push(() => new GwaVmSource(w, at, i));
  }
  return { scenario, groups, initial, sources: () => makers.map((m) => m()) };
}

/**
 * A simulation of the prepared scenario under one strategy and seed; `kernel` passes the kernel's
 * own settings (an audit after every event, one event per stage — what the tests use).
 */
export function createSimulation(
  prepared: PreparedScenario,
  strategy: StrategyRef,
  seed: number,
  kernel: Pick<SimulationOptions, 'audit' | 'pooledStageEnds'> = {},
): Simulation {
  const { spec, dims } = prepared.scenario;
  const entry = findStrategy(strategy.name);
  if (!entry) throw new InputError(`unknown strategy "${strategy.name}"`);
  return new Simulation({
    dims,
    groups: prepared.groups,
    initial: prepared.initial,
    sources: prepared.sources(),
    strategy: entry.create(strategy.options),
    seed,
    duration: spec.duration,
    faults: spec.faults,
    sampleInterval: spec.report?.interval,
    ...kernel,
  });
}
