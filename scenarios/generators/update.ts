/**
 * The `update` generator (seed 001): a row of Debian's updates.csv — a package moving from one
 * version to another. Its cost grows with the version difference and the size change, and its
 * reverse dependencies are the dependents that must restart. Stated model:
 *
 *   fetch    new download bytes / mirror MB/s                               net = mirror
 *   unpack   new installed MiB / disk MB/s × (1 + 0.25 · version distance)   io = disk, cpu 0.5
 *   restart  restart s × min(dependents, maxRestarts)  (only with dependents) cpu 1, mem 0.5
 *   verify   2 s + version distance s                                        cpu 0.5
 *   rollback half the unpack, if a stage fails                              io = disk
 *
 * Version distance (debian.ts): 3 major, 2 minor, 1 later component, 0 packaging revision.
 * Metadata tells strategies what they may know in advance: application, version, fromVersion,
 * dependents, versionDistance, sizeChange (KiB), and that it is deferrable, splittable and
 * rollbackable.
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { CPU, IO, MEM, NET } from '../../sim/resources.js';
import type { Dimensions } from '../../sim/resources.js';
import type { ItemSink, WorkloadSource } from '../../sim/source.js';
import { csvRows, numberAt } from '../csv.js';
import { versionDistance, type DebianIndex } from '../debian.js';
import { distributionField } from '../distribution-field.js';
import { compileDistribution, type Sampler } from '../distributions.js';
import { InputError } from '../input-error.js';
import { rateSeriesSpec } from '../rate-series.js';
import { compileArrivals, type NextArrival } from './arrivals.js';
import { declareDrawn, sourceStreams, type SourceStreams } from './streams.js';
import { addStage, packageIndex, packageIndexSpec } from './install.js';

export const updateGenerator = z
  .object({
    kind: z.literal('update'),
    name: z.string().optional(),
    updates: z.string(),
    packages: packageIndexSpec,
    count: z.number().int().nonnegative().optional(),
    rate: z.union([z.number().positive(), z.object({ series: rateSeriesSpec }).strict()]).optional(),
    interarrival: distributionField.optional(),
    mirror: z.number().positive().optional(),
    disk: z.number().positive().optional(),
    restart: z.number().nonnegative().optional(),
    maxRestarts: z.number().int().nonnegative().optional(),
    declared: z.record(z.string(), distributionField),
    usage: distributionField.optional(),
    timeout: z.number().positive().optional(),
  })
  .strict();
export type UpdateGeneratorSpec = z.infer<typeof updateGenerator>;

export interface UpdateRow {
  package: string;
  from: string;
  to: string;
  fromKiB: number;
  toKiB: number;
  toBytes: number;
}

/** Reads updates.csv (1,825 rows in the shipped data). */
export async function readUpdates(path: string): Promise<UpdateRow[]> {
  const rows: UpdateRow[] = [];
  for await (const [row, line] of csvRows(path)) {
    rows.push({
      package: row.package,
      from: row.from_version,
      to: row.to_version,
      fromKiB: numberAt(row, 'from_installed_size_kib', path, line),
      toKiB: numberAt(row, 'to_installed_size_kib', path, line),
      toBytes: numberAt(row, 'to_download_size_bytes', path, line),
    });
  }
  if (rows.length === 0) throw new InputError(`${path}: no update rows`);
  return rows;
}

export interface CompiledUpdate {
  rows: UpdateRow[];
  index: DebianIndex;
  next: NextArrival;
  declared: (Sampler | undefined)[];
  usage: Sampler;
}

export async function compileUpdate(spec: UpdateGeneratorSpec, dims: Dimensions, scenarioPath: string): Promise<CompiledUpdate> {
  return {
    rows: await readUpdates(resolve(dirname(scenarioPath), spec.updates)),
    index: await packageIndex(spec.packages, scenarioPath),
    next: await compileArrivals(spec, scenarioPath),
    declared: await Promise.all(dims.names.map((n) => (spec.declared[n] === undefined ? undefined : compileDistribution(spec.declared[n], scenarioPath)))),
    usage: await compileDistribution(spec.usage ?? { uniform: [0.8, 1.2] }, scenarioPath),
  };
}

export class UpdateGenerator implements WorkloadSource {
  readonly name: string;
  private readonly spec: UpdateGeneratorSpec;
  private readonly c: CompiledUpdate;
  private produced = 0;
  private time = 0;
  private rng: SourceStreams | undefined;

  constructor(spec: UpdateGeneratorSpec, compiled: CompiledUpdate, index: number) {
    this.spec = spec;
    this.c = compiled;
    this.name = spec.name ?? `update${index}`;
  }

  fill(sink: ItemSink, max: number): boolean {
    const rng = (this.rng ??= sourceStreams(sink, this.name));
    const { rows, index, declared, usage } = this.c;
    const mirror = this.spec.mirror ?? 40;
    const disk = this.spec.disk ?? 150;
    const restart = this.spec.restart ?? 2;
    const maxRestarts = this.spec.maxRestarts ?? 50;
    const count = this.spec.count ?? rows.length;
    for (let k = 0; k < max && this.produced < count; k++) {
      this.time = this.c.next(this.time, rng.arrivals);
      if (this.time === Infinity) return false;
      // Rows in file order; a count beyond the file starts over.
      const u = rows[this.produced % rows.length];
      const distance = versionDistance(u.from, u.to);
      const dependents = index.dependents.get(u.package) ?? 0;
      const item = sink.begin(2, this.time);
      declareDrawn(sink, item, declared, rng.sizes);
      const unpack = (u.toKiB / 1024 / disk) * (1 + 0.25 * distance);
      const stages = [
        addStage(sink, item, u.toBytes / 1e6 / mirror, [[NET, mirror]], usage(rng.usage)),
        addStage(sink, item, unpack, [[IO, disk], [CPU, 0.5]], usage(rng.usage)),
      ];
      if (dependents > 0) stages.push(addStage(sink, item, restart * Math.min(dependents, maxRestarts), [[CPU, 1], [MEM, 0.5]], usage(rng.usage)));
      stages.push(addStage(sink, item, 2 + distance, [[CPU, 0.5]], usage(rng.usage)));
      if (sink.stageFailure > 0) for (const s of stages) sink.failDraw(s, rng.faults());
      const rb = sink.rollback(item, unpack / 2);
      sink.demand(rb, IO, disk);
      const pkg = index.packages.get(u.package);
      sink.describe(item, {
        application: u.package,
        version: u.to,
        fromVersion: u.from,
        dependents,
        versionDistance: distance,
        sizeChange: u.toKiB - u.fromKiB,
        size: u.toKiB,
        deferrable: true,
        splittable: true,
        rollbackable: true,
        critical: pkg?.priority === 'required' || pkg?.priority === 'important',
      });
      if (this.spec.timeout !== undefined) sink.timeout(item, this.spec.timeout);
      sink.commit(item, this.produced++);
    }
    return this.produced < count;
  }

  idOf(local: number): string {
    const u = this.c.rows[local % this.c.rows.length];
    return `${this.name}${local}:${u.package}`;
  }
}
