/**
 * The `install` generator (seeds 000, 003): a Debian package pulled with its dependency closure.
 * Its stages follow the sizes of the closure, under a stated model:
 *
 *   fetch      Σ download bytes / mirror MB/s              net = mirror, cpu 0.1
 *   extract    Σ installed MiB / disk MB/s                 io = disk, cpu 0.5
 *   resolve    0.5 s + 0.01 s per package of the closure   cpu 1, mem 0.1 GiB + 4 MiB per package
 *   configure  1 s + 0.05 s per package                    cpu 1, mem 0.25 GiB
 *   verify     Σ installed MiB / (2 · disk)                io = disk
 *   rollback   half the extract, if a stage fails          io = disk
 *
 * True demand is the model times a usage factor drawn per stage (default U(0.8, 1.2)); the
 * declared request comes from the scenario. Shadow runs (seed 003) build the same install of a
 * package from streams of their own. Metadata: application, version, direct dependencies,
 * closure size, installed size, critical (priority required or important).
 *
 *     - kind: install
 *       packages: {path: ../../shared/traces/debian/packages.csv, provides: .../provides.csv}
 *       choose: [nginx, postgresql-15]     # or omit: uniform over the whole index
 *       count: 500
 *       rate: 0.2
 *       mirror: 40                         # MB/s one fetch can use
 *       disk: 150                          # MB/s one extract can use
 *       declared: {cpu: 1, mem: 0.5, io: 150, net: 40}
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { CPU, IO, MEM, NET } from '../../sim/resources.js';
import type { ItemSink, WorkloadSource } from '../../sim/source.js';
import type { Dimensions } from '../../sim/resources.js';
import { DebianIndex } from '../debian.js';
import { compileDistribution, type Sampler } from '../distributions.js';
import { InputError } from '../input-error.js';
import { rateSeriesSpec } from '../rate-series.js';
import { distributionField } from '../distribution-field.js';
import { compileArrivals, type NextArrival } from './arrivals.js';
import { declareDrawn, sourceStreams, type SourceStreams } from './streams.js';

export const packageIndexSpec = z.object({ path: z.string(), provides: z.string().optional() }).strict();

export const installGenerator = z
  .object({
    kind: z.literal('install'),
    name: z.string().optional(),
    packages: packageIndexSpec,
    choose: z.array(z.string()).min(1).optional(),
    count: z.number().int().nonnegative().optional(),
    rate: z.union([z.number().positive(), z.object({ series: rateSeriesSpec }).strict()]).optional(),
    interarrival: distributionField.optional(),
    mirror: z.number().positive().optional(),
    disk: z.number().positive().optional(),
    declared: z.record(z.string(), distributionField),
    usage: distributionField.optional(),
    timeout: z.number().positive().optional(),
  })
  .strict();
export type InstallGeneratorSpec = z.infer<typeof installGenerator>;

const indexes = new Map<string, Promise<DebianIndex>>();

/** The package index of a scenario, loaded once per process. */
export function packageIndex(spec: z.infer<typeof packageIndexSpec>, scenarioPath: string): Promise<DebianIndex> {
  const base = dirname(scenarioPath);
  const path = resolve(base, spec.path);
  const provides = spec.provides ? resolve(base, spec.provides) : undefined;
  const key = `${path}|${provides}`;
  let p = indexes.get(key);
  if (!p) indexes.set(key, (p = DebianIndex.load(path, provides)));
  return p;
}

export interface CompiledInstall {
  index: DebianIndex;
  names: string[];
  next: NextArrival;
  declared: (Sampler | undefined)[];
  usage: Sampler;
}

export async function compileInstall(spec: InstallGeneratorSpec, dims: Dimensions, scenarioPath: string, where: string): Promise<CompiledInstall> {
  const index = await packageIndex(spec.packages, scenarioPath);
  const names = spec.choose ?? [...index.packages.keys()];
  for (const n of names) {
    if (!index.resolve(n)) throw new InputError(`${scenarioPath}: ${where}.choose: no package "${n}" in ${spec.packages.path}`);
  }
  return {
    index,
    names,
    next: await compileArrivals(spec, scenarioPath),
    declared: await Promise.all(dims.names.map((n) => (spec.declared[n] === undefined ? undefined : compileDistribution(spec.declared[n], scenarioPath)))),
    usage: await compileDistribution(spec.usage ?? { uniform: [0.8, 1.2] }, scenarioPath),
  };
}

