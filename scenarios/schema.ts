/**
 * The scenario file format (YAML), validated with zod. Field by field:
 *
 * - `name`, `description` — shown by `fleetlab scenarios` and in reports.
 * - `params` — named defaults, used anywhere as `${name}` or in arithmetic `${0.85 * hosts}`;
 *   overridden with `--param name=value`.
 * - `dimensions` — extra resource dimensions beyond cpu, mem, io, net: `{gpu: count}`
 *   (kinds: shared, memory, count). `disk` is known already (count, GiB).
 * - `fleet` — groups of identical instances: `count`, capacities (`cpu` cores, `mem` GiB,
 *   `io` MB/s, `net` MB/s, `disk` GiB, extra dimensions), `labels`, `zone`, `price` per hour,
 *   `provisionTime` and `boot: {cached, uncached}` seconds, cached `images`.
 * - `workload.items` — explicit work items: `id`, `at`, `kind`, `declared`, `stages`
 *   (`duration` at full speed, true `demand`), optional `rollback`, `timeout`, `needs`
 *   (labels), `pin` (instance name), `priority`, `meta`.
 * - `workload.generators` — synthetic sources, e.g. `{kind: job, count, rate, declared, duration,
 *   usage}` (see scenarios/generators/).
 * - `workload.traces` — recorded traces, any CSV with a column mapping (sources/csv-trace.ts).
 * - a `fleet` entry may be `{trace: {path, capacity: {cpu: column, ...}, labels: {name: column}}}`:
 *   one instance per row of a node list (fleet.ts), or `{swf: {path}}`: the machine of a Standard
 *   Workload Format log, sized from its header.
 * - `workload.swf` — the jobs of an SWF log as published (sources/swf-jobs.ts).
 * - `workload.gwa` — the VMs of a GWA VM-usage trace, a file or a folder (sources/gwa-vms.ts).
 * - `strategies` — names (see `fleetlab strategies`), or `{name, ...options}`.
 * - `seeds` — a list of seeds, or a count (1..N).
 * - `duration` — simulated seconds after which the run stops.
 * - `faults` — `instanceMtbf`, `repairTime` (seconds), `stageFailure` (probability per stage).
 * - `report` — `interval` (seconds between time-series samples), `baseline` (strategy that
 *   comparisons are paired against).
 */
import { z } from 'zod';
import { distributionField } from './distribution-field.js';
import { installGenerator } from './generators/install.js';
import { updateGenerator } from './generators/update.js';
import { instanceGenerator } from './generators/instance.js';
import { mappedValue } from './mapping.js';
import { rateSeriesSpec } from './rate-series.js';

/** A distribution field (see distributions.ts), checked with a message listing the forms. */
export const distribution = distributionField;

const nonNegative = z.number().nonnegative();
const vector = z.record(z.string(), nonNegative);
const labels = z.record(z.string(), z.union([z.string(), z.number()]).transform(String));

export const fleetGroup = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'expected letters, digits, _ . or -').optional(),
    count: z.number().int().nonnegative(),
    cpu: z.number().positive(),
    mem: nonNegative,
    io: nonNegative.optional(),
    net: nonNegative.optional(),
    labels: labels.optional(),
    zone: z.string().optional(),
    price: nonNegative.optional(),
    provisionTime: nonNegative.optional(),
    boot: z.object({ cached: nonNegative, uncached: nonNegative }).strict().optional(),
    images: z.array(z.string()).optional(),
  })
  .catchall(nonNegative);

const stage = z.object({ duration: nonNegative, demand: vector.optional() }).strict();

export const explicitItem = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    at: nonNegative,
    kind: z.enum(['job', 'install', 'update', 'instance']).optional(),
    declared: vector,
    stages: z.array(stage),
    rollback: stage.optional(),
    timeout: z.number().positive().optional(),
    needs: labels.optional(),
    pin: z.union([z.string(), z.number()]).transform(String).optional(),
    priority: z.number().optional(),
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const jobGenerator = z
  .object({
    kind: z.literal('job'),
    name: z.string().optional(),
    count: z.number().int().nonnegative().optional(),
    rate: z.union([z.number().positive(), z.object({ series: rateSeriesSpec }).strict()]).optional(),
    interarrival: distribution.optional(),
    start: nonNegative.optional(),
    declared: z.record(z.string(), distribution),
    duration: distribution,
    usage: z.record(z.string(), distribution).optional(),
    timeout: z.number().positive().optional(),
    needs: labels.optional(),
    /** Metadata drawn per job: each key picks one of its values (uniformly). */
    meta: z.record(z.string(), z.array(z.string()).min(1)).optional(),
    /** Label needs drawn per job from the `meta` keys named here (e.g. {accelerator: accelerator}). */
    needsFromMeta: z.record(z.string(), z.string()).optional(),
    /** The owner's runtime estimate = true duration × this factor (metadata `estimatedRuntime`). */
    estimate: distribution.optional(),
    /**
     * Images or data sets each job pulls before it runs, named from a `meta` key: `{meta: framework,
     * seconds: 120}` pulls `framework=<value>` — `seconds` (or seconds per value) where the instance
     * does not have it, `cached` seconds where it does; at `net` MB/s. A value of none pulls nothing.
     */
    pulls: z
      .array(
        z
          .object({
            meta: z.string(),
            seconds: z.union([z.number().positive(), z.record(z.string(), z.number().positive())]),
            cached: z.number().nonnegative().optional(),
            net: z.number().positive().optional(),
          })
          .strict(),
      )
      .optional(),
    /** Priority per job from one `meta` key's value: {meta: team, values: {prod: 10}} (others 0). */
    priority: z.object({ meta: z.string(), values: z.record(z.string(), z.number()) }).strict().optional(),
  })
  .strict()
  .refine((g) => (g.rate === undefined) !== (g.interarrival === undefined), {
    message: 'expected exactly one of rate (Poisson arrivals per second, or {series: ...}) or interarrival (a distribution)',
  });

