/**
 * predictive-scaling — seed 000 (predictive scaling: grow capacity ahead of projected installation
 * demand):
 *
 * - demand: every `interval` seconds, what the fleet is asked for — reserved now plus declared by
 *   the items waiting — in instances' worth of its most asked dimension (installs ask for disk and
 *   network bandwidth before cpu), feeds a seasonal forecaster (additive Holt-Winters over a day;
 *   exponential smoothing until a day is seen), whose output is a distribution;
 * - scaling rule: the fleet should hold the forecast's `quantile` (0.9) at `utilisation` (80 %) of
 *   each instance, within [`min`, `max`] instances of the scaled group. Instances are
 *   provisioned when the target exceeds what is ready or coming up (they are ordered one interval
 *   ahead, since they take minutes to boot), and idle ones — nothing running or reserved — are
 *   drained, newest first, when it is below;
 * - placement: the first-fit baseline's (a reactive strategy; this one only adds the scaling).
 */
import { PROVISIONING, READY, type SimulationApi } from '../sim/api.js';
import { firstFitPlacer } from './first-fit.js';
import { ExponentialSmoothing } from './predictors/exponential-smoothing.js';
import { HoltWinters } from './predictors/holt-winters.js';
import { ReactiveStrategy } from './reactive.js';
import { z } from 'zod';
import { count, fraction, groupNames, positive, type StrategyContext } from './options.js';

export interface ScalingOptions {
  interval: number;
  quantile: number;
  utilisation: number;
  min: number;
  max: number;
  /** Name of the group to scale (default: the first). */
  group?: string;
}

export const SCALING_DEFAULTS: ScalingOptions = { interval: 300, quantile: 0.9, utilisation: 0.8, min: 1, max: 64 };

/** The scaling rule: instances needed to hold `demand` instances' worth at `utilisation` each. */
export function instancesFor(demand: number, utilisation: number, min: number, max: number): number {
  const n = Math.ceil(Math.max(0, demand) / utilisation - 1e-9);
  return Math.min(max, Math.max(min, n));
}

export class PredictiveScaling extends ReactiveStrategy {
  readonly tickInterval: number;
  private readonly o: ScalingOptions;
  private readonly smooth = new ExponentialSmoothing(0.3);
  private seasonal!: HoltWinters;
  private group = 0;
  private asked = new Float64Array(4);
  private readonly counts = { provisioned: 0, drained: 0, peakTarget: 0 };

  constructor(options: Partial<ScalingOptions> = {}) {
    super('predictive-scaling', firstFitPlacer);
    this.o = { ...SCALING_DEFAULTS, ...options };
    this.tickInterval = this.o.interval;
  }

  override init(sim: SimulationApi): void {
    super.init(sim);
    this.asked = new Float64Array(sim.dims.count);
    this.seasonal = new HoltWinters(Math.round(86400 / this.o.interval));
    const problem = check({ ...this.o }, { dimensions: sim.dims.names, groups: sim.fleet.groups });
    if (problem !== undefined) throw new Error(`predictive-scaling: ${problem}`);
    if (this.o.group !== undefined) this.group = sim.fleet.groups.findIndex((g) => g.name === this.o.group);
  }

  /**
   * What is asked of the fleet now — reserved on live instances plus declared by the waiting — in
   * instances of the scaled group, by the dimension that needs the most of them.
   */
  demand(): number {
    const sim = this.sim;
    const f = sim.fleet;
    const D = f.D;
    const asked = this.asked.fill(0);
    for (let i = 0; i < f.count; i++) {
      if (f.state[i] <= READY) for (let d = 0; d < D; d++) asked[d] += f.capacity[i * D + d] - f.free[i * D + d];
    }
    for (let item = sim.firstWaiting(); item >= 0; item = sim.nextWaiting(item)) {
      for (let d = 0; d < D; d++) asked[d] += sim.declared(item, d);
    }
    const capacity = f.groups[this.group].capacity;
    let instances = 0;
    for (let d = 0; d < D; d++) if (capacity[d] > 0) instances = Math.max(instances, asked[d] / capacity[d]);
    return instances;
  }

  onTick(now: number): void {
    const demand = this.demand();
    this.smooth.observe(now, demand);
    this.seasonal.observe(now, demand);
    const f = this.seasonal.count >= 86400 / this.o.interval ? this.seasonal : this.smooth;
    const target = instancesFor(Math.max(demand, f.quantile(this.o.quantile)), this.o.utilisation, this.o.min, this.o.max);
    this.counts.peakTarget = Math.max(this.counts.peakTarget, target);
    this.scaleTo(target);
  }

  /** Provisions up to `target` live instances of the group, or drains idle ones down to it. */
  private scaleTo(target: number): void {
    const sim = this.sim;
    const f = sim.fleet;
    const live: number[] = [];
    for (let i = 0; i < f.count; i++) if (f.group[i] === this.group && f.state[i] <= READY) live.push(i);
    for (let n = live.length; n < target; n++) {
      sim.provision(this.group);
      this.counts.provisioned++;
    }
    let surplus = live.length - target;
    for (let k = live.length - 1; k >= 0 && surplus > 0; k--) {
      const i = live[k];
      const coming = f.state[i] === PROVISIONING;
      if (!coming && (f.runCount[i] > 0 || f.resCount[i] > 0)) continue;
      sim.drain(i);
      this.counts.drained++;
      surplus--;
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
    utilisation: z.number().gt(0).max(1).optional(),
    min: count.optional(),
    max: z.number().int().positive().optional(),
    group: z.string().optional(),
  })
  .strict()
  .refine((o) => (o.min ?? SCALING_DEFAULTS.min) <= (o.max ?? SCALING_DEFAULTS.max), { message: 'expected min ≤ max' });

/** The scaled group, when named, must exist. */
export function check(raw: Readonly<Record<string, unknown>>, scenario: StrategyContext): string | undefined {
  const group = (raw as z.infer<typeof options>).group;
  if (group !== undefined && !scenario.groups.some((g) => g.name === group)) {
    return `group: no fleet group "${group}"; the fleet has ${groupNames(scenario)}`;
  }
  return undefined;
}

export const create = (o: Readonly<Record<string, unknown>> = {}) => new PredictiveScaling(o as z.infer<typeof options>);
