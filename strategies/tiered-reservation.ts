/**
 * tiered-reservation — seed 002 (predictive allocation with dynamic bootstrapping), for `instance`
 * requests:
 *
 * - demand forecast: arrivals per interval feed a seasonal forecaster (additive Holt-Winters over
 *   a day; exponential smoothing until a day is seen), whose output is a distribution;
 * - tiered reservation from its quantiles: warm slots (reservations sized like a typical request)
 *   for the forecast's `base` quantile are tier 1 (never reclaimed), those up to the `upper`
 *   quantile tier 2 (reclaimable); requests beyond them are tier 3, placed on demand;
 * - warm pool: slots are made on instances that already hold the most requested images, and a
 *   request takes a free slot whose instance has its image cached first — it boots from cache;
 *   slots are kept when their request ends, so the pool stays bootstrapped;
 * - feedback loop: each interval, the share of requests that found a slot is compared with the
 *   target coverage and the upper quantile moves up (more slots) or down (less waste).
 */
import { CPU, MEM } from '../sim/resources.js';
import type { SimulationApi, Strategy } from '../sim/api.js';
import { firstFitPlacer } from './first-fit.js';
import { feasibleCached } from './warm-placement.js';
import { ExponentialSmoothing } from './predictors/exponential-smoothing.js';
import { HoltWinters } from './predictors/holt-winters.js';
import { z } from 'zod';
import { fraction, positive } from './options.js';
import { retryHeadOfLine } from './reactive.js';

const INSTANCE = 3;

export interface TieredOptions {
  interval: number;
  base: number;
  upper: number;
  target: number;
  step: number;
}

/** The feedback loop's rule: coverage below target raises the quantile, above it lowers it. */
export function tuneQuantile(q: number, coverage: number, target: number, step: number): number {
  if (!Number.isFinite(coverage)) return q;
  const next = coverage < target ? q + step : coverage > target + 0.05 ? q - step : q;
  return Math.min(0.99, Math.max(0.5, next));
}

export class TieredReservation implements Strategy {
  readonly name = 'tiered-reservation';
  readonly tickInterval: number;
  private sim!: SimulationApi;
  private readonly o: TieredOptions;
  private readonly smooth = new ExponentialSmoothing(0.3);
  private seasonal!: HoltWinters;
  private arrivals = 0;
  private hits = 0;
  private misses = 0;
  private upper: number;
  /** Warm slots: reservation ids (strategy-owned, tag 1 = tier 1, 2 = tier 2). */
  private slots: number[] = [];
  private readonly images = new Map<string, number>();
  private slot = new Float64Array(4);
  private request = new Float64Array(4);
  private sizes: number[][] = [];
  private ticks = 0;

  constructor(o: Partial<TieredOptions> = {}) {
    this.o = { interval: o.interval ?? 600, base: o.base ?? 0.5, upper: o.upper ?? 0.9, target: o.target ?? 0.9, step: o.step ?? 0.02 };
    this.tickInterval = this.o.interval;
    this.upper = this.o.upper;
  }

  init(sim: SimulationApi): void {
    this.sim = sim;
    this.seasonal = new HoltWinters(Math.round(86400 / this.o.interval));
    this.slot = new Float64Array(sim.dims.count);
    this.request = new Float64Array(sim.dims.count);
  }

  onArrival(item: number): void {
    const sim = this.sim;
    if (sim.kind(item) === INSTANCE) {
      this.arrivals++;
      const image = String(sim.meta(item)?.image ?? '');
      this.images.set(image, (this.images.get(image) ?? 0) + 1);
      const v = sim.declaredVector(item);
      if (this.sizes.length < 500) this.sizes.push([v[CPU], v[MEM]]);
      if (this.intoSlot(item, image)) {
        this.hits++;
        return;
      }
      this.misses++;
    }
    this.placeOnDemand(item);
  }

