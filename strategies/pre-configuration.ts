/**
 * pre-configuration — seed 004 (dynamic resource allocation via predictive pre-configuration), for
 * jobs:
 *
 * - quantity from metadata: a nearest-neighbour regressor over past jobs (application, framework,
 *   accelerator, driver; declared cpu and estimated runtime) predicts the fraction of the declared cpu and
 *   memory a job will use; the reservation is declared × its neighbours' 90th percentile × 1.1
 *   (declared until `minSamples` jobs were seen);
 * - quality and pre-configuration: every `interval` seconds, the share of recent arrivals needing
 *   each image, driver or data set (exponentially decayed) sets how many of the instances that could run
 *   those jobs (their accelerator labels) should hold it; missing copies are pulled ahead of need
 *   (`prefetch`, at most `prefetches` per interval, on the instances with most free network), and
 *   their pulls are paid in network use like any other;
 * - dynamic adjustment: at each interval a running job whose memory use exceeds 90 % of its
 *   reservation has it grown to use × 1.2 (if the instance has room), and one using under half its
 *   cpu reservation has it shrunk to use × 1.2, freeing capacity for the queue;
 * - resource swapping: jobs with priority > 0 reserve as tier 1, the others as tier 2; a
 *   high-priority job that fits nowhere takes an instance by reclaiming low-priority reservations
 *   (the kernel preempts them), and the preempted jobs are queued again at once;
 * - placement by a weighted multi-objective score (lower is better): `cost` × price / dearest
 *   price + `latency` × share of the job's pulls not cached there + `throughput` × share of cpu and
 *   memory left free after it (packing keeps whole instances for large jobs).
 */
import { CPU, MEM, NET } from '../sim/resources.js';
import { PREEMPTED, READY, type SimulationApi, type StageObservation, type Strategy } from '../sim/api.js';
import { couldEverFit, feasible } from './placer.js';
import { NearestNeighbours, type Features } from './predictors/nearest-neighbours.js';
import { z } from 'zod';
import { count, fraction, nonNegative, positive } from './options.js';

export interface PreConfigurationOptions {
  /** Seconds between pre-configuration and adjustment rounds. */
  interval: number;
  quantile: number;
  margin: number;
  minSamples: number;
  /** Prefetches started per round, at most. */
  prefetches: number;
  /** Half-life of the arrival shares, seconds. */
  halfLife: number;
  weights: { cost: number; latency: number; throughput: number };
}

export const PRE_CONFIGURATION_DEFAULTS: PreConfigurationOptions = {
  interval: 60,
  quantile: 0.9,
  margin: 0.1,
  minSamples: 20,
  prefetches: 4,
  halfLife: 1800,
  weights: { cost: 0.3, latency: 0.5, throughput: 0.2 },
};

interface Running {
  features: Features;
  /** The reservation predicted at arrival (resized while it runs). */
  request: Float64Array;
  /** Highest observed use / declared, cpu and mem, over the stages so far. */
  ratio: Float64Array;
  pulls: number;
  /** Stages ended so far; the job computes once its pulls are done. */
  stagesDone: number;
}

interface Artefact {
  /** Decayed count of arrivals needing it. */
  weight: number;
  /** The labels of the jobs that need it (where copies are useful). */
  needs: Readonly<Record<string, string>> | undefined;
}

export class PreConfiguration implements Strategy {
  readonly name = 'pre-configuration';
  readonly tickInterval: number;
  readonly model = new NearestNeighbours(2, 10, 2000);
  private sim!: SimulationApi;
  private readonly o: PreConfigurationOptions;
  private vector = new Float64Array(4);
  private readonly jobs = new Map<number, Running>();
  private readonly artefacts = new Map<string, Artefact>();
  private arrivalsWeight = 0;
  private lastDecay = 0;
  private maxPrice = 1;
  private readonly counts = { predicted: 0, prefetches: 0, grown: 0, shrunk: 0, swaps: 0, preempted: 0 };

  constructor(options: Partial<PreConfigurationOptions> = {}) {
    this.o = { ...PRE_CONFIGURATION_DEFAULTS, ...options };
    this.tickInterval = this.o.interval;
  }

  init(sim: SimulationApi): void {
    this.sim = sim;
    this.vector = new Float64Array(sim.dims.count);
    this.maxPrice = Math.max(1e-9, ...sim.fleet.groups.map((g) => g.price));
  }

