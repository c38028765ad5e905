/** Where fleetlab's own files are, and how a scenario argument becomes a file. */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (this file is at dist/cli/paths.js or cli/paths.ts). */
export const PACKAGE_ROOT = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    // The filesystem root is its own parent: a copy of dist/ outside the package has no root.
    if (dirname(dir) === dir) throw new Error(`fleetlab: no package.json above ${here}; run fleetlab from its package`);
  }
})();

export const SCENARIO_DIR = join(PACKAGE_ROOT, 'scenarios');

/** A path as given, or a shipped scenario by name (`fleet-ff` → scenarios/fleet-ff.yaml). */
export function scenarioFile(arg: string): string {
  if (existsSync(arg)) return resolve(arg);
  for (const candidate of [join(SCENARIO_DIR, arg), join(SCENARIO_DIR, `${arg}.yaml`)]) {
    if (existsSync(candidate)) return candidate;
  }
  return arg;
}

export function shippedScenarios(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(SCENARIO_DIR, f));
}
