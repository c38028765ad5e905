/**
 * Reads a scenario file: YAML → parameters (`params`, `--param`) → `${...}` substitution →
 * `--set` overrides → validation. Every problem is an InputError naming the file, the field path
 * and what was expected.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import YAML from 'yaml';
import { CORE_DIMENSIONS, Dimensions, type DimensionKind } from '../sim/resources.js';
import { findStrategy, STRATEGIES } from '../strategies/index.js';
import type { StrategyContext } from '../strategies/options.js';
import { instanceGroup } from './fleet.js';
import { evaluate } from './expression.js';
import { InputError, fieldPath } from './input-error.js';
import { isFleetSwf, isFleetTrace, scenarioSchema, type FleetGroupSpec, type ScenarioSpec } from './schema.js';

export interface LoadOptions {
  /** `--param name=value` overrides. */
  params?: Readonly<Record<string, string>>;
  /** `--set path=value` overrides, applied after substitution (`fleet.0.count=1000`). */
  set?: readonly string[];
  /** `--skip-bad-rows`: every trace skips (and counts) malformed rows. */
  skipBadRows?: boolean;
}

export interface StrategyRef {
  name: string;
  options: Readonly<Record<string, unknown>>;
}

export interface Scenario {
  path: string;
  name: string;
  description: string;
  params: Readonly<Record<string, number | string>>;
  spec: ScenarioSpec;
  dims: Dimensions;
  strategies: StrategyRef[];
  seeds: number[];
  /** What strategies named on the command line are checked against. */
  context: StrategyContext;
}

/** Known kinds of the optional dimensions a scenario may use without declaring them. */
const KNOWN_EXTRA: Readonly<Record<string, DimensionKind>> = { disk: 'count', gpu: 'count', gpuShare: 'count' };
/** Fleet group fields that are not resource capacities. */
const GROUP_FIELDS = new Set(['name', 'count', 'labels', 'zone', 'price', 'provisionTime', 'boot', 'images']);

export async function loadScenario(path: string, options: LoadOptions = {}): Promise<Scenario> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: cannot read the scenario file (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  return parseScenario(text, path, options);
}

