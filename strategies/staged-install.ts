/**
 * staged-install — seed 000 (dynamic resource allocation for software installation), for
 * `install` items:
 *
 * - resource profiling: per stage, the observed demand as a fraction of the declared request,
 *   learnt from monitoring (the 90th percentile over past installs); the reservation is the
 *   largest predicted stage × (1 + margin), never below the declared request until 10 installs
 *   were seen;
 * - instance choice by headroom and history: among instances where it fits, the one with the most
 *   room left after it (cpu and mem shares), less a penalty per install that failed there;
 * - reservation with a timeout: it expires after 60 s + twice the 95th percentile of the time per
 *   KiB seen in past installs × this install's size (an install that overruns fails with
 *   `expired`, its capacity released);
 * - orchestration and rollback: the kernel runs the stages and, on a stage failure, the rollback
 *   stage; the strategy offers a failed install once more after a back-off;
 * - multi-tier: critical installs (priority required or important) reserve as tier 1 and are
 *   placed before the others waiting.
 */
import { CPU, MEM } from '../sim/resources.js';
import { STAGE_FAILURE, type SimulationApi, type StageObservation, type Strategy } from '../sim/api.js';
import { feasible } from './placer.js';
import { EmpiricalQuantiles } from './predictors/empirical-quantiles.js';
import { retryHeadOfLine } from './reactive.js';
import { firstFitPlacer } from './first-fit.js';
import { z } from 'zod';
import { nonNegative } from './options.js';

const INSTALL = 1;
const MIN_SAMPLES = 10;

export class StagedInstall implements Strategy {
  readonly name = 'staged-install';
  private sim!: SimulationApi;
  /** Per stage index: used / declared, cpu and mem. */
  private readonly profile: EmpiricalQuantiles[][] = [];
  /** Seconds per KiB installed, from placement to the end, of past installs. */
  private readonly durations = new EmpiricalQuantiles(500);
  private failuresOn = new Float64Array(0);
  /** When each live install was placed (its reservation's clock starts there). */
  private readonly placedAt = new Map<number, number>();
  private request = new Float64Array(4);

  constructor(
    private readonly margin = 0.15,
    private readonly retryDelay = 60,
  ) {}

  init(sim: SimulationApi): void {
    this.sim = sim;
    this.request = new Float64Array(sim.dims.count);
    this.failuresOn = new Float64Array(Math.max(1, sim.fleet.count));
  }

  /** The install's size in KiB (installed size of its closure), at least 1. */
  private sizeOf(item: number): number {
    return Math.max(1, Number(this.sim.meta(item)?.size ?? 1));
  }

  private critical(item: number): boolean {
    return this.sim.meta(item)?.critical === true;
  }

  /** The reservation: the largest predicted stage, with the margin. */
  planned(item: number): Float64Array {
    const sim = this.sim;
    const r = this.request;
    for (let d = 0; d < r.length; d++) r[d] = sim.declared(item, d);
    if (this.durations.count < MIN_SAMPLES) return r;
    [CPU, MEM].forEach((d, k) => {
      let peak = 0;
      for (const stage of this.profile) peak = Math.max(peak, stage[k].quantile(0.9));
      if (r[d] > 0 && peak > 0) r[d] = r[d] * peak * (1 + this.margin);
    });
    return r;
  }

  /** Most headroom after placing, less a penalty per install that failed on the instance. */
  private choose(item: number, request: Float64Array): number {
    const f = this.sim.fleet;
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < f.count; i++) {
      if (!feasible(this.sim, i, item, request)) continue;
      let room = 0;
      for (const d of [CPU, MEM]) {
        const cap = f.capacity[i * f.D + d];
        if (cap > 0) room += (f.free[i * f.D + d] - request[d]) / cap;
      }
      const score = room / 2 - 0.1 * (this.failuresOn[i] ?? 0);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  private tryPlace(item: number): boolean {
    const sim = this.sim;
    if (sim.kind(item) !== INSTALL) {
      for (let d = 0; d < this.request.length; d++) this.request[d] = sim.declared(item, d);
      const at = firstFitPlacer.choose(sim, item, this.request);
      return at >= 0 && sim.place(item, at, this.request);
    }
    const request = this.planned(item);
    const at = this.choose(item, request);
    if (at < 0) return false;
    const expiry = this.durations.count >= MIN_SAMPLES ? sim.now + 60 + 2 * this.durations.quantile(0.95) * this.sizeOf(item) : Infinity;
    if (!sim.place(item, at, request, { tier: this.critical(item) ? 1 : 3, expiry })) return false;
    this.placedAt.set(item, sim.now);
    return true;
  }

  onArrival(item: number): void {
    this.tryPlace(item);
  }

  /** Critical installs first, then the rest in arrival order (head-of-line within each). */
  private retryWaiting(): void {
    const sim = this.sim;
    for (let i = sim.firstWaiting(); i >= 0; ) {
      const next = sim.nextWaiting(i);
      if (this.critical(i)) this.tryPlace(i);
      i = next;
    }
    retryHeadOfLine(sim, (i) => this.tryPlace(i));
  }

  onItemEnd(item: number, outcome: number): void {
    const sim = this.sim;
    const placed = this.placedAt.get(item);
    if (outcome === 0 && placed !== undefined) this.durations.observe(sim.now, (sim.now - placed) / this.sizeOf(item));
    this.placedAt.delete(item);
    this.retryWaiting();
  }

  onStageEnd(item: number, obs: StageObservation): void {
    const sim = this.sim;
    if (sim.kind(item) !== INSTALL) return;
    while (this.profile.length <= obs.stage) this.profile.push([new EmpiricalQuantiles(500), new EmpiricalQuantiles(500)]);
    [CPU, MEM].forEach((d, k) => {
      const declared = sim.declared(item, d);
      if (declared > 0) this.profile[obs.stage][k].observe(sim.now, obs.demand[d] / declared);
    });
  }

  onFailure(item: number, cause: number): void {
    const sim = this.sim;
    const at = sim.instanceOf(item);
    if (at >= 0) {
      if (at >= this.failuresOn.length) {
        const grown = new Float64Array(at * 2 + 1);
        grown.set(this.failuresOn);
        this.failuresOn = grown;
      }
      this.failuresOn[at]++;
    }
    this.placedAt.delete(item);
    // One more try after a back-off (the kernel already rolled the failed stage back).
    if (sim.kind(item) === INSTALL && cause === STAGE_FAILURE && sim.attempts(item) === 0) sim.retry(item, this.retryDelay);
  }
}

export const options = z.object({ margin: nonNegative.optional() }).strict();

export const create = (o: Readonly<Record<string, unknown>> = {}) => new StagedInstall((o as z.infer<typeof options>).margin);