  /** The metadata a job is known by before it runs. */
  private features(item: number): Features {
    const sim = this.sim;
    const m = sim.meta(item) ?? {};
    return {
      categorical: [String(m.application ?? ''), String(m.framework ?? ''), String(m.accelerator ?? ''), String(m.driver ?? '')],
      numeric: [sim.declared(item, CPU), Number(m.estimatedRuntime ?? 0)],
    };
  }

  onArrival(item: number): void {
    const sim = this.sim;
    let job = this.jobs.get(item);
    if (job === undefined) {
      const features = this.features(item);
      job = { features, request: this.predict(item, features), ratio: new Float64Array(2), pulls: sim.pulls(item).length, stagesDone: 0 };
      this.jobs.set(item, job);
      this.noteArrival(item);
    }
    if (this.tryPlace(item, job)) return;
    if (sim.priority(item) > 0 && this.swapFor(item, job)) return;
    if (!couldEverFit(sim, item, job.request)) {
      this.jobs.delete(item);
      sim.reject(item);
    }
  }

  /** Decays the artefact shares to now and counts this arrival's pulls. */
  private noteArrival(item: number): void {
    const now = this.sim.now;
    const k = Math.pow(0.5, (now - this.lastDecay) / this.o.halfLife);
    this.lastDecay = now;
    this.arrivalsWeight = this.arrivalsWeight * k + 1;
    for (const a of this.artefacts.values()) a.weight *= k;
    const needs = this.sim.constraints(item);
    for (const image of this.sim.pulls(item)) {
      const a = this.artefacts.get(image);
      if (a === undefined) this.artefacts.set(image, { weight: 1, needs });
      else a.weight += 1;
    }
  }

  /** The reservation: declared × predicted use fraction (90th percentile of neighbours) × 1.1. */
  predict(item: number, x: Features): Float64Array {
    const sim = this.sim;
    const r = new Float64Array(sim.dims.count);
    for (let d = 0; d < r.length; d++) r[d] = sim.declared(item, d);
    if (this.model.count < this.o.minSamples) return r;
    [CPU, MEM].forEach((d, o) => {
      const q = this.model.quantile(x, o, this.o.quantile);
      if (r[d] > 0 && q > 0) r[d] *= q * (1 + this.o.margin);
    });
    this.counts.predicted++;
    return r;
  }

  /** Lower is better: weighted price, uncached pulls and free share left (DESIGN: several objectives). */
  score(item: number, i: number, request: Float64Array, pulls: readonly string[]): number {
    const f = this.sim.fleet;
    const w = this.o.weights;
    let missing = 0;
    for (const p of pulls) if (!f.images[i].has(p)) missing++;
    return w.cost * (f.price[i] / this.maxPrice) + w.latency * (pulls.length ? missing / pulls.length : 0) + w.throughput * (f.leftAfter(i, request) / 2);
  }

  private tier(item: number): 1 | 2 {
    return this.sim.priority(item) > 0 ? 1 : 2;
  }

  private tryPlace(item: number, job: Running): boolean {
    const sim = this.sim;
    const request = job.request;
    const pulls = sim.pulls(item);
    const f = sim.fleet;
    let best = -1;
    let bestScore = Infinity;
    for (let i = 0; i < f.count; i++) {
      if (!feasible(sim, i, item, request)) continue;
      const s = this.score(item, i, request, pulls);
      if (s < bestScore) {
        bestScore = s;
        best = i;
      }
    }
    return best >= 0 && sim.place(item, best, request, { tier: this.tier(item) });
  }

  /** A high-priority job takes the best-scored instance where reclaiming tier-2 work makes room. */
  private swapFor(item: number, job: Running): boolean {
    const sim = this.sim;
    const request = job.request;
    const pulls = sim.pulls(item);
    const f = sim.fleet;
    const needs = sim.constraints(item);
    const order: number[] = [];
    for (let i = 0; i < f.count; i++) {
      if (f.state[i] > READY || (needs !== undefined && !f.matches(i, needs))) continue;
      order.push(i);
    }
    order.sort((a, b) => this.score(item, a, request, pulls) - this.score(item, b, request, pulls) || a - b);
    for (const i of order) {
      if (sim.place(item, i, request, { tier: 1 })) {
        this.counts.swaps++;
        return true;
      }
    }
    return false;
  }

  onFailure(item: number, cause: number): void {
    // Swapped out for high-priority work: back in the queue at once, from the start.
    if (cause === PREEMPTED) {
      this.counts.preempted++;
      const job = this.jobs.get(item);
      if (job !== undefined) job.stagesDone = 0;
      this.sim.retry(item, 0);
    }
  }

