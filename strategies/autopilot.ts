/**
 * autopilot — reference: Google Autopilot's moving-window recommender. Per application, the peak
 * used fraction of each request in 5-minute windows over the last 48 windows; reserve the 95th
 * percentile of window peaks for cpu and their max for memory, plus 10 %; OOM bumps memory by 20 %.
 */
import { MovingWindow } from './predictors/moving-window.js';
import { RightsizingStrategy } from './rightsizing.js';

export const create = (options: Readonly<Record<string, unknown>> = {}) =>
  new RightsizingStrategy({
    name: 'autopilot',
    predictor: () => new MovingWindow(Number(options.window ?? 300), Number(options.windows ?? 48)),
    quantile: { cpu: Number(options.cpuPercentile ?? 0.95), mem: 1 },
    margin: Number(options.margin ?? 0.1),
    minSamples: Number(options.minSamples ?? 20),
    retryDelay: 30,
    maxRetries: 3,
  });
