/**
 * The `job` generator: batch jobs with Poisson (or any renewal) arrivals, declared requests drawn
 * from distributions, and a true usage that is the declared request times a usage ratio
 * (DESIGN §2: "declared vs true usage"). One stage per job.
 *
 *     - kind: job
 *       name: j                 # id prefix and stream name
 *       count: 100000           # items (or until the scenario's duration)
 *       rate: 2.5               # Poisson arrivals per second; or {series: ...} (rate-series.ts),
 *                               # or interarrival: <distribution>
 *       declared: {cpu: {choice: [1, 2, 4]}, memPerCpu: {uniform: [2, 6]}}
 *       duration: {exponential: {mean: 600}}   # seconds at full speed
 *       usage: {cpu: {uniform: [0.5, 1.2]}}    # true / declared, per dimension (default 1)
 *       meta: {application: [etl, train], language: [python, go], accelerator: [none, T4, A10]}
 *       needsFromMeta: {accelerator: accelerator}   # a drawn accelerator becomes a label need
 *       estimate: {lognormal: {median: 1.5, sigma: 0.5}}   # estimatedRuntime = duration × this
 *       pulls: [{meta: framework, seconds: 120}]   # pull image framework=<value> first (cached: 1 s)
 *       priority: {meta: team, values: {prod: 10}}
 *
 * Draws come from the source's own streams, in a fixed order per job: arrivals (interarrival),
 * sizes (declared dimensions in dimension order, duration, then metadata), usage (ratios), faults.
 */
import type { Rng } from '../../sim/random.js';
import type { ItemSink, WorkloadSource } from '../../sim/source.js';
import { compileDistribution, type Sampler } from '../distributions.js';
import type { JobGeneratorSpec } from '../schema.js';
import type { Dimensions } from '../../sim/resources.js';
import * as resourceConstants from '../../sim/resources.js';
import { compileArrivals, type NextArrival } from './arrivals.js';
import { sourceStreams, type SourceStreams } from './streams.js';

// Copied in as module constants, which V8 folds into optimized code (an imported binding it reads
// through a module cell at every use: see kernel.ts).
const { CPU, MEM, NET } = resourceConstants;

interface Compiled {
  next: NextArrival;
  estimate: Sampler | undefined;
  declared: (Sampler | undefined)[];
  memPerCpu: Sampler | undefined;
  duration: Sampler;
  usage: (Sampler | undefined)[];
}

export async function compileJobGenerator(spec: JobGeneratorSpec, dims: Dimensions, scenarioPath: string): Promise<Compiled> {
  const per = async (values: Readonly<Record<string, unknown>> | undefined) =>
    Promise.all(dims.names.map((n) => (values?.[n] === undefined ? undefined : compileDistribution(values[n], scenarioPath))));
  return {
    next: await compileArrivals(spec, scenarioPath),
    estimate: spec.estimate === undefined ? undefined : await compileDistribution(spec.estimate, scenarioPath),
    declared: await per(spec.declared),
    memPerCpu: spec.declared.memPerCpu === undefined ? undefined : await compileDistribution(spec.declared.memPerCpu, scenarioPath),
    duration: await compileDistribution(spec.duration, scenarioPath),
    usage: await per(spec.usage),
  };
}

export class JobGenerator implements WorkloadSource {
  readonly name: string;
  private readonly spec: JobGeneratorSpec;
  private readonly c: Compiled;
  private produced = 0;
  private time: number;
  private rng: SourceStreams | undefined;
  private drawn: Float64Array | undefined = undefined;

  constructor(spec: JobGeneratorSpec, compiled: Compiled, index: number) {
    this.spec = spec;
    this.c = compiled;
    this.name = spec.name ?? `job${index}`;
    this.time = spec.start ?? 0;
  }