/** Adds one stage with duration and per-dimension demand (already times the usage factor). */
export function addStage(sink: ItemSink, item: number, duration: number, demand: readonly [number, number][], factor: number): number {
  const s = sink.stage(item, duration);
  for (const [d, v] of demand) if (v !== 0) sink.demand(s, d, v * factor);
  return s;
}

export class InstallGenerator implements WorkloadSource {
  readonly name: string;
  private readonly spec: InstallGeneratorSpec;
  private readonly c: CompiledInstall;
  private produced = 0;
  private time = 0;
  private rng: SourceStreams | undefined;
  private shadowRng: SourceStreams | undefined;

  constructor(spec: InstallGeneratorSpec, compiled: CompiledInstall, index: number) {
    this.spec = spec;
    this.c = compiled;
    this.name = spec.name ?? `install${index}`;
  }

  fill(sink: ItemSink, max: number): boolean {
    const rng = (this.rng ??= sourceStreams(sink, this.name));
    const { names } = this.c;
    const count = this.spec.count ?? Infinity;
    for (let k = 0; k < max && this.produced < count; k++) {
      this.time = this.c.next(this.time, rng.arrivals);
      if (this.time === Infinity) return false;
      const name = names[Math.min(names.length - 1, Math.floor(rng.sizes() * names.length))];
      const item = this.build(sink, name, this.time, rng);
      if (this.spec.timeout !== undefined) sink.timeout(item, this.spec.timeout);
      sink.commit(item, this.produced++);
    }
    return this.produced < count;
  }

  applications(): readonly string[] {
    return this.c.names;
  }

  shadow(application: string, sink: ItemSink, at: number): number {
    const rng = (this.shadowRng ??= sourceStreams(sink, `${this.name}/shadow`));
    return this.build(sink, application, at, rng);
  }

  /** One install of package `name` (with its closure) at time `at`, drawn from `rng`. */
  private build(sink: ItemSink, name: string, at: number, rng: SourceStreams): number {
    const { index, declared, usage } = this.c;
    const mirror = this.spec.mirror ?? 40;
    const disk = this.spec.disk ?? 150;
    const closure = index.closure(name);
    let download = 0;
    let installed = 0;
    for (const p of closure) {
      const pkg = index.packages.get(p)!;
      download += pkg.downloadBytes;
      installed += pkg.installedKiB;
    }
    const root = index.packages.get(index.resolve(name)!)!;
    const item = sink.begin(1, at);
    declareDrawn(sink, item, declared, rng.sizes);
    const mib = installed / 1024;
    const n = closure.length;
    const stages = [
      addStage(sink, item, download / 1e6 / mirror, [[NET, mirror], [CPU, 0.1]], usage(rng.usage)),
      addStage(sink, item, mib / disk, [[IO, disk], [CPU, 0.5]], usage(rng.usage)),
      addStage(sink, item, 0.5 + 0.01 * n, [[CPU, 1], [MEM, 0.1 + (4 * n) / 1024]], usage(rng.usage)),
      addStage(sink, item, 1 + 0.05 * n, [[CPU, 1], [MEM, 0.25]], usage(rng.usage)),
      addStage(sink, item, mib / (2 * disk), [[IO, disk]], usage(rng.usage)),
    ];
    if (sink.stageFailure > 0) for (const s of stages) sink.failDraw(s, rng.faults());
    const rb = sink.rollback(item, mib / disk / 2);
    sink.demand(rb, IO, disk);
    sink.describe(item, {
      application: root.name,
      version: root.version,
      dependencies: root.depends,
      closure: n,
      size: installed,
      critical: root.priority === 'required' || root.priority === 'important',
    });
    return item;
  }

  idOf(local: number): string {
    return `${this.name}${local}`;
  }
}
