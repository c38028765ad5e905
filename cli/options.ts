/** Parsing of the options shared by several commands. */
import { InputError } from '../scenarios/input-error.js';

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--param a=1 --param b=x` → {a: '1', b: 'x'}. */
export function parseParams(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new InputError(`--param ${p}: expected name=value, e.g. --param hosts=1000`);
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}

/** `--seed 1,2 --seed 5` → [1, 2, 5]. */
export function parseSeeds(values: readonly string[]): number[] {
  return values.flatMap((v) =>
    v.split(',').map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n)) throw new InputError(`--seed ${v}: expected integers separated by commas`);
      return n;
    }),
  );
}

/** `--strategy a,b --strategy c` → ['a', 'b', 'c']. */
export function parseList(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

export function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`${flag} ${value}: expected a positive integer`);
  return n;
}