export function parseScenario(text: string, path: string, options: LoadOptions = {}): Scenario {
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const at = e.linePos?.[0];
    const line = at ? text.split('\n')[at.line - 1] ?? '' : '';
    // `{count: ${n}}` is a flow mapping inside a flow mapping to YAML: the usual slip.
    const hint = /[[{].*\$\{/.test(line) ? ' (put ${...} in quotes inside [ ] or { })' : '';
    throw new InputError(`${path}:${at ? `${at.line}:${at.col}:` : ''} invalid YAML: ${e.message.split('\n')[0]}${hint}`);
  }
  const raw = doc.toJS() as unknown;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(`${path}: expected a mapping with fleet, workload and strategies at the top level`);
  }
  const tree = raw as Record<string, unknown>;
  const params = resolveParams(tree.params, options.params ?? {}, path);
  const substituted = substitute(tree, params, path, []) as Record<string, unknown>;
  if (tree.params !== undefined) substituted.params = params;
  for (const assignment of options.set ?? []) applySet(substituted, assignment, path);
  if (options.skipBadRows) {
    const traces = (substituted.workload as { traces?: Record<string, unknown>[] } | undefined)?.traces;
    for (const t of traces ?? []) t.skipBadRows = true;
  }

  const parsed = scenarioSchema.safeParse(substituted);
  if (!parsed.success) {
    const [at, message] = mostSpecific(parsed.error.issues[0]);
    throw new InputError(`${path}: ${fieldPath(at)}: ${message}`);
  }
  const spec = parsed.data;
  const dims = dimensionsOf(spec, path);
  const context = strategyContext(spec, dims);
  const strategies = spec.strategies.map((s, i): StrategyRef => {
    const { name, ...options } = typeof s === 'string' ? { name: s } : s;
    return resolveStrategy(name, options, context, `${path}: strategies[${i}]`);
  });
  const seeds =
    spec.seeds === undefined ? [1] : typeof spec.seeds === 'number' ? range(1, spec.seeds) : [...spec.seeds];
  return {
    path,
    name: spec.name ?? basename(path, extname(path)),
    description: spec.description ?? '',
    params,
    spec,
    dims,
    strategies,
    seeds,
    context,
  };
}

/** What strategies' options are checked against: the dimensions and the fleet's declared groups. */
function strategyContext(spec: ScenarioSpec, dims: Dimensions): StrategyContext {
  const groups = spec.fleet.flatMap((entry, i) =>
    isFleetTrace(entry) || isFleetSwf(entry) ? [] : [instanceGroup(entry as FleetGroupSpec, dims, i)],
  );
  return { dimensions: dims.names, groups };
}

/**
 * A strategy by name with its options, checked against its schema and against the scenario; `where`
 * prefixes every message (the file and field, or the command-line flag).
 */
export function resolveStrategy(name: string, options: Record<string, unknown>, context: StrategyContext, where: string): StrategyRef {
  const entry = findStrategy(name);
  if (!entry) throw new InputError(`${where}: unknown strategy "${name}"; expected one of ${STRATEGIES.map((x) => x.name).join(', ')}`);
  const parsed = entry.options.safeParse(options);
  if (!parsed.success) {
    const [at, message] = mostSpecific(parsed.error.issues[0]);
    throw new InputError(`${where}${at.length ? `.${fieldPath(at)}` : ''}: ${name}: ${message}`);
  }
  const problem = entry.check?.(parsed.data, context);
  if (problem !== undefined) throw new InputError(`${where}: ${name}: ${problem}`);
  return { name, options: parsed.data };
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  errors?: Issue[][];
}

/**
 * The issue to report. For a value that matches none of a union's forms, zod says only "Invalid
 * input"; the form that came closest (fewest issues) says what is wrong with the value.
 */
function mostSpecific(issue: unknown, prefix: PropertyKey[] = []): [PropertyKey[], string] {
  const i = issue as Issue;
  const at = [...prefix, ...i.path];
  if (i.code === 'invalid_union' && i.errors && i.errors.length > 0) {
    const closest = [...i.errors].sort((a, b) => a.length - b.length)[0];
    if (closest.length > 0) return mostSpecific(closest[0], at);
  }
  return [at, i.message];
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function resolveParams(
  declared: unknown,
  overrides: Readonly<Record<string, string>>,
  path: string,
): Record<string, number | string> {
  const params: Record<string, number | string> = {};
  if (declared !== undefined) {
    if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) {
      throw new InputError(`${path}: params: expected a mapping of names to default values`);
    }
    for (const [k, v] of Object.entries(declared)) {
      if (typeof v !== 'number' && typeof v !== 'string') {
        throw new InputError(`${path}: params.${k}: expected a number or a string, got ${JSON.stringify(v)}`);
      }
      params[k] = v;
    }
  }
  for (const [k, v] of Object.entries(overrides)) {
    if (!(k in params)) {
      throw new InputError(
        `${path}: --param ${k}: the scenario has no parameter "${k}" (declared: ${Object.keys(params).join(', ') || 'none'})`,
      );
    }
    const n = Number(v);
    params[k] = v.trim() !== '' && Number.isFinite(n) ? n : v;
  }
  return params;
}

const WHOLE = /^\$\{([^}]*)\}$/;
const PART = /\$\{([^}]*)\}/g;

/** Replaces `${...}` in every string of the tree (except the params block itself). */
function substitute(node: unknown, params: Record<string, number | string>, path: string, at: PropertyKey[]): unknown {
  if (typeof node === 'string') {
    try {
      const whole = WHOLE.exec(node);
      if (whole) return evaluate(whole[1], params);
      return node.replace(PART, (_, expr: string) => String(evaluate(expr, params)));
    } catch (e) {
      throw new InputError(`${path}: ${fieldPath(at)}: ${(e as Error).message}`);
    }
  }
  if (Array.isArray(node)) return node.map((x, i) => substitute(x, params, path, [...at, i]));
  if (typeof node === 'object' && node !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = at.length === 0 && k === 'params' ? v : substitute(v, params, path, [...at, k]);
    }
    return out;
  }
  return node;
}

