/**
 * vpa — reference: the Kubernetes Vertical Pod Autoscaler's recommender. Per application, a
 * decaying histogram (24 h half-life) of the used fraction of each request; reserve cpu at the
 * 90th percentile and memory at the 95th, plus 15 %; OOM bumps memory by 20 %.
 */
import { DecayingHistogram } from './predictors/decaying-histogram.js';
import { RightsizingStrategy } from './rightsizing.js';

export const create = (options: Readonly<Record<string, unknown>> = {}) =>
  new RightsizingStrategy({
    name: 'vpa',
    predictor: () => new DecayingHistogram(Number(options.halfLife ?? 86400), 0.01, 1.05, 200),
    quantile: { cpu: Number(options.cpuPercentile ?? 0.9), mem: Number(options.memPercentile ?? 0.95) },
    margin: Number(options.margin ?? 0.15),
    minSamples: Number(options.minSamples ?? 20),
    retryDelay: 30,
    maxRetries: 3,
  });
