/**
 * Right-sizing from observed usage, the shared mechanism of the `vpa` and `autopilot` references:
 * per application (the item's `meta.application`, else one pool), a predictor per dimension learns
 * the fraction of its declared request an item really used (monitoring at each stage's end). An
 * item is then placed with declared × quantile × (1 + margin) — less than declared where owners
 * over-ask, more where they under-ask — once `minSamples` were seen, the declared request before.
 * An OOM bumps the application's memory factor (×1.2, as VPA does) and the item is retried after
 * a back-off. Placement and queueing are the reactive baseline's (first-fit, head-of-line).
 */
import { CPU, MEM } from '../sim/resources.js';
import { OOM, type SimulationApi, type StageObservation, type Strategy } from '../sim/api.js';
import { firstFitPlacer } from './first-fit.js';
import { retryHeadOfLine } from './reactive.js';
import type { Predictor } from './predictors/predictor.js';

export interface RightsizingOptions {
  name: string;
  /** A fresh predictor for one application and dimension. */
  predictor: () => Predictor;
  /** Quantile recommended, per dimension (cpu, mem). */
  quantile: { cpu: number; mem: number };
  margin: number;
  minSamples: number;
  /** Seconds before an OOM-killed item is offered again. */
  retryDelay: number;
  /** Retries after OOM before giving up. */
  maxRetries: number;
}

const DIMS = [CPU, MEM] as const;

export class RightsizingStrategy implements Strategy {
  readonly name: string;
  private sim!: SimulationApi;
  private readonly o: RightsizingOptions;
  private readonly learnt = new Map<string, { predictors: Predictor[]; bump: number }>();
  private request = new Float64Array(4);
  private largest = new Float64Array(4);

  constructor(o: RightsizingOptions) {
    this.o = o;
    this.name = o.name;
  }

  init(sim: SimulationApi): void {
    this.sim = sim;
    this.request = new Float64Array(sim.dims.count);
    this.largest = new Float64Array(sim.dims.count);
    for (const g of sim.fleet.groups) for (let d = 0; d < sim.dims.count; d++) this.largest[d] = Math.max(this.largest[d], g.capacity[d]);
  }

  private app(item: number) {
    const key = String(this.sim.meta(item)?.application ?? '');
    let a = this.learnt.get(key);
    if (!a) this.learnt.set(key, (a = { predictors: DIMS.map(() => this.o.predictor()), bump: 1 }));
    return a;
  }

  /** The recommended reservation for an item (declared where nothing is learnt yet). */
  recommend(item: number): Float64Array {
    const sim = this.sim;
    const r = this.request;
    for (let d = 0; d < r.length; d++) r[d] = sim.declared(item, d);
    const a = this.app(item);
    DIMS.forEach((d, k) => {
      const p = a.predictors[k];
      const declared = sim.declared(item, d);
      if (declared <= 0) return;
      // Before enough samples, the declared request — with memory raised by any OOM bump.
      const bump = d === MEM ? a.bump : 1;
      let factor = bump;
      if (p.count >= this.o.minSamples) {
        const q = d === CPU ? this.o.quantile.cpu : this.o.quantile.mem;
        factor = p.quantile(q) * (1 + this.o.margin) * bump;
      }
      if (Number.isFinite(factor) && factor > 0) r[d] = Math.min(this.largest[d], declared * factor);
    });
    return r;
  }

  onArrival(item: number): void {
    if (this.tryPlace(item)) return;
    const r = this.recommend(item);
    for (let d = 0; d < r.length; d++) if (r[d] > this.largest[d] + 1e-9) return this.sim.reject(item);
  }

  onItemEnd(): void {
    this.retryWaiting();
  }

  onInstanceReady(): void {
    this.retryWaiting();
  }

  onStageEnd(item: number, obs: StageObservation): void {
    const a = this.app(item);
    DIMS.forEach((d, k) => {
      const declared = this.sim.declared(item, d);
      if (declared > 0) a.predictors[k].observe(this.sim.now, obs.demand[d] / declared);
    });
  }

  onFailure(item: number, cause: number): void {
    if (cause !== OOM || this.sim.attempts(item) >= this.o.maxRetries) return;
    this.app(item).bump *= 1.2;
    this.sim.retry(item, this.o.retryDelay);
  }

  private retryWaiting(): void {
    retryHeadOfLine(this.sim, (item) => this.tryPlace(item));
  }

  private tryPlace(item: number): boolean {
    const r = this.recommend(item);
    const i = firstFitPlacer.choose(this.sim, item, r);
    return i >= 0 && this.sim.place(item, i, r);
  }
}
