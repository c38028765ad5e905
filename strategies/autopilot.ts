/**
 * autopilot — reference: Google Autopilot's moving-window recommender. Per application, the peak
 * used fraction of each request in 5-minute windows over the last 48 windows; reserve the 95th
 * percentile of window peaks for cpu and their max for memory, plus 10 %; OOM bumps memory by 20 %.
 */
import { MovingWindow } from './predictors/moving-window.js';
import { RightsizingStrategy } from './rightsizing.js';
import { z } from 'zod';
import { count, fraction, nonNegative, positive } from './options.js';

export const options = z
  .object({ window: positive.optional(), windows: z.number().int().positive().optional(), cpuPercentile: fraction.optional(), margin: nonNegative.optional(), minSamples: count.optional() })
  .strict();

export const create = (raw: Readonly<Record<string, unknown>> = {}) => {
  const o = raw as z.infer<typeof options>;
  return new RightsizingStrategy({
    name: 'autopilot',
    predictor: () => new MovingWindow(o.window ?? 300, o.windows ?? 48),
    quantile: { cpu: o.cpuPercentile ?? 0.95, mem: 1 },
    margin: o.margin ?? 0.1,
    minSamples: o.minSamples ?? 20,
    retryDelay: 30,
    maxRetries: 3,
  });
};
