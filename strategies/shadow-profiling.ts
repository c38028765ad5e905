/**
 * shadow-profiling — seed 003 (dynamic application shadowing and predictive allocation):
 *
 * - shadow instance manager: every `period` seconds (and at the start) it provisions a sandbox
 *   pool of `pool` instances from the scenario's group `sandboxGroup`, runs a shadow install of
 *   every application in the catalogue there (`SimulationApi.shadowable`), at most `concurrency`
 *   per instance, each under a resource `cap` (reserved, and a hard limit: a capped run goes
 *   slower), and drains the pool when the round is done (cleanup). The pool's hours are paid and
 *   the shadow runs' use counts in utilisation like any work;
 * - shadow profile database: per application, per install step, the demand seen (mean, sd, peak);
 * - predictive allocator: an install's reservation is the profile × `margin` (1.2). Per step
 *   (`perStep`, the default): the current step's mean for cpu, io and net — resized as each step
 *   ends (shrinking always, growing where the instance has room) — and the largest step's mean for
 *   memory, held throughout (it cannot be taken back without a kill). With `perStep: false`, the
 *   seed's literal rule: the duration-weighted average over the steps, for the whole install.
 *   With no profile yet (or for other kinds of work): the declared request, the seed's fallback;
 * - placement: first fit on the production instances (never the sandbox), waiting items retried in
 *   arrival order when capacity frees (head-of-line, as the baselines).
 */
import type { SimulationApi, StageObservation, Strategy } from '../sim/api.js';
import { couldEverFit, feasible } from './placer.js';
import { ShadowProfiles } from './predictors/shadow-profile.js';
import { retryHeadOfLine } from './reactive.js';
import { z } from 'zod';
import { groupNames, nonNegative, positive, type StrategyContext } from './options.js';

const INSTALL = 1;
const ROUND = 1;

export interface ShadowProfilingOptions {
  margin: number;
  period: number;
  pool: number;
  concurrency: number;
  sandboxGroup: string;
  /** Resize the reservation step by step (else one allocation for the whole install). */
  perStep: boolean;
  /** Per dimension name: the cap of one shadow run. */
  cap: Readonly<Record<string, number>>;
}

export const SHADOW_DEFAULTS: ShadowProfilingOptions = {
  margin: 1.2,
  period: 6 * 3600,
  pool: 1,
  concurrency: 4,
  perStep: true,
  sandboxGroup: 'sandbox',
  cap: { cpu: 1, mem: 4, io: 100, net: 40 },
};

export class ShadowProfiling implements Strategy {
  readonly name = 'shadow-profiling';
  profiles = new ShadowProfiles(4);
  private sim!: SimulationApi;
  private readonly o: ShadowProfilingOptions;
  private group = -1;
  private cap = new Float64Array(4);
  private request = new Float64Array(4);
  private memory: number[] = [];
  /** Sandbox instances of the current round, and the applications still to shadow in it. */
  private readonly sandbox = new Set<number>();
  private todo: string[] = [];
  private shadowRuns = 0;
  private shadowFailures = 0;
  private profiled = 0;
  private fallback = 0;
  private resized = 0;

  constructor(options: Partial<ShadowProfilingOptions> = {}) {
    this.o = { ...SHADOW_DEFAULTS, ...options };
  }

  init(sim: SimulationApi): void {
    this.sim = sim;
    const D = sim.dims.count;
    this.profiles = new ShadowProfiles(D);
    this.request = new Float64Array(D);
    this.cap = new Float64Array(D);
    for (const [name, v] of Object.entries(this.o.cap)) this.cap[sim.dims.index(name)] = v;
    this.memory = sim.dims.kinds.flatMap((k, d) => (k === 'memory' ? [d] : []));
    // The loader checked the options against the scenario; a strategy built by hand is checked here.
    const problem = check({ ...this.o }, { dimensions: sim.dims.names, groups: sim.fleet.groups });
    if (problem !== undefined) throw new Error(`shadow-profiling: ${problem}`);
    this.group = sim.fleet.groups.findIndex((g) => g.name === this.o.sandboxGroup);
    this.startRound();
  }

  /** Provisions the pool and queues the catalogue; the next round is due one period later. */
  private startRound(): void {
    const sim = this.sim;
    if (this.sandbox.size === 0 && sim.shadowable().length > 0) {
      this.todo = [...sim.shadowable()].reverse();
      for (let k = 0; k < this.o.pool; k++) this.sandbox.add(sim.provision(this.group));
    }
    sim.setTimer(this.o.period, ROUND);
  }

  onTimer(token: number): void {
    if (token === ROUND) this.startRound();
  }

  onInstanceReady(instance: number): void {
    if (this.sandbox.has(instance)) this.fillSandbox(instance);
    else this.retryWaiting();
  }