export const generator = z.discriminatedUnion('kind', [jobGenerator, installGenerator, updateGenerator, instanceGenerator]);

/** A recorded trace read row by row (see sources/csv-trace.ts). */
export const traceSpec = z
  .object({
    path: z.string(),
    name: z.string().optional(),
    kind: z.enum(['job', 'install', 'update', 'instance']).optional(),
    delimiter: z.string().optional(),
    id: z.string().optional(),
    at: mappedValue,
    timeOrigin: z.union([z.literal('first'), z.number(), z.string().regex(/^\d{4}-\d{2}-\d{2}[ T]/, 'expected first, a number of seconds, or a date-time')]).optional(),
    timeScale: z.number().positive().optional(),
    duration: mappedValue,
    declared: z.record(z.string(), mappedValue),
    usage: z.record(z.string(), distribution).optional(),
    needs: z.record(z.string(), z.string()).optional(),
    meta: z.record(z.string(), z.string()).optional(),
    priority: mappedValue.optional(),
    timeout: z.number().positive().optional(),
    skipBadRows: z.boolean().optional(),
    limit: z.number().int().positive().optional(),
  })
  .strict();

/** Jobs of a Standard Workload Format log (sources/swf-jobs.ts). */
export const swfSpec = z
  .object({
    path: z.string(),
    name: z.string().optional(),
    processorsPerNode: z.number().positive().optional(),
    memory: z.boolean().optional(),
    limit: z.number().int().positive().optional(),
  })
  .strict();

/** VMs of a GWA VM-usage trace (sources/gwa-vms.ts). */
export const gwaSpec = z
  .object({
    path: z.string(),
    name: z.string().optional(),
    limit: z.number().int().positive().optional(),
    span: z.number().positive().optional(),
  })
  .strict();

/** The machine of an SWF log: one instance whose `cpu` counts nodes, sized from the header. */
export const fleetSwf = z
  .object({
    swf: z
      .object({
        path: z.string(),
        name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'expected letters, digits, _ . or -').optional(),
        /** Nodes, when the header has no MaxNodes/MaxProcs. */
        nodes: z.number().int().positive().optional(),
        memPerNode: z.number().nonnegative().optional(),
        price: z.number().nonnegative().optional(),
      })
      .strict(),
  })
  .strict();

/** A fleet read from a node list: one instance per row, grouped by identical capacity and labels. */
export const fleetTrace = z
  .object({
    trace: z
      .object({
        path: z.string(),
        name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'expected letters, digits, _ . or -').optional(),
        delimiter: z.string().optional(),
        capacity: z.record(z.string(), mappedValue),
        labels: z.record(z.string(), z.string()).optional(),
        price: z.number().nonnegative().optional(),
        limit: z.number().int().positive().optional(),
      })
      .strict(),
  })
  .strict();

const strategyRef = z.union([z.string(), z.object({ name: z.string() }).catchall(z.unknown())]);

export const scenarioSchema = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    params: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
    dimensions: z.record(z.string(), z.enum(['shared', 'memory', 'count'])).optional(),
    fleet: z.array(z.union([fleetTrace, fleetSwf, fleetGroup])).min(1),
    workload: z
      .object({
        items: z.array(explicitItem).optional(),
        generators: z.array(generator).optional(),
        traces: z.array(traceSpec).optional(),
        swf: z.array(swfSpec).optional(),
        gwa: z.array(gwaSpec).optional(),
      })
      .strict()
      .refine((w) => [w.items, w.generators, w.traces, w.swf, w.gwa].some((x) => (x?.length ?? 0) > 0), {
        message: 'expected at least one item, generator or trace',
      }),
    strategies: z.array(strategyRef).min(1),
    seeds: z.union([z.array(z.number().int()).min(1), z.number().int().positive()]).optional(),
    duration: z.number().positive().optional(),
    faults: z
      .object({
        instanceMtbf: z.number().positive().optional(),
        repairTime: nonNegative.optional(),
        stageFailure: z.number().min(0).max(1).optional(),
      })
      .strict()
      .optional(),
    report: z
      .object({ interval: z.number().positive().optional(), baseline: z.string().optional() })
      .strict()
      .optional(),
  })
  .strict();

export type ScenarioSpec = z.infer<typeof scenarioSchema>;
export type FleetGroupSpec = z.infer<typeof fleetGroup>;
export type ExplicitItemSpec = z.infer<typeof explicitItem>;
export type JobGeneratorSpec = z.infer<typeof jobGenerator>;
export type TraceSpec = z.infer<typeof traceSpec>;
export type FleetTraceSpec = z.infer<typeof fleetTrace>;
export type FleetSwfSpec = z.infer<typeof fleetSwf>;

/** Whether a fleet entry is a node list read from a trace. */
export function isFleetTrace(e: FleetEntry): e is FleetTraceSpec {
  return typeof (e as { trace?: unknown }).trace === 'object';
}

/** Whether a fleet entry is the machine of an SWF log. */
export function isFleetSwf(e: FleetEntry): e is FleetSwfSpec {
  return typeof (e as { swf?: unknown }).swf === 'object';
}

export type FleetEntry = FleetGroupSpec | FleetTraceSpec | FleetSwfSpec;
