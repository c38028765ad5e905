/**
 * The contended reference workload (shared/validation/fleet-contended) for the kernel's sharing
 * path: the 10,000-job file SimGrid checked, on its 100 instances, every job pinned to its
 * instance. The rows are read once and handed to each run as data, so a run measures the kernel
 * (placement, sharing, completion events, metrics) and not the CSV parser.
 */
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../cli/paths.js';
import { csvRows, numberAt } from '../scenarios/csv.js';
import type { InstanceGroup } from '../sim/fleet.js';
import { Dimensions } from '../sim/resources.js';
import { Simulation } from '../sim/simulation.js';
import type { ItemSink, WorkloadSource } from '../sim/source.js';
import { create as pinned } from '../strategies/pinned.js';

export const FLEET_CONTENDED_FILE = join(PACKAGE_ROOT, '..', 'shared', 'validation', 'fleet-contended', 'jobs-10k.csv');
export const FLEET_CONTENDED_HOSTS = 100;

/** The file's jobs, column by column. */
interface Jobs {
  at: Float64Array;
  host: Int32Array;
  threads: Float64Array;
  work: Float64Array;
}

async function readJobs(path: string): Promise<Jobs> {
  const rows: number[][] = [];
  for await (const [row, line] of csvRows(path)) {
    rows.push(['at', 'host', 'threads', 'work'].map((c) => numberAt(row, c, path, line)));
  }
  return {
    at: Float64Array.from(rows, (r) => r[0]),
    host: Int32Array.from(rows, (r) => r[1]),
    threads: Float64Array.from(rows, (r) => r[2]),
    work: Float64Array.from(rows, (r) => r[3]),
  };
}

/** Submits the jobs as the scenario's trace would: cpu = threads declared and used, pinned. */
class JobColumns implements WorkloadSource {
  readonly name = 'j';
  private next = 0;
  constructor(private readonly jobs: Jobs) {}

  fill(sink: ItemSink, max: number): boolean {
    const { at, host, threads, work } = this.jobs;
    for (let k = 0; k < max && this.next < at.length; k++, this.next++) {
      const j = this.next;
      const item = sink.begin(0, at[j]);
      sink.declare(item, 0, threads[j]);
      const stage = sink.stage(item, work[j] / threads[j]);
      sink.demand(stage, 0, threads[j]);
      sink.describe(item, { pin: String(host[j]) });
      sink.commit(item, j);
    }
    return this.next < at.length;
  }

  idOf(local: number): string {
    return `j${local}`;
  }
}

/** Reads the file once; each call of the result is a fresh simulation of it. */
export async function fleetContended(path = FLEET_CONTENDED_FILE, hosts = FLEET_CONTENDED_HOSTS): Promise<{ jobs: number; simulation: () => Simulation }> {
  const jobs = await readJobs(path);
  const dims = new Dimensions();
  const capacity = new Float64Array(dims.count);
  capacity[0] = 64;
  capacity[1] = 1;
  const group: InstanceGroup = { name: 'h', capacity, labels: {}, zone: '', price: 0, provisionTime: 0, bootCached: 0, bootUncached: 0, images: [] };
  return {
    jobs: jobs.at.length,
    simulation: () =>
      new Simulation({ dims, groups: [group], initial: [{ group: 0, count: hosts }], sources: [new JobColumns(jobs)], strategy: pinned(), seed: 1 }),
  };
}