  /** Starts shadow runs on a sandbox instance up to the concurrency; drains it when none is left. */
  private fillSandbox(instance: number): void {
    const sim = this.sim;
    let here = sim.fleet.runCount[instance];
    while (here < this.o.concurrency && this.todo.length > 0) {
      const app = this.todo.pop() as string;
      if (sim.shadow(app, instance, this.cap) < 0) {
        this.todo.push(app);
        break;
      }
      here++;
      this.shadowRuns++;
    }
    if (here === 0 && this.todo.length === 0) {
      sim.drain(instance);
      this.sandbox.delete(instance);
    }
  }

  onStageEnd(item: number, obs: StageObservation): void {
    const sim = this.sim;
    const app = sim.meta(item)?.application;
    if (app === undefined) return;
    if (sim.isOwn(item)) {
      this.profiles.observe(app, obs.stage, obs.demand, obs.duration);
      return;
    }
    if (!this.o.perStep || sim.kind(item) !== INSTALL) return;
    // The next step's share: a reservation that follows the install through its steps.
    const next = this.profiles.stepAllocation(app, obs.stage + 1, this.memory, this.o.margin, this.request);
    if (next !== undefined && sim.resize(item, next)) this.resized++;
  }

  onItemEnd(item: number, outcome: number): void {
    const sim = this.sim;
    if (sim.isOwn(item)) {
      const app = sim.meta(item)?.application;
      if (outcome !== 0) this.shadowFailures++;
      else if (app !== undefined) this.profiles.finish(app);
      const inst = sim.instanceOf(item);
      if (this.sandbox.has(inst)) this.fillSandbox(inst);
      return;
    }
    this.retryWaiting();
  }

  onArrival(item: number): void {
    if (this.tryPlace(item)) return;
    // The sandbox group does not count: production work never runs there.
    if (!couldEverFit(this.sim, item, this.request, this.group)) this.sim.reject(item);
  }

  private retryWaiting(): void {
    retryHeadOfLine(this.sim, (item) => this.tryPlace(item));
  }

  /** The reservation: profile × margin for a profiled install, else the declared request. */
  planned(item: number): Float64Array {
    const sim = this.sim;
    const r = this.request;
    const app = sim.kind(item) === INSTALL ? sim.meta(item)?.application : undefined;
    if (app !== undefined) {
      const profiled = this.o.perStep
        ? this.profiles.stepAllocation(app, 0, this.memory, this.o.margin, r)
        : this.profiles.allocation(app, this.memory, this.o.margin, r);
      if (profiled !== undefined) return r;
    }
    for (let d = 0; d < r.length; d++) r[d] = sim.declared(item, d);
    return r;
  }

  private tryPlace(item: number): boolean {
    const sim = this.sim;
    const request = this.planned(item);
    const f = sim.fleet;
    for (let i = 0; i < f.count; i++) {
      if (f.group[i] === this.group || !feasible(sim, i, item, request)) continue;
      if (!sim.place(item, i, request)) continue;
      const app = sim.kind(item) === INSTALL ? sim.meta(item)?.application : undefined;
      if (app !== undefined && this.profiles.runs(app) > 0) this.profiled++;
      else this.fallback++;
      return true;
    }
    return false;
  }

  stats(): Record<string, number> {
    return {
      shadowRuns: this.shadowRuns,
      shadowFailures: this.shadowFailures,
      placedFromProfile: this.profiled,
      placedFromDefaults: this.fallback,
      stepResizes: this.resized,
    };
  }
}

export const options = z
  .object({
    margin: positive.optional(),
    period: positive.optional(),
    pool: z.number().int().positive().optional(),
    concurrency: z.number().int().positive().optional(),
    perStep: z.boolean().optional(),
    sandboxGroup: z.string().optional(),
    cap: z.record(z.string(), nonNegative).optional(),
  })
  .strict();

/** The sandbox group must exist, and the cap name known dimensions within its instances. */
export function check(raw: Readonly<Record<string, unknown>>, scenario: StrategyContext): string | undefined {
  const o = { ...SHADOW_DEFAULTS, ...(raw as z.infer<typeof options>) };
  const group = scenario.groups.find((g) => g.name === o.sandboxGroup);
  if (group === undefined) {
    return `its sandbox pool comes from a fleet group named "${o.sandboxGroup}", and the fleet has ${groupNames(scenario)} (add one with count: 0, or set sandboxGroup)`;
  }
  for (const [name, v] of Object.entries(o.cap)) {
    const d = scenario.dimensions.indexOf(name);
    if (d < 0) return `cap.${name}: unknown dimension; expected one of ${scenario.dimensions.join(', ')}`;
    if (v > group.capacity[d]) return `cap.${name}: ${v} is more than a "${group.name}" instance has (${group.capacity[d]})`;
  }
  return undefined;
}

export const create = (o: Readonly<Record<string, unknown>> = {}) => new ShadowProfiling(o as z.infer<typeof options>);
