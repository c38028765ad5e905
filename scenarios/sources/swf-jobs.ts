/**
 * Jobs from a Standard Workload Format log (PWA), as published: submit → arrival (time 0 = the first
 * job's submit), allocated (else requested) size → nodes, converted from processors when the
 * header's MaxProcs exceeds MaxNodes; run time → true duration; requested time → the owner's
 * estimate; requested memory → declared, used memory → true (KB per processor → GiB, when
 * recorded); average cpu time / run time → cpu usage. User, group, application, queue, partition
 * and status become metadata. A job with no size or run time cannot run and is skipped (counted).
 *
 * Nodes are the `cpu` dimension of the machine (see `fleet: [{swf: ...}]`): a job holds its nodes
 * for its run time, as a space-sharing batch system does.
 */
import type { ItemSink, WorkloadSource } from '../../sim/source.js';
import { CPU, MEM } from '../../sim/resources.js';
import { F, processorsPerNode, readSwfHeader, swfJobs, type SwfHeader, type SwfJob } from '../swf.js';

export interface SwfSourceSpec {
  path: string;
  name?: string;
  /** Override the header's processors per node. */
  processorsPerNode?: number;
  /** Declare and use the memory fields (give the machine `memPerNode` then). */
  memory?: boolean;
  limit?: number;
}

export class SwfJobSource implements WorkloadSource {
  readonly name: string;
  skipped = 0;
  private readonly path: string;
  private readonly spec: SwfSourceSpec;
  private jobs: AsyncGenerator<SwfJob> | undefined;
  private header: SwfHeader | undefined;
  private origin: number | undefined;
  private count = 0;
  private readonly ids: number[] = [];

  constructor(spec: SwfSourceSpec, path: string, index: number) {
    this.spec = spec;
    this.path = path;
    this.name = spec.name ?? `swf${index}`;
  }

  async fill(sink: ItemSink, max: number): Promise<boolean> {
    this.header ??= await readSwfHeader(this.path);
    this.jobs ??= swfJobs(this.path);
    const ppn = this.spec.processorsPerNode ?? processorsPerNode(this.header);
    const limit = this.spec.limit ?? Infinity;
    for (let k = 0; k < max; k++) {
      if (this.count >= limit) return false;
      const next = await this.jobs.next();
      if (next.done) return false;
      const v = next.value.values;
      const size = v[F.allocatedProcessors] > 0 ? v[F.allocatedProcessors] : v[F.requestedProcessors];
      const run = v[F.runTime];
      if (!(size > 0) || run < 0 || v[F.submit] < 0) {
        this.skipped++;
        k--;
        continue;
      }
      this.origin ??= v[F.submit];
      const nodes = Math.ceil(size / ppn - 1e-9);
      const item = sink.begin(0, v[F.submit] - this.origin);
      sink.declare(item, CPU, nodes);
      // Memory fields are KB per processor.
      const gib = (kb: number) => (kb * size) / (1024 * 1024);
      const memory = this.spec.memory === true;
      if (memory && v[F.requestedMemory] > 0) sink.declare(item, MEM, gib(v[F.requestedMemory]));
      const stage = sink.stage(item, run);
      const cpuUse = v[F.averageCpuTime] > 0 && run > 0 ? Math.min(1, v[F.averageCpuTime] / run) : 1;
      sink.demand(stage, CPU, nodes * cpuUse);
      const usedMem = v[F.usedMemory] > 0 ? v[F.usedMemory] : v[F.requestedMemory];
      if (memory && usedMem > 0) sink.demand(stage, MEM, gib(usedMem));
      const meta: Record<string, number> = {};
      for (const key of ['user', 'group', 'application', 'queue', 'partition', 'status'] as const) {
        if (v[F[key]] >= 0) meta[key] = v[F[key]];
      }
      if (v[F.requestedTime] > 0) meta.estimatedRuntime = v[F.requestedTime];
      if (v[F.wait] >= 0) meta.recordedWait = v[F.wait];
      sink.describe(item, meta);
      this.ids.push(v[F.job]);
      sink.commit(item, this.count++);
    }
    return true;
  }

  idOf(local: number): string {
    return `${this.name}-${this.ids[local]}`;
  }
}
