/**
 * fleet-ff through the kernel's general path — the shipped scenario file with `hosts` and `jobs`
 * set, its first strategy (first-fit), seed 1 — as the bench scripts, the suites and the test
 * against the hand-written loop all run it.
 */
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../cli/paths.js';
import { loadScenario } from '../scenarios/load.js';
import { createSimulation, prepareScenario } from '../scenarios/prepare.js';

/** Loads and prepares fleet-ff once; each call of the result is a fresh simulation of it. */
export async function fleetFf(hosts: number, jobs: number): Promise<() => ReturnType<typeof createSimulation>> {
  const scenario = await loadScenario(join(PACKAGE_ROOT, 'scenarios', 'fleet-ff.yaml'), {
    params: { hosts: String(hosts), jobs: String(jobs) },
  });
  const prepared = await prepareScenario(scenario);
  return () => createSimulation(prepared, scenario.strategies[0], 1);
}
