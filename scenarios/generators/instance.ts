/**
 * The `instance` generator (seed 002): requests for a ready instance of a configuration. Arrivals
 * follow a base rate (or a recorded series) shaped by daily and weekly seasonality and by flash
 * crowds; each request boots an image — quick where the instance has it cached, slow where it
 * must be pulled — then sets up network and storage, and is *ready*: time-to-ready counts up to
 * there. It then serves for its lifetime.
 *
 *     - kind: instance
 *       rate: 0.05                          # per second (or {series: ...})
 *       seasonality: {daily: 0.6, peakHour: 14, weekly: 0.2, peakDay: 2}
 *       flashCrowds: {perDay: 1, multiplier: 6, duration: 900}
 *       images: {values: [web, db, ml], weights: [6, 3, 1]}
 *       boot: {cached: 20, uncached: 180}
 *       setup: {network: {uniform: [2, 8]}, storage: {uniform: [5, 30]}}
 *       lifetime: {lognormal: {median: 7200, sigma: 1}}
 *       declared: {cpu: {choice: [2, 4, 8]}, memPerCpu: 4}
 *       usage: {cpu: {uniform: [0.3, 0.9]}}
 *
 * Seasonality and crowds modulate the rate; arrivals are drawn by thinning (candidates at the
 * peak rate, kept with probability rate / peak), from the source's own streams.
 */
import { z } from 'zod';
import { CPU, IO, MEM, NET } from '../../sim/resources.js';
import type { Dimensions } from '../../sim/resources.js';
import type { Rng } from '../../sim/random.js';
import type { ItemSink, WorkloadSource } from '../../sim/source.js';
import { distributionField } from '../distribution-field.js';
import { compileDistribution, type Sampler } from '../distributions.js';
import { rateSeriesSpec } from '../rate-series.js';
import { compileArrivals, type NextArrival } from './arrivals.js';
import { sourceStreams, type SourceStreams } from './streams.js';

export const instanceGenerator = z
  .object({
    kind: z.literal('instance'),
    name: z.string().optional(),
    count: z.number().int().nonnegative().optional(),
    rate: z.union([z.number().positive(), z.object({ series: rateSeriesSpec }).strict()]),
    seasonality: z
      .object({
        daily: z.number().min(0).max(1).optional(),
        peakHour: z.number().min(0).max(24).optional(),
        weekly: z.number().min(0).max(1).optional(),
        peakDay: z.number().min(0).max(7).optional(),
      })
      .strict()
      .optional(),
    flashCrowds: z.object({ perDay: z.number().positive(), multiplier: z.number().min(1), duration: z.number().positive() }).strict().optional(),
    images: z.union([z.array(z.string()).min(1), z.object({ values: z.array(z.string()).min(1), weights: z.array(z.number().nonnegative()) }).strict()]),
    boot: z.object({ cached: z.number().nonnegative(), uncached: z.number().nonnegative() }).strict(),
    setup: z.object({ network: distributionField.optional(), storage: distributionField.optional() }).strict().optional(),
    lifetime: distributionField,
    declared: z.record(z.string(), distributionField),
    usage: z.record(z.string(), distributionField).optional(),
    timeout: z.number().positive().optional(),
  })
  .strict();
export type InstanceGeneratorSpec = z.infer<typeof instanceGenerator>;

export interface CompiledInstance {
  base: NextArrival;
  images: string[];
  cumulative: Float64Array;
  network: Sampler;
  storage: Sampler;
  lifetime: Sampler;
  declared: (Sampler | undefined)[];
  memPerCpu: Sampler | undefined;
  usage: (Sampler | undefined)[];
}

export async function compileInstance(spec: InstanceGeneratorSpec, dims: Dimensions, scenarioPath: string): Promise<CompiledInstance> {
  const images = Array.isArray(spec.images) ? spec.images : spec.images.values;
  const weights = Array.isArray(spec.images) ? images.map(() => 1) : spec.images.weights;
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const per = (values: Readonly<Record<string, unknown>> | undefined) =>
    Promise.all(dims.names.map((n) => (values?.[n] === undefined ? undefined : compileDistribution(values[n], scenarioPath))));
  return {
    base: await compileArrivals({ rate: spec.rate }, scenarioPath),
    images,
    cumulative: Float64Array.from(weights, (w) => (acc += w) / total),
    network: await compileDistribution(spec.setup?.network ?? 2, scenarioPath),
    storage: await compileDistribution(spec.setup?.storage ?? 5, scenarioPath),
    lifetime: await compileDistribution(spec.lifetime, scenarioPath),
    declared: await per(spec.declared),
    memPerCpu: spec.declared.memPerCpu === undefined ? undefined : await compileDistribution(spec.declared.memPerCpu, scenarioPath),
    usage: await per(spec.usage),
  };
}

