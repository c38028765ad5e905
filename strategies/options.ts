/**
 * What a strategy accepts as options in a scenario (`strategies: [{name: vpa, margin: 0.2}]`), as
 * zod schemas the scenario loader checks (file, field, what was expected), and what it may check
 * against the scenario itself (its dimensions, its fleet groups).
 */
import { z } from 'zod';

/** The scenario as a strategy's options are checked against it. */
export interface StrategyContext {
  readonly dimensions: readonly string[];
  readonly groups: readonly { readonly name: string; readonly capacity: ArrayLike<number> }[];
}

/** The scenario's groups by name, for messages: `"a", "b"`, or that it declares none. */
export function groupNames(scenario: StrategyContext): string {
  return scenario.groups.length ? scenario.groups.map((g) => `"${g.name}"`).join(', ') : 'no group of its own (only instances read from a trace)';
}

export const noOptions = z.object({}).strict();

export const positive = z.number().positive();
export const nonNegative = z.number().nonnegative();
export const fraction = z.number().min(0).max(1);
export const count = z.number().int().nonnegative();