  /** A free warm slot that holds the request, on an instance with the image cached first. */
  private intoSlot(item: number, image: string): boolean {
    const sim = this.sim;
    const want = sim.declaredVector(item);
    let fallback = -1;
    for (const r of this.slots) {
      if (sim.reservationItem(r) >= 0) continue;
      const v = sim.reservationVector(r);
      let fits = true;
      for (let d = 0; d < want.length; d++) if (want[d] > v[d] + 1e-9) fits = false;
      if (!fits) continue;
      if (sim.fleet.images[sim.reservationInstance(r)].has(image)) return sim.placeInto(item, r);
      if (fallback < 0) fallback = r;
    }
    return fallback >= 0 && sim.placeInto(item, fallback);
  }

  private placeOnDemand(item: number): boolean {
    const sim = this.sim;
    const r = this.request;
    for (let d = 0; d < r.length; d++) r[d] = sim.declared(item, d);
    const image = String(sim.meta(item)?.image ?? '');
    let at = feasibleCached(sim, item, r, image);
    if (at < 0) at = firstFitPlacer.choose(sim, item, r);
    return at >= 0 && sim.place(item, at, r);
  }

  onItemEnd(): void {
    retryHeadOfLine(this.sim, (i) => (this.sim.kind(i) === INSTANCE && this.intoSlot(i, String(this.sim.meta(i)?.image ?? ''))) || this.placeOnDemand(i));
  }

  onTick(now: number): void {
    this.ticks++;
    this.smooth.observe(now, this.arrivals);
    this.seasonal.observe(now, this.arrivals);
    const coverage = this.hits / (this.hits + this.misses);
    this.upper = tuneQuantile(this.upper, coverage, this.o.target, this.o.step);
    this.arrivals = this.hits = this.misses = 0;
    const f = this.seasonal.count >= 86400 / this.o.interval ? this.seasonal : this.smooth;
    // Requests arriving in the next interval, each needing a slot until it ends or is served.
    const base = Math.max(0, Math.ceil(f.quantile(this.o.base)));
    const upper = Math.max(base, Math.ceil(f.quantile(this.upper)));
    this.resize(base, upper);
  }

  /** Grows or shrinks the pool to `upper` slots, the first `base` of them tier 1. */
  private resize(base: number, upper: number): void {
    const sim = this.sim;
    this.slots = this.slots.filter((r) => sim.reservationInstance(r) >= 0);
    if (this.sizes.length === 0) return;
    const median = (k: number) => this.sizes.map((s) => s[k]).sort((a, b) => a - b)[this.sizes.length >> 1];
    this.slot.fill(0);
    this.slot[CPU] = median(0);
    this.slot[MEM] = median(1);
    // Shrink: free tier-2 slots first.
    for (let i = this.slots.length - 1; i >= 0 && this.slots.length > upper; i--) {
      const r = this.slots[i];
      if (sim.reservationItem(r) >= 0) continue;
      if (sim.reservationTier(r) === 2 || this.slots.length > Math.max(upper, base)) {
        sim.release(r);
        this.slots.splice(i, 1);
      }
    }
    const popular = [...this.images.entries()].sort((a, b) => b[1] - a[1]).map(([img]) => img);
    while (this.slots.length < upper) {
      const tier = this.slots.length < base ? 1 : 2;
      let at = -1;
      for (const img of popular) {
        at = feasibleCached(sim, -1, this.slot, img);
        if (at >= 0) break;
      }
      if (at < 0) at = sim.fleet.firstFit(this.slot);
      if (at < 0) break;
      const r = sim.reserve(at, this.slot, { tier: tier as 1 | 2, tag: tier });
      if (r < 0) break;
      this.slots.push(r);
    }
  }

  stats(): Record<string, number> {
    return { upperQuantile: this.upper, warmSlots: this.slots.length };
  }
}

export const options = z.object({ interval: positive.optional(), target: fraction.optional() }).strict();

export const create = (o: Readonly<Record<string, unknown>> = {}) => new TieredReservation(o as z.infer<typeof options>);