export class InstanceRequests implements WorkloadSource {
  readonly name: string;
  private readonly spec: InstanceGeneratorSpec;
  private readonly c: CompiledInstance;
  private produced = 0;
  private time = 0;
  private rng: (SourceStreams & { thinning: Rng; crowds: Rng }) | undefined;
  /** Flash crowds drawn so far: [start, end) windows, in order. */
  private crowds: number[] = [];
  private crowdsUntil = 0;

  constructor(spec: InstanceGeneratorSpec, compiled: CompiledInstance, index: number) {
    this.spec = spec;
    this.c = compiled;
    this.name = spec.name ?? `instance${index}`;
  }

  /** The seasonal and crowd factor on the base rate at time t, and its maximum. */
  private factor(t: number): number {
    const s = this.spec.seasonality;
    let f = 1;
    if (s?.daily) f *= 1 + s.daily * Math.cos((2 * Math.PI * (t - (s.peakHour ?? 14) * 3600)) / 86400);
    if (s?.weekly) f *= 1 + s.weekly * Math.cos((2 * Math.PI * (t - (s.peakDay ?? 2) * 86400)) / 604800);
    const fc = this.spec.flashCrowds;
    if (fc) {
      const rng = this.rng!.crowds;
      while (this.crowdsUntil <= t) {
        this.crowdsUntil += -Math.log(1 - rng()) * (86400 / fc.perDay);
        this.crowds.push(this.crowdsUntil, this.crowdsUntil + fc.duration);
      }
      while (this.crowds.length > 2 && this.crowds[1] < t) this.crowds.splice(0, 2);
      for (let k = 0; k < this.crowds.length; k += 2) if (t >= this.crowds[k] && t < this.crowds[k + 1]) f *= fc.multiplier;
    }
    return f;
  }

  private peakFactor(): number {
    const s = this.spec.seasonality;
    return (1 + (s?.daily ?? 0)) * (1 + (s?.weekly ?? 0)) * (this.spec.flashCrowds?.multiplier ?? 1);
  }

  fill(sink: ItemSink, max: number): boolean {
    const rng = (this.rng ??= {
      ...sourceStreams(sink, this.name),
      thinning: sink.streams.stream(`source/${this.name}/thinning`),
      crowds: sink.streams.stream(`source/${this.name}/crowds`),
    });
    const c = this.c;
    const D = sink.dims.count;
    const count = this.spec.count ?? Infinity;
    const peak = this.peakFactor();
    const values = new Float64Array(D);
    for (let k = 0; k < max && this.produced < count; k++) {
      // Thinning: candidates come `peak` times faster than the base process; each is kept with
      // probability factor / peak.
      for (;;) {
        this.time = c.base(this.time, rng.arrivals, peak);
        if (this.time === Infinity) return false;
        if (rng.thinning() * peak < this.factor(this.time)) break;
      }
      const item = sink.begin(3, this.time);
      for (let d = 0; d < D; d++) {
        const draw = c.declared[d];
        values[d] = d === MEM && c.memPerCpu ? values[CPU] * c.memPerCpu(rng.sizes) : draw ? draw(rng.sizes) : 0;
        if (values[d] !== 0) sink.declare(item, d, values[d]);
      }
      const u = rng.sizes();
      let which = 0;
      while (which < c.cumulative.length - 1 && u >= c.cumulative[which]) which++;
      const image = c.images[which];
      const boot = sink.stage(item, this.spec.boot.cached);
      sink.pullImage(boot, image, this.spec.boot.uncached);
      sink.demand(boot, CPU, 0.5);
      sink.demand(boot, IO, 50);
      sink.demand(boot, NET, 25);
      const network = sink.stage(item, c.network(rng.sizes));
      sink.demand(network, CPU, 0.1);
      const storage = sink.stage(item, c.storage(rng.sizes));
      sink.demand(storage, IO, 50);
      sink.readyAfter(item, 3);
      const serve = sink.stage(item, c.lifetime(rng.sizes));
      for (let d = 0; d < D; d++) {
        const ratio = c.usage[d];
        const v = ratio ? values[d] * ratio(rng.usage) : values[d];
        if (v !== 0) sink.demand(serve, d, v);
      }
      if (sink.stageFailure > 0) for (const s of [boot, network, storage, serve]) sink.failDraw(s, rng.faults());
      sink.describe(item, { application: image, image });
      if (this.spec.timeout !== undefined) sink.timeout(item, this.spec.timeout);
      sink.commit(item, this.produced++);
    }
    return this.produced < count;
  }

  idOf(local: number): string {
    return `${this.name}${local}`;
  }
}
