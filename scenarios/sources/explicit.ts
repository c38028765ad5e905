/** The scenario's explicit `workload.items`: small hand-checked cases, submitted in arrival order. */
import { ITEM_KINDS } from '../../sim/api.js';
import type { Dimensions } from '../../sim/resources.js';
import type { ItemSink, WorkloadSource } from '../../sim/source.js';
import type { ExplicitItemSpec } from '../schema.js';

export class ExplicitItems implements WorkloadSource {
  readonly name = 'items';
  private readonly items: readonly ExplicitItemSpec[];
  private next = 0;

  constructor(items: readonly ExplicitItemSpec[]) {
    // Stable sort: items at the same time arrive in file order.
    this.items = items.map((it, i) => ({ it, i })).sort((a, b) => a.it.at - b.it.at || a.i - b.i).map((x) => x.it);
  }

  fill(sink: ItemSink, max: number): boolean {
    const dims = sink.dims;
    const faults = sink.stageFailure > 0 ? sink.streams.stream('source/items/faults') : undefined;
    for (let k = 0; k < max && this.next < this.items.length; k++) {
      const local = this.next++;
      const spec = this.items[local];
      const item = sink.begin(ITEM_KINDS.indexOf(spec.kind ?? 'job'), spec.at);
      setVector(dims, spec.declared, (d, v) => sink.declare(item, d, v));
      for (const st of spec.stages) {
        const s = sink.stage(item, st.duration);
        setVector(dims, st.demand ?? {}, (d, v) => sink.demand(s, d, v));
        if (faults) sink.failDraw(s, faults());
      }
      if (spec.rollback) {
        const s = sink.rollback(item, spec.rollback.duration);
        setVector(dims, spec.rollback.demand ?? {}, (d, v) => sink.demand(s, d, v));
      }
      if (spec.timeout !== undefined) sink.timeout(item, spec.timeout);
      if (spec.needs) sink.constrain(item, spec.needs);
      if (spec.priority !== undefined) sink.setPriority(item, spec.priority);
      if (spec.meta || spec.pin !== undefined) sink.describe(item, { ...(spec.meta ?? {}), pin: spec.pin });
      sink.commit(item, local);
    }
    return this.next < this.items.length;
  }

  idOf(local: number): string {
    return this.items[local].id;
  }
}

function setVector(dims: Dimensions, values: Readonly<Record<string, number>>, set: (d: number, v: number) => void): void {
  for (const [name, v] of Object.entries(values)) set(dims.index(name), v);
}
