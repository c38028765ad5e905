/**
 * VMs of a GWA VM-usage trace (Bitbrains) as long-running work items: each VM arrives at its first
 * sample, declares what it was provisioned (cores, memory), and runs one stage per 5-minute sample
 * whose true demand is what it used then (cpu, memory, disk and network), so contention and OOM
 * happen where the recorded peaks coincide. Files are read one VM at a time as VMs arrive.
 */
import { CPU, IO, MEM, NET } from '../../sim/resources.js';
import type { ItemSink, WorkloadSource } from '../../sim/source.js';
import { gwaFiles, gwaSamples, vmName } from '../gwa.js';

/** Longest a sample's usage is held before the VM counts as absent (two 300 s intervals). */
const MAX_HOLD = 600;

export interface GwaSourceSpec {
  path: string;
  name?: string;
  /** At most this many VMs (in file order). */
  limit?: number;
  /** Seconds of trace to replay from the earliest sample (default: all). */
  span?: number;
}

export class GwaVmSource implements WorkloadSource {
  readonly name: string;
  private readonly spec: GwaSourceSpec;
  private readonly path: string;
  private order: { file: string; first: number }[] | undefined;
  private origin = 0;
  private next = 0;

  constructor(spec: GwaSourceSpec, path: string, index: number) {
    this.spec = spec;
    this.path = path;
    this.name = spec.name ?? `vm${index}`;
  }

  /** Each VM's first sample time (one row read per file), to submit VMs in arrival order. */
  private async arrivals(): Promise<{ file: string; first: number }[]> {
    const files = gwaFiles(this.path).slice(0, this.spec.limit ?? Infinity);
    const out: { file: string; first: number }[] = [];
    for (const file of files) {
      let first = Infinity;
      for await (const s of gwaSamples(file)) {
        first = s.time;
        break;
      }
      if (first < Infinity) out.push({ file, first });
    }
    out.sort((a, b) => a.first - b.first || a.file.localeCompare(b.file));
    this.origin = out.length > 0 ? out[0].first : 0;
    return out;
  }

  async fill(sink: ItemSink, max: number): Promise<boolean> {
    this.order ??= await this.arrivals();
    const end = this.origin + (this.spec.span ?? Infinity);
    for (let k = 0; k < max && this.next < this.order.length; k++) {
      const { file, first } = this.order[this.next];
      let item = -1;
      let previous: { time: number; cpu: number; mem: number; io: number; net: number } | undefined;
      // A sample holds until the next one; across a gap (absent samples) it holds for one
      // sampling interval and the VM then uses nothing until it reports again.
      const addStage = (until: number) => {
        const p = previous!;
        const span = Math.max(0, until - p.time);
        const st = sink.stage(item, Math.min(span, MAX_HOLD));
        if (p.cpu > 0) sink.demand(st, CPU, p.cpu);
        if (p.mem > 0) sink.demand(st, MEM, p.mem);
        if (p.io > 0) sink.demand(st, IO, p.io);
        if (p.net > 0) sink.demand(st, NET, p.net);
        if (span > MAX_HOLD) sink.stage(item, span - MAX_HOLD);
      };
      for await (const s of gwaSamples(file)) {
        if (s.time >= end) break;
        if (item < 0) {
          item = sink.begin(0, first - this.origin);
          sink.declare(item, CPU, s.cpuProvisioned);
          sink.declare(item, MEM, s.memProvisioned);
          sink.describe(item, { application: vmName(file) });
        } else addStage(s.time);
        previous = s;
      }
      if (item >= 0 && previous) {
        addStage(Math.min(previous.time + 300, end));
        sink.commit(item, this.next);
      }
      this.next++;
    }
    return this.next < this.order.length;
  }

  idOf(local: number): string {
    return `${this.name}-${vmName(this.order![local].file)}`;
  }
}

