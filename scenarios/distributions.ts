/**
 * Values that vary, written as data in scenario files (DESIGN §5):
 *
 *     3                                   a constant (same as {const: 3})
 *     {const: 3}
 *     {uniform: [a, b]}
 *     {exponential: {mean: m}}
 *     {normal: {mean: m, sd: s, min?: x}}
 *     {lognormal: {median: m, sigma: s}}  or {mu, sigma}, or {mean, cv}
 *     {choice: [v1, v2, ...]}             or {choice: {values: [...], weights: [...]}}
 *     {empirical: {path: file.csv, column: name, scale?: k}}   a value drawn from a recorded column
 *
 * A sampler draws from the random stream it is given, so the stream decides reproducibility.
 */
import { dirname, resolve } from 'node:path';
import type { Rng } from '../sim/random.js';
import { csvRows, numberAt } from './csv.js';
import { InputError } from './input-error.js';

export type Sampler = (rng: Rng) => number;

const FORMS =
  'a number, {const: x}, {uniform: [a, b]}, {exponential: {mean}}, {normal: {mean, sd}}, ' +
  '{lognormal: {median, sigma}}, {choice: [...]} or {empirical: {path, column}}';

type Spec = Record<string, unknown>;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isObj = (x: unknown): x is Spec => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Why `value` is not a distribution, or undefined if it is one. */
export function distributionProblem(value: unknown): string | undefined {
  if (isNum(value)) return undefined;
  if (!isObj(value)) return `expected ${FORMS}; got ${JSON.stringify(value)}`;
  const keys = Object.keys(value);
  if (keys.length !== 1) return `expected one of ${FORMS}; got keys ${keys.join(', ') || 'none'}`;
  const [key] = keys;
  const arg = value[key];
  switch (key) {
    case 'const':
      return isNum(arg) ? undefined : 'const: expected a number';
    case 'uniform':
      return Array.isArray(arg) && arg.length === 2 && arg.every(isNum) && arg[0] <= arg[1]
        ? undefined
        : 'uniform: expected [a, b] with a <= b';
    case 'exponential':
      return isObj(arg) && isNum(arg.mean) && arg.mean > 0 ? undefined : 'exponential: expected {mean: m} with m > 0';
    case 'normal':
      return isObj(arg) && isNum(arg.mean) && isNum(arg.sd) && arg.sd >= 0
        ? undefined
        : 'normal: expected {mean: m, sd: s} with s >= 0';
    case 'lognormal':
      if (!isObj(arg)) return 'lognormal: expected {median, sigma}, {mu, sigma} or {mean, cv}';
      if ((isNum(arg.median) && arg.median > 0 && isNum(arg.sigma)) || (isNum(arg.mu) && isNum(arg.sigma))) return undefined;
      if (isNum(arg.mean) && arg.mean > 0 && isNum(arg.cv) && arg.cv >= 0) return undefined;
      return 'lognormal: expected {median, sigma}, {mu, sigma} or {mean, cv}';
    case 'choice': {
      if (Array.isArray(arg)) return arg.length > 0 && arg.every(isNum) ? undefined : 'choice: expected a non-empty list of numbers';
      if (isObj(arg) && Array.isArray(arg.values) && Array.isArray(arg.weights)) {
        const ok =
          arg.values.length > 0 &&
          arg.values.length === arg.weights.length &&
          arg.values.every(isNum) &&
          arg.weights.every((w) => isNum(w) && w >= 0);
        return ok ? undefined : 'choice: expected values and weights of the same length, weights >= 0';
      }
      return 'choice: expected [v1, v2, ...] or {values, weights}';
    }
    case 'empirical':
      return isObj(arg) && typeof arg.path === 'string' && typeof arg.column === 'string'
        ? undefined
        : 'empirical: expected {path: file, column: name}';
    default:
      return `unknown distribution "${key}"; expected ${FORMS}`;
  }
}

/** A standard normal draw (Box–Muller; two uniforms per draw keeps streams aligned). */
export function standardNormal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Turns a validated distribution into a sampler. `scenarioPath` resolves relative file paths;
 * empirical columns are read (streamed) here, once, before any run.
 */
export async function compileDistribution(spec: unknown, scenarioPath: string): Promise<Sampler> {
  if (isNum(spec)) return () => spec;
  const s = spec as Spec;
  const [key] = Object.keys(s);
  const arg = s[key] as Spec;
  switch (key) {
    case 'const': {
      const v = arg as unknown as number;
      return () => v;
    }
    case 'uniform': {
      const [a, b] = arg as unknown as [number, number];
      return (rng) => a + rng() * (b - a);
    }
    case 'exponential': {
      const mean = arg.mean as number;
      return (rng) => -Math.log(1 - rng()) * mean;
    }
    case 'normal': {
      const mean = arg.mean as number;
      const sd = arg.sd as number;
      const min = isNum(arg.min) ? arg.min : -Infinity;
      return (rng) => Math.max(min, mean + sd * standardNormal(rng));
    }
    case 'lognormal': {
      let mu: number;
      let sigma: number;
      if (isNum(arg.median)) [mu, sigma] = [Math.log(arg.median), arg.sigma as number];
      else if (isNum(arg.mu)) [mu, sigma] = [arg.mu, arg.sigma as number];
      else {
        sigma = Math.sqrt(Math.log(1 + (arg.cv as number) ** 2));
        mu = Math.log(arg.mean as number) - sigma ** 2 / 2;
      }
      return (rng) => Math.exp(mu + sigma * standardNormal(rng));
    }
    case 'choice': {
      if (Array.isArray(arg)) {
        const values = Float64Array.from(arg as unknown as number[]);
        return (rng) => values[Math.min(values.length - 1, Math.floor(rng() * values.length))];
      }
      const values = arg.values as number[];
      const weights = arg.weights as number[];
      const total = weights.reduce((a, b) => a + b, 0);
      const cumulative = Float64Array.from(weights.map((_, i) => weights.slice(0, i + 1).reduce((a, b) => a + b, 0) / total));
      return (rng) => {
        const u = rng();
        let i = 0;
        while (i < cumulative.length - 1 && u >= cumulative[i]) i++;
        return values[i];
      };
    }
    case 'empirical': {
      const path = resolve(dirname(scenarioPath), String(arg.path));
      const column = String(arg.column);
      const scale = isNum(arg.scale) ? arg.scale : 1;
      const values = await readColumn(path, column);
      if (values.length === 0) throw new InputError(`${path}: column ${column} has no values`);
      return (rng) => values[Math.min(values.length - 1, Math.floor(rng() * values.length))] * scale;
    }
  }
  throw new Error(`unreachable distribution ${key}`);
}

/** Reads one numeric column of a CSV file (streamed). */
async function readColumn(path: string, column: string): Promise<Float64Array> {
  let values = new Float64Array(1024);
  let n = 0;
  for await (const [row, line] of csvRows(path)) {
    const v = numberAt(row, column, path, line);
    if (n === values.length) {
      const grown = new Float64Array(n * 2);
      grown.set(values);
      values = grown;
    }
    values[n++] = v;
  }
  return values.subarray(0, n);
}