/** Applies one `--set a.b.0.c=value` (the value is read as YAML: numbers, lists, mappings). */
function applySet(tree: Record<string, unknown>, assignment: string, path: string): void {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new InputError(`--set ${assignment}: expected path=value, e.g. fleet.0.count=1000`);
  const keys = assignment.slice(0, eq).split('.');
  const value = YAML.parse(assignment.slice(eq + 1)) as unknown;
  let node: unknown = tree;
  for (let k = 0; k < keys.length - 1; k++) {
    const key = keys[k];
    const container = node as Record<string, unknown> | unknown[];
    let child: unknown = Array.isArray(container) ? container[Number(key)] : container[key];
    if (child === undefined) {
      if (Array.isArray(container)) {
        throw new InputError(
          `${path}: --set ${assignment}: ${keys.slice(0, k).join('.')} has ${container.length} entries, no index ${key}`,
        );
      }
      child = {};
      container[key] = child;
    }
    if (typeof child !== 'object' || child === null) {
      throw new InputError(`${path}: --set ${assignment}: ${keys.slice(0, k + 1).join('.')} is not a mapping or list`);
    }
    node = child;
  }
  const last = keys[keys.length - 1];
  if (Array.isArray(node)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i > node.length) {
      throw new InputError(`${path}: --set ${assignment}: expected an index 0..${node.length}`);
    }
    node[i] = value;
  } else (node as Record<string, unknown>)[last] = value;
}

/** The run's dimensions: the core four, plus every other one the scenario uses. */
function dimensionsOf(spec: ScenarioSpec, path: string): Dimensions {
  const declared: Record<string, DimensionKind> = { ...KNOWN_EXTRA, ...(spec.dimensions ?? {}) };
  const used = new Set<string>();
  const check = (keys: Iterable<string>, where: string) => {
    for (const k of keys) {
      if (CORE_DIMENSIONS.includes(k)) continue;
      if (!(k in declared)) {
        throw new InputError(
          `${path}: ${where}.${k}: unknown resource "${k}"; expected cpu, mem, io, net, disk, gpu, gpuShare or a name declared under dimensions`,
        );
      }
      used.add(k);
    }
  };
  spec.fleet.forEach((g, i) => {
    if (isFleetSwf(g)) return;
    if (isFleetTrace(g)) check(Object.keys(g.trace.capacity), `fleet[${i}].trace.capacity`);
    else check(Object.keys(g).filter((k) => !GROUP_FIELDS.has(k)), `fleet[${i}]`);
  });
  spec.workload.traces?.forEach((t, i) => {
    check(Object.keys(t.declared), `workload.traces[${i}].declared`);
    check(Object.keys(t.usage ?? {}), `workload.traces[${i}].usage`);
  });
  spec.workload.items?.forEach((it, i) => {
    check(Object.keys(it.declared), `workload.items[${i}].declared`);
    it.stages.forEach((s, j) => check(Object.keys(s.demand ?? {}), `workload.items[${i}].stages[${j}].demand`));
  });
  spec.workload.generators?.forEach((g, i) => {
    check(
      Object.keys(g.declared).filter((k) => k !== 'memPerCpu'),
      `workload.generators[${i}].declared`,
    );
    if (g.kind === 'job' || g.kind === 'instance') check(Object.keys(g.usage ?? {}), `workload.generators[${i}].usage`);
  });
  for (const k of Object.keys(spec.dimensions ?? {})) used.add(k);
  return new Dimensions([...used].sort().map((name) => ({ name, kind: declared[name] })));
}
