/**
 * The generic trace importer: any CSV file, one work item per row, with a column mapping and
 * units written in the scenario (no code). Rows are streamed in batches as the simulation
 * advances, never read whole.
 *
 *     traces:
 *       - path: pods.csv
 *         name: pod
 *         id: name                      # column naming the item (default: name + row index)
 *         at: creation_time             # arrival, seconds (timeScale converts; timeOrigin: first
 *                                       # makes the first row time 0, or give a number or a
 *                                       # date-time shared by several traces)
 *         duration: {expr: "deletion_time - scheduled_time", default: 86400}
 *         declared: {cpu: {column: cpu_milli, scale: 0.001}, mem: {column: memory_mib, scale: ...}}
 *         usage: {cpu: {uniform: [0.5, 1]}}      # the stated model of true / declared usage
 *         needs: {accelerator: gpu_spec}         # label constraints from columns ('' = none)
 *         meta: {qos: qos}
 *
 * A malformed row stops the run with the file, line and column (or, with skipBadRows, is counted
 * and reported); a mapped column missing from the header stops it listing the columns found.
 */
import { ITEM_KINDS } from '../../sim/api.js';
import type { Rng } from '../../sim/random.js';
import type { ItemSink, WorkloadSource } from '../../sim/source.js';
import { csvBatches, type CsvBatch } from '../csv.js';
import { compileDistribution, type Sampler } from '../distributions.js';
import { InputError } from '../input-error.js';
import { compileMapping, parseDatetime, requireColumns, type CompiledMapping } from '../mapping.js';
import type { Dimensions } from '../../sim/resources.js';
import type { TraceSpec } from '../schema.js';

export interface CompiledTrace {
  path: string;
  spec: TraceSpec;
  at: CompiledMapping;
  duration: CompiledMapping;
  declared: (CompiledMapping | undefined)[];
  usage: (Sampler | undefined)[];
  priority: CompiledMapping | undefined;
  columns: Set<string>;
}

export async function compileTrace(spec: TraceSpec, path: string, dims: Dimensions, scenarioPath: string): Promise<CompiledTrace> {
  const at = compileMapping(spec.at, path, 'at');
  const duration = compileMapping(spec.duration, path, 'duration');
  const declared = dims.names.map((n) => (spec.declared[n] === undefined ? undefined : compileMapping(spec.declared[n], path, `declared.${n}`)));
  const usage = await Promise.all(dims.names.map((n) => (spec.usage?.[n] === undefined ? undefined : compileDistribution(spec.usage[n], scenarioPath))));
  const priority = spec.priority === undefined ? undefined : compileMapping(spec.priority, path, 'priority');
  const columns = new Set<string>([...at.columns, ...duration.columns, ...(priority?.columns ?? [])]);
  for (const m of declared) for (const c of m?.columns ?? []) columns.add(c);
  for (const c of Object.values(spec.needs ?? {})) columns.add(c);
  for (const c of Object.values(spec.meta ?? {})) columns.add(c);
  if (spec.id) columns.add(spec.id);
  return { path, spec, at, duration, declared, usage, priority, columns };
}

export class CsvTraceSource implements WorkloadSource {
  readonly name: string;
  /** Rows skipped as malformed (with skipBadRows). */
  skipped = 0;
  private readonly t: CompiledTrace;
  private batches: AsyncGenerator<CsvBatch> | undefined;
  /** The batch of rows being read, and the next row's index in it. */
  private batch: CsvBatch = { rows: [], firstLine: 1 };
  private next = 0;
  private ids: string[] = [];
  private count = 0;
  private origin: number | undefined;
  private usageRng: Rng | undefined;
  private faultsRng: Rng | undefined;
  private readonly values: Float64Array;

  constructor(compiled: CompiledTrace, index: number, dims: Dimensions) {
    this.t = compiled;
    this.name = compiled.spec.name ?? `trace${index}`;
    this.values = new Float64Array(dims.count);
    const origin = compiled.spec.timeOrigin;
    if (typeof origin === 'number') this.origin = origin;
    else if (typeof origin === 'string' && origin !== 'first') this.origin = parseDatetime(origin);
  }

  async fill(sink: ItemSink, max: number): Promise<boolean> {
    const t = this.t;
    const spec = t.spec;
    this.batches ??= csvBatches(t.path, { delimiter: spec.delimiter });
    this.usageRng ??= sink.streams.stream(`source/${this.name}/usage`);
    this.faultsRng ??= sink.streams.stream(`source/${this.name}/faults`);
    const D = sink.dims.count;
    const limit = spec.limit ?? Infinity;
    const scale = spec.timeScale ?? 1;
    for (let k = 0; k < max; k++) {
      if (this.count >= limit) return false;
      if (this.next === this.batch.rows.length) {
        const more = await this.batches.next();
        if (more.done) return false;
        this.batch = more.value;
        this.next = 0;
      }
      const line = this.batch.firstLine + this.next;
      const row = this.batch.rows[this.next++];
      if (this.count === 0 && this.skipped === 0) requireColumns(t.path, Object.keys(row), t.columns);
      let at: number;
      let duration: number;
      try {
        at = t.at.read(row, line) * scale;
        duration = t.duration.read(row, line) * scale;
        if (!(duration >= 0)) throw new InputError(`${t.path}: line ${line}: duration ${duration} is negative`);
        for (let d = 0; d < D; d++) this.values[d] = t.declared[d]?.read(row, line) ?? 0;
      } catch (e) {
        if (e instanceof InputError && spec.skipBadRows) {
          this.skipped++;
          k--;
          continue;
        }
        throw e;
      }
      if (this.origin === undefined) this.origin = spec.timeOrigin === 'first' ? at : 0;
      const item = sink.begin(ITEM_KINDS.indexOf(spec.kind ?? 'job'), Math.max(0, at - this.origin));
      for (let d = 0; d < D; d++) if (this.values[d] !== 0) sink.declare(item, d, this.values[d]);
      const stage = sink.stage(item, duration);
      for (let d = 0; d < D; d++) {
        const ratio = t.usage[d];
        const v = ratio ? this.values[d] * ratio(this.usageRng) : this.values[d];
        if (v !== 0) sink.demand(stage, d, v);
      }
      if (sink.stageFailure > 0) sink.failDraw(stage, this.faultsRng());
      if (spec.needs) {
        const needs: Record<string, string> = {};
        for (const [label, column] of Object.entries(spec.needs)) if (row[column]) needs[label] = row[column];
        if (Object.keys(needs).length > 0) sink.constrain(item, needs);
      }
      if (spec.meta) {
        const meta: Record<string, string> = {};
        for (const [key, column] of Object.entries(spec.meta)) meta[key] = row[column] ?? '';
        sink.describe(item, meta);
      }
      if (t.priority) sink.setPriority(item, t.priority.read(row, line));
      if (spec.timeout !== undefined) sink.timeout(item, spec.timeout);
      // Only ids read from the file are kept; generated ones are rebuilt from the index.
      if (spec.id) this.ids.push(row[spec.id]);
      sink.commit(item, this.count++);
    }
    return true;
  }

  idOf(local: number): string {
    return this.t.spec.id ? this.ids[local] : `${this.name}${local}`;
  }

  async close(): Promise<void> {
    await this.batches?.return(undefined);
  }
}
