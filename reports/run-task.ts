/**
 * One (strategy, seed) run of a comparison, as a task that a worker thread (or the main thread)
 * executes: the scenario is read from its file with the same overrides, so the task itself is a
 * few strings and numbers.
 */
import type { LoadOptions } from '../scenarios/load.js';
import { loadScenario } from '../scenarios/load.js';
import { createSimulation, prepareScenario, type PreparedScenario } from '../scenarios/prepare.js';
import { recordOf, type RunRecord } from './run-record.js';
import { outcomeSamples, summarize } from './summary.js';

export interface RunTask {
  scenarioPath: string;
  load: LoadOptions;
  strategy: { name: string; options: Record<string, unknown> };
  seed: number;
}

/** Scenarios prepared in this thread, by path and overrides (a worker runs many tasks of one). */
const prepared = new Map<string, Promise<PreparedScenario>>();

export async function runTask(task: RunTask): Promise<RunRecord> {
  const key = JSON.stringify([task.scenarioPath, task.load]);
  let p = prepared.get(key);
  if (p === undefined) {
    p = loadScenario(task.scenarioPath, task.load).then(prepareScenario);
    prepared.set(key, p);
  }
  const scenario = await p;
  const sim = createSimulation(scenario, task.strategy, task.seed);
  const { wallSeconds } = await sim.run();
  const samples = outcomeSamples(sim);
  return recordOf(sim, summarize(sim, scenario.scenario.name, task.strategy.name, task.seed, wallSeconds, samples), samples);
}

/** The worker thread's entry point (piscina calls the default export). */
export default runTask;