  fill(sink: ItemSink, max: number): boolean {
    const rng = (this.rng ??= sourceStreams(sink, this.name));
    const spec = this.spec;
    const usage = this.c.usage;
    const D = sink.dims.count;
    const count = spec.count ?? Infinity;
    const drawn = (this.drawn ??= new Float64Array(D + 1));
    // What the spec asks of every job, read once a batch rather than once a job.
    const described = Boolean(spec.meta || spec.estimate || spec.needs);
    const pulls = spec.pulls !== undefined;
    const failing = sink.stageFailure > 0;
    const timeout = spec.timeout;
    let drawsUsage = false;
    for (let d = 0; d < D; d++) if (usage[d] !== undefined) drawsUsage = true;
    const end = Math.min(count, this.produced + max);
    while (this.produced < end) {
      this.draw(rng, D);
      // A rate series that ends (and does not repeat) ends the source.
      if (this.time === Infinity) return false;
      const item = sink.begin(0, this.time);
      for (let d = 0; d < D; d++) if (drawn[d] !== 0) sink.declare(item, d, drawn[d]);
      const meta = described ? this.describe(sink, item, rng.sizes) : undefined;
      if (pulls && meta) this.pull(sink, item, meta);
      const stage = sink.stage(item, drawn[D]);
      // True usage = declared unless the spec draws ratios: the plain loop is 7 ns a job faster
      // (2M jobs into a sink that does nothing: 68 against 75 ns).
      if (drawsUsage) {
        for (let d = 0; d < D; d++) {
          const ratio = usage[d];
          const v = ratio ? drawn[d] * ratio(rng.usage) : drawn[d];
          if (v !== 0) sink.demand(stage, d, v);
        }
      } else {
        for (let d = 0; d < D; d++) if (drawn[d] !== 0) sink.demand(stage, d, drawn[d]);
      }
      if (failing) sink.failDraw(stage, rng.faults());
      if (timeout !== undefined) sink.timeout(item, timeout);
      sink.commit(item, this.produced++);
    }
    return this.produced < count;
  }

  /**
   * The next job's arrival (into `time`), declared request and duration (into `drawn`: D values,
   * then the duration). Apart from `fill` so that V8 inlines the samplers and the generator's draws
   * here: a double returned from a call it does not inline is boxed, a heap number per draw.
   */
  private draw(rng: SourceStreams, D: number): void {
    const { declared, memPerCpu } = this.c;
    const drawn = this.drawn as Float64Array;
    this.time = this.c.next(this.time, rng.arrivals);
    for (let d = 0; d < D; d++) {
      const sampler = declared[d];
      drawn[d] = d === MEM && memPerCpu ? drawn[0] * memPerCpu(rng.sizes) : sampler ? sampler(rng.sizes) : 0;
    }
    drawn[D] = this.c.duration(rng.sizes);
  }

  /** One stage per pull the job's metadata names; the job is ready once they are done. */
  private pull(sink: ItemSink, item: number, meta: Readonly<Record<string, string | number>>): void {
    let n = 0;
    for (const p of this.spec.pulls ?? []) {
      const value = meta[p.meta];
      if (value === undefined || value === '' || value === 'none') continue;
      const seconds = typeof p.seconds === 'number' ? p.seconds : p.seconds[String(value)];
      if (seconds === undefined) continue;
      const s = sink.stage(item, p.cached ?? 1);
      sink.pullImage(s, `${p.meta}=${value}`, seconds);
      sink.demand(s, NET, p.net ?? 50);
      sink.demand(s, CPU, 0.1);
      n++;
    }
    if (n > 0) sink.readyAfter(item, n);
  }

  /**
   * Metadata (drawn from the sizes stream), the label needs and priority that follow from it; for
   * a spec with metadata, an estimate or needs (`fill` asks only then).
   */
  private describe(sink: ItemSink, item: number, rng: Rng): Record<string, string | number> {
    const spec = this.spec;
    const meta: Record<string, string | number> = {};
    for (const [key, values] of Object.entries(spec.meta ?? {})) {
      meta[key] = values[Math.min(values.length - 1, Math.floor(rng() * values.length))];
    }
    // The duration comes through `drawn`: a double passed to a call V8 does not inline is boxed.
    if (this.c.estimate) meta.estimatedRuntime = (this.drawn as Float64Array)[sink.dims.count] * this.c.estimate(rng);
    const needs: Record<string, string> = { ...(spec.needs ?? {}) };
    for (const [label, key] of Object.entries(spec.needsFromMeta ?? {})) {
      const v = meta[key];
      if (typeof v === 'string' && v !== '' && v !== 'none') needs[label] = v;
    }
    if (Object.keys(needs).length > 0) sink.constrain(item, needs);
    if (spec.priority) {
      const p = spec.priority.values[String(meta[spec.priority.meta])] ?? 0;
      if (p !== 0) {
        sink.setPriority(item, p);
        meta.priority = p;
      }
    }
    if (Object.keys(meta).length > 0) sink.describe(item, meta);
    return meta;
  }

  idOf(local: number): string {
    return `${this.name}${local}`;
  }
}
