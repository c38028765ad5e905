/** When a generator's items arrive: Poisson at a rate, a recorded rate series, or any renewal process. */
import { dirname, resolve } from 'node:path';
import type { Rng } from '../../sim/random.js';
import { compileDistribution } from '../distributions.js';
import { nextArrival, readRateSeries, type RateSeriesSpec } from '../rate-series.js';

export interface ArrivalSpec {
  rate?: number | { series: RateSeriesSpec };
  interarrival?: unknown;
}

/**
 * The next arrival time after t, drawn from the arrivals stream (Infinity: no more). `speed`
 * multiplies the rate (candidates for thinning).
 */
export type NextArrival = (t: number, rng: Rng, speed?: number) => number;

export async function compileArrivals(spec: ArrivalSpec, scenarioPath: string): Promise<NextArrival> {
  const rate = spec.rate;
  if (typeof rate === 'number') return (t, rng, speed = 1) => t - Math.log(1 - rng()) / (speed === 1 ? rate : rate * speed);
  if (rate !== undefined) {
    const series = await readRateSeries(rate.series, resolve(dirname(scenarioPath), rate.series.path));
    return (t, rng, speed = 1) => nextArrival(series, t, -Math.log(1 - rng()) / speed);
  }
  const gap = await compileDistribution(spec.interarrival, scenarioPath);
  return (t, rng, speed = 1) => t + gap(rng) / speed;
}
