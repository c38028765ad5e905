/**
 * Per-step shadow profiles (seed 003): for each application, for each step of its install, the
 * demand observed per dimension over the shadow runs so far — mean, standard deviation (Welford)
 * and peak — and the step's full-speed duration. Answers with quantiles (normal approximation
 * around the mean, never below zero) as well as the point the seed's allocator uses.
 */
import { normalQuantile } from './predictor.js';

export interface StepProfile {
  runs: number;
  /** Mean duration at full speed, seconds. */
  duration: number;
  mean: Float64Array;
  /** Σ of squared deviations (Welford), per dimension. */
  m2: Float64Array;
  peak: Float64Array;
}

export class ShadowProfiles {
  readonly name = 'shadow-profile';
  private readonly byApp = new Map<string, StepProfile[]>();
  /** Shadow runs that ended complete, per application: a profile is used only after one. */
  private readonly complete = new Map<string, number>();

  constructor(readonly D: number) {}

  /** Records one step of one shadow run. */
  observe(application: string, step: number, demand: ArrayLike<number>, duration: number): void {
    let steps = this.byApp.get(application);
    if (steps === undefined) this.byApp.set(application, (steps = []));
    const p = (steps[step] ??= {
      runs: 0,
      duration: 0,
      mean: new Float64Array(this.D),
      m2: new Float64Array(this.D),
      peak: new Float64Array(this.D),
    });
    p.runs++;
    p.duration += (duration - p.duration) / p.runs;
    for (let d = 0; d < this.D; d++) {
      const x = demand[d] ?? 0;
      const delta = x - p.mean[d];
      p.mean[d] += delta / p.runs;
      p.m2[d] += delta * (x - p.mean[d]);
      if (x > p.peak[d]) p.peak[d] = x;
    }
  }

  /** A shadow run of the application completed every step: its profile is whole. */
  finish(application: string): void {
    this.complete.set(application, this.runs(application) + 1);
  }

  /** Complete shadow runs of an application. */
  runs(application: string): number {
    return this.complete.get(application) ?? 0;
  }

  /** The steps profiled for an application, once one shadow run of it completed. */
  steps(application: string): readonly StepProfile[] | undefined {
    return this.runs(application) > 0 ? this.byApp.get(application) : undefined;
  }

  /** Demand of dimension d at step `step` not exceeded with probability q (normal approximation). */
  quantile(application: string, step: number, d: number, q: number): number {
    const p = this.steps(application)?.[step];
    if (p === undefined) return NaN;
    const sd = p.runs > 1 ? Math.sqrt(p.m2[d] / (p.runs - 1)) : 0;
    return Math.max(0, p.mean[d] + sd * normalQuantile(q));
  }

  /**
   * The seed's allocation from the profile, per dimension: for memory dimensions the largest
   * step mean (a step that needs it must have it), for the others the duration-weighted average
   * over the steps (the seed's "average usage"); both × `margin`. Undefined without a profile.
   */
  allocation(application: string, memory: ArrayLike<number>, margin: number, into: Float64Array): Float64Array | undefined {
    const steps = this.steps(application);
    if (steps === undefined || steps.length === 0) return undefined;
    let time = 0;
    into.fill(0);
    for (const p of steps) {
      if (p === undefined) continue;
      time += p.duration;
      for (let d = 0; d < this.D; d++) into[d] += p.mean[d] * p.duration;
    }
    for (let d = 0; d < this.D; d++) into[d] = time > 0 ? into[d] / time : 0;
    for (let k = 0; k < memory.length; k++) {
      const d = memory[k];
      let peak = 0;
      for (const p of steps) if (p !== undefined && p.mean[d] > peak) peak = p.mean[d];
      into[d] = peak;
    }
    for (let d = 0; d < this.D; d++) into[d] *= margin;
    return into;
  }

  /**
   * The allocation for one step: its mean × `margin` for the shared dimensions, the largest step
   * mean × `margin` for memory (held for the whole install). Undefined without a profile of it.
   */
  stepAllocation(application: string, step: number, memory: ArrayLike<number>, margin: number, into: Float64Array): Float64Array | undefined {
    const steps = this.steps(application);
    const p = steps?.[step];
    if (steps === undefined || p === undefined) return undefined;
    for (let d = 0; d < this.D; d++) into[d] = p.mean[d] * margin;
    for (let k = 0; k < memory.length; k++) {
      const d = memory[k];
      let peak = 0;
      for (const q of steps) if (q !== undefined && q.mean[d] > peak) peak = q.mean[d];
      into[d] = peak * margin;
    }
    return into;
  }
}
