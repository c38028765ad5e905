/**
 * The strategy registry: every strategy by name, with the seed document it comes from and one line
 * on its rule. The kernel never reads this; the CLI and scenario loader do.
 */
import type { z } from 'zod';
import type { Strategy } from '../sim/api.js';
import { noOptions, type StrategyContext } from './options.js';
import * as balancedAllocation from './balanced-allocation.js';
import * as bestFit from './best-fit.js';
import * as firstFit from './first-fit.js';
import * as leastAllocated from './least-allocated.js';
import * as mostAllocated from './most-allocated.js';
import * as pinned from './pinned.js';
import * as vpa from './vpa.js';
import * as autopilot from './autopilot.js';
import * as updateOrchestration from './update-orchestration.js';
import * as tieredReservation from './tiered-reservation.js';
import * as stagedInstall from './staged-install.js';
import * as auction from './auction.js';
import * as predictiveScaling from './predictive-scaling.js';
import * as shadowProfiling from './shadow-profiling.js';
import * as preConfiguration from './pre-configuration.js';

export interface StrategyEntry {
  name: string;
  /** The seed document it comes from, or 'baseline' / 'reference'. */
  seed: string;
  summary: string;
  /** The options a scenario may give it (checked by the loader; strict: unknown keys are errors). */
  options: z.ZodType<Record<string, unknown>>;
  /** A problem with the options for this scenario (a group or dimension it names is missing), or undefined. */
  check?(options: Readonly<Record<string, unknown>>, scenario: StrategyContext): string | undefined;
  create(options: Readonly<Record<string, unknown>>): Strategy;
}

export const STRATEGIES: readonly StrategyEntry[] = [
  {
    name: 'first-fit',
    seed: 'baseline',
    summary: 'declared request on the first instance (index order) where it fits; FIFO head-of-line queue',
    options: noOptions,
    create: firstFit.create,
  },
  {
    name: 'best-fit',
    seed: 'baseline',
    summary: 'declared request on the instance it leaves with the least free cpu+mem',
    options: noOptions,
    create: bestFit.create,
  },
  {
    name: 'least-allocated',
    seed: 'baseline',
    summary: 'Kubernetes LeastAllocated score: spread onto the least reserved instance',
    options: noOptions,
    create: leastAllocated.create,
  },
  {
    name: 'most-allocated',
    seed: 'baseline',
    summary: 'Kubernetes MostAllocated score: pack onto the most reserved instance',
    options: noOptions,
    create: mostAllocated.create,
  },
  {
    name: 'balanced-allocation',
    seed: 'baseline',
    summary: 'Kubernetes BalancedAllocation score: keep cpu and mem reserved in equal fractions',
    options: noOptions,
    create: balancedAllocation.create,
  },
  {
    name: 'staged-install',
    seed: '000',
    summary: 'installs reserved at their largest profiled stage (+15 %) with a timeout, on the instance with most headroom and fewest failures; critical first (tier 1)',
    options: stagedInstall.options,
    create: stagedInstall.create,
  },
  {
    name: 'auction',
    seed: '000',
    summary: 'instances bid their cost (1 − headroom left + failure history); lowest bid wins at the second-lowest price',
    options: noOptions,
    create: auction.create,
  },
  {
    name: 'predictive-scaling',
    seed: '000',
    summary: 'Holt-Winters forecast of what the fleet is asked (reserved + waiting, in instances of its most asked dimension) → instances for its 90th percentile at 80 % use, provisioned ahead; idle ones drained',
    options: predictiveScaling.options,
    check: predictiveScaling.check,
    create: predictiveScaling.create,
  },
  {
    name: 'update-orchestration',
    seed: '001',
    summary: 'updates reserved from learnt impact (+20 %) with an expiry, split to half cpu on partial fit, else deferred with exponential backoff; alert after 5',
    options: updateOrchestration.options,
    create: updateOrchestration.create,
  },
  {
    name: 'tiered-reservation',
    seed: '002',
    summary: 'Holt-Winters arrival forecast → warm slots: tier 1 to its median, tier 2 to a tuned upper quantile, on instances with the image cached',
    options: tieredReservation.options,
    create: tieredReservation.create,
  },
  {
    name: 'shadow-profiling',
    seed: '003',
    summary: 'shadow installs of the catalogue on a provisioned, capped sandbox pool each period; installs reserve the per-step profile × 1.2 (declared until profiled)',
    options: shadowProfiling.options,
    check: shadowProfiling.check,
    create: shadowProfiling.create,
  },
  {
    name: 'pre-configuration',
    seed: '004',
    summary: 'jobs reserved from a nearest-neighbour model of their metadata; images and data pre-pulled by forecast share; memory/cpu adjusted as used; high priority reclaims low; weighted cost/latency/packing score',
    options: preConfiguration.options,
    create: preConfiguration.create,
  },
  {
    name: 'vpa',
    seed: 'reference',
    summary: 'Kubernetes VPA: per-application decaying histogram of used/requested; cpu p90, mem p95, +15 %; OOM bumps memory',
    options: vpa.options,
    create: vpa.create,
  },
  {
    name: 'autopilot',
    seed: 'reference',
    summary: 'Google Autopilot: per-application moving-window peaks of used/requested; cpu p95, mem max, +10 %',
    options: autopilot.options,
    create: autopilot.create,
  },
  {
    name: 'pinned',
    seed: 'reference',
    summary: "replay: each item on the instance its `pin` names, over-committing if need be",
    options: noOptions,
    create: pinned.create,
  },
];

export function findStrategy(name: string): StrategyEntry | undefined {
  return STRATEGIES.find((s) => s.name === name);
}
