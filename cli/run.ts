/** `fleetlab run <scenario>`: every chosen (strategy, seed) pair, one after the other. */
import { resolveStrategy, type Scenario, type StrategyRef } from '../scenarios/load.js';
import { createSimulation, prepareScenario } from '../scenarios/prepare.js';
import { writeRunOutputs, type FinishedRun } from '../reports/run-outputs.js';
import { summarize } from '../reports/summary.js';

export interface RunChoice {
  strategies?: string[];
  seeds?: number[];
}

/** The strategies to run: those named on the command line, else the scenario's first. */
export function chooseStrategies(scenario: Scenario, names: string[] | undefined, all: boolean): StrategyRef[] {
  if (names === undefined || names.length === 0) return all ? scenario.strategies : scenario.strategies.slice(0, 1);
  return names.map((name) => scenario.strategies.find((s) => s.name === name) ?? resolveStrategy(name, {}, scenario.context, `${scenario.path} with --strategy`));
}

export async function runScenario(scenario: Scenario, choice: RunChoice): Promise<FinishedRun[]> {
  const prepared = await prepareScenario(scenario);
  const strategies = chooseStrategies(scenario, choice.strategies, false);
  const seeds = choice.seeds?.length ? choice.seeds : scenario.seeds.slice(0, 1);
  const runs: FinishedRun[] = [];
  for (const strategy of strategies) {
    for (const seed of seeds) {
      const sim = createSimulation(prepared, strategy, seed);
      const { wallSeconds } = await sim.run();
      runs.push({ sim, summary: summarize(sim, scenario.name, strategy.name, seed, wallSeconds) });
    }
  }
  return runs;
}

export { writeRunOutputs };