  onStageEnd(item: number, obs: StageObservation): void {
    const job = this.jobs.get(item);
    if (job === undefined) return;
    job.stagesDone = obs.stage + 1;
    [CPU, MEM].forEach((d, o) => {
      const declared = this.sim.declared(item, d);
      if (declared > 0) job.ratio[o] = Math.max(job.ratio[o], obs.demand[d] / declared);
    });
  }

  onItemEnd(item: number, outcome: number): void {
    const job = this.jobs.get(item);
    if (job !== undefined) {
      if (outcome === 0) this.model.observe(job.features, job.ratio);
      this.jobs.delete(item);
    }
    if (this.sim.isOwn(item)) return;
    this.retryWaiting();
  }

  onInstanceReady(): void {
    this.retryWaiting();
  }

  /**
   * Waiting jobs, high priority first, then in arrival order; unlike head-of-line, a job that fits
   * goes past one that does not. With `swap`, a high-priority job that fits nowhere reclaims
   * low-priority room.
   */
  private retryWaiting(swap = false): void {
    const sim = this.sim;
    for (const high of [true, false]) {
      for (let item = sim.firstWaiting(); item >= 0; ) {
        const next = sim.nextWaiting(item);
        const job = this.jobs.get(item);
        if (job !== undefined && sim.priority(item) > 0 === high && !this.tryPlace(item, job) && swap && high) this.swapFor(item, job);
        item = next;
      }
    }
  }

  onTick(): void {
    this.adjust();
    this.preconfigure();
    this.retryWaiting(true);
  }

  /** Grows reservations running short of memory and shrinks those far above their cpu use. */
  private adjust(): void {
    const sim = this.sim;
    const v = this.vector;
    for (const [item, job] of this.jobs) {
      if (sim.isWaiting(item) || sim.instanceOf(item) < 0 || job.stagesDone < job.pulls) continue;
      const r = sim.reservationOf(item);
      if (r < 0) continue;
      v.set(sim.reservationVector(r));
      const usedMem = sim.usage(item, MEM);
      const usedCpu = sim.usage(item, CPU);
      let change = 0;
      if (usedMem > 0.9 * v[MEM]) {
        v[MEM] = usedMem * 1.2;
        change = 1;
      } else if (usedCpu > 0 && usedCpu < 0.5 * v[CPU]) {
        v[CPU] = usedCpu * 1.2;
        change = -1;
      }
      if (change !== 0 && sim.resize(item, v)) {
        if (change > 0) this.counts.grown++;
        else this.counts.shrunk++;
      }
    }
  }

  /** Pulls each artefact onto as many of its candidate instances as its share of arrivals. */
  private preconfigure(): void {
    const sim = this.sim;
    const f = sim.fleet;
    let budget = this.o.prefetches;
    const D = f.D;
    const ranked = [...this.artefacts.entries()].sort((a, b) => b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : 1));
    for (const [image, a] of ranked) {
      if (budget === 0) return;
      const share = this.arrivalsWeight > 0 ? a.weight / this.arrivalsWeight : 0;
      const candidates: number[] = [];
      let holding = 0;
      for (let i = 0; i < f.count; i++) {
        if (f.state[i] > READY || (a.needs !== undefined && !f.matches(i, a.needs))) continue;
        if (f.images[i].has(image)) holding++;
        else candidates.push(i);
      }
      const target = Math.ceil(share * (holding + candidates.length));
      candidates.sort((x, y) => f.free[y * D + NET] - f.free[x * D + NET] || x - y);
      for (const i of candidates) {
        if (holding >= target || budget === 0) break;
        if (sim.prefetch(i, image) >= 0) {
          holding++;
          budget--;
          this.counts.prefetches++;
        }
      }
    }
  }

  stats(): Record<string, number> {
    return { ...this.counts };
  }
}

export const options = z
  .object({
    interval: positive.optional(),
    quantile: fraction.optional(),
    margin: nonNegative.optional(),
    minSamples: count.optional(),
    prefetches: count.optional(),
    halfLife: positive.optional(),
    weights: z.object({ cost: nonNegative.optional(), latency: nonNegative.optional(), throughput: nonNegative.optional() }).strict().optional(),
  })
  .strict();

export const create = (raw: Readonly<Record<string, unknown>> = {}) => {
  const o = raw as z.infer<typeof options>;
  return new PreConfiguration({ ...o, weights: { ...PRE_CONFIGURATION_DEFAULTS.weights, ...o.weights } });
};
