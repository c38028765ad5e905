/**
 * update-orchestration — seed 001 (adaptive update orchestration by predictive resource
 * allocation). For `update` items:
 *
 * - impact prediction: from past updates alike in version distance (0 revision … 3 major),
 *   dependents to restart and size (the item's metadata), the 90th percentile of their observed
 *   peak use (a fraction of the declared request) and the 95th of their elapsed time — learnt
 *   from monitoring as updates finish;
 * - reservation with a safety margin: declared × predicted fraction × (1 + margin), never below
 *   the declared request, expiring after twice the predicted time (a reservation timing out
 *   fails the update with `expired`);
 * - deferral with exponential backoff: an update that cannot be reserved waits base, 2·base,
 *   4·base, ... seconds before it is offered again, and after `alertAfter` deferrals an alert is
 *   raised (counted in the summary's strategy stats);
 * - incremental split on partial allocation: when the full reservation does not fit but half of
 *   its cpu does, the update proceeds with that (it runs slower under contention);
 * - release of unused capacity: the reservation goes back as soon as the update ends.
 *
 * Other items are placed as the reactive first-fit baseline places them.
 */
import { CPU, MEM } from '../sim/resources.js';
import type { SimulationApi, StageObservation, Strategy } from '../sim/api.js';
import { firstFitPlacer } from './first-fit.js';
import { retryHeadOfLine } from './reactive.js';
import { EmpiricalQuantiles } from './predictors/empirical-quantiles.js';
import { z } from 'zod';
import { count, nonNegative, positive } from './options.js';

const UPDATE = 2;
/** The reservation lasts this many times the 95th percentile of similar updates' durations. */
const EXPIRY_FACTOR = 2;

export interface UpdateOrchestrationOptions {
  margin: number;
  backoffBase: number;
  alertAfter: number;
  minSamples: number;
}

interface Learnt {
  peak: EmpiricalQuantiles[];
  elapsed: EmpiricalQuantiles;
}

export class UpdateOrchestration implements Strategy {
  readonly name = 'update-orchestration';
  private sim!: SimulationApi;
  private readonly o: UpdateOrchestrationOptions;
  private readonly classes = new Map<number, Learnt>();
  /** Per live item: deferrals so far, peak use seen, when its first stage started. */
  private readonly deferrals = new Map<number, number>();
  private readonly peaks = new Map<number, Float64Array>();
  private readonly started = new Map<number, number>();
  private request = new Float64Array(4);
  private alerts = 0;
  private splits = 0;

  constructor(o: Partial<UpdateOrchestrationOptions> = {}) {
    this.o = { margin: o.margin ?? 0.2, backoffBase: o.backoffBase ?? 30, alertAfter: o.alertAfter ?? 5, minSamples: o.minSamples ?? 10 };
  }

  init(sim: SimulationApi): void {
    this.sim = sim;
    this.request = new Float64Array(sim.dims.count);
  }

  /**
   * The history an update is predicted from: updates alike in version distance, in how many
   * dependents they restart (0, 1–9, 10–49, 50+: the dependency graph) and in size (powers of 10
   * KiB) — the three things the seed names as the impact's causes.
   */
  private learnt(item: number): Learnt {
    const meta = this.sim.meta(item);
    const distance = Number(meta?.versionDistance ?? 0);
    const dependents = Number(meta?.dependents ?? 0);
    const deps = dependents === 0 ? 0 : dependents < 10 ? 1 : dependents < 50 ? 2 : 3;
    const size = Math.floor(Math.log10(Math.max(1, Number(meta?.size ?? meta?.sizeChange ?? 1) + 1)));
    const key = distance * 1000 + deps * 100 + Math.min(size, 99);
    let l = this.classes.get(key);
    if (!l) this.classes.set(key, (l = { peak: [new EmpiricalQuantiles(200), new EmpiricalQuantiles(200)], elapsed: new EmpiricalQuantiles(200) }));
    return l;
  }

  /** The reservation for an update: declared × predicted peak fraction × (1 + margin). */
  planned(item: number): { request: Float64Array; expiry: number } {
    const sim = this.sim;
    const r = this.request;
    for (let d = 0; d < r.length; d++) r[d] = sim.declared(item, d);
    const l = this.learnt(item);
    let expiry = Infinity;
    if (l.elapsed.count >= this.o.minSamples) {
      [CPU, MEM].forEach((d, k) => {
        const f = l.peak[k].quantile(0.9) * (1 + this.o.margin);
        if (r[d] > 0 && Number.isFinite(f)) r[d] = Math.max(r[d], r[d] * f);
      });
      expiry = sim.now + l.elapsed.quantile(0.95) * EXPIRY_FACTOR;
    }
    return { request: r, expiry };
  }

  onArrival(item: number): void {
    const sim = this.sim;
    if (sim.kind(item) !== UPDATE) {
      this.placeDeclared(item);
      return;
    }
    const { request, expiry } = this.planned(item);
    let at = firstFitPlacer.choose(sim, item, request);
    if (at < 0) {
      // Partial allocation: half the cpu, if that fits, rather than waiting.
      request[CPU] /= 2;
      at = firstFitPlacer.choose(sim, item, request);
      if (at >= 0) this.splits++;
    }
    if (at >= 0 && sim.place(item, at, request, { expiry })) return;
    const n = this.deferrals.get(item) ?? 0;
    this.deferrals.set(item, n + 1);
    if (n + 1 === this.o.alertAfter) this.alerts++;
    sim.defer(item, this.o.backoffBase * 2 ** n);
  }

  onStageEnd(item: number, obs: StageObservation): void {
    if (this.sim.kind(item) !== UPDATE) return;
    let p = this.peaks.get(item);
    if (!p) this.peaks.set(item, (p = new Float64Array(2)));
    p[0] = Math.max(p[0], obs.demand[CPU]);
    p[1] = Math.max(p[1], obs.demand[MEM]);
    if (!this.started.has(item)) this.started.set(item, this.sim.now - obs.elapsed);
  }

  onItemEnd(item: number, outcome: number): void {
    const sim = this.sim;
    if (sim.kind(item) === UPDATE && outcome === 0) {
      const l = this.learnt(item);
      const p = this.peaks.get(item);
      [CPU, MEM].forEach((d, k) => {
        const declared = sim.declared(item, d);
        if (p && declared > 0) l.peak[k].observe(sim.now, p[k] / declared);
      });
      const started = this.started.get(item);
      if (started !== undefined) l.elapsed.observe(sim.now, sim.now - started);
    }
    this.deferrals.delete(item);
    this.started.delete(item);
    this.peaks.delete(item);
    // Updates come back on their own back-off; other waiting items are retried in line.
    retryHeadOfLine(sim, (i) => sim.kind(i) !== UPDATE && this.placeDeclared(i));
  }

  private placeDeclared(item: number): boolean {
    const sim = this.sim;
    for (let d = 0; d < this.request.length; d++) this.request[d] = sim.declared(item, d);
    const at = firstFitPlacer.choose(sim, item, this.request);
    return at >= 0 && sim.place(item, at, this.request);
  }

  stats(): Record<string, number> {
    return { alerts: this.alerts, splits: this.splits };
  }
}

export const options = z.object({ margin: nonNegative.optional(), backoffBase: positive.optional(), alertAfter: count.optional() }).strict();

export const create = (o: Readonly<Record<string, unknown>> = {}) => new UpdateOrchestration(o as z.infer<typeof options>);
