/**
 * vpa — reference: the Kubernetes Vertical Pod Autoscaler's recommender. Per application, a
 * decaying histogram (24 h half-life) of the used fraction of each request; reserve cpu at the
 * 90th percentile and memory at the 95th, plus 15 %; OOM bumps memory by 20 %.
 */
import { DecayingHistogram } from './predictors/decaying-histogram.js';
import { RightsizingStrategy } from './rightsizing.js';
import { z } from 'zod';
import { count, fraction, nonNegative, positive } from './options.js';

export const options = z
  .object({ halfLife: positive.optional(), cpuPercentile: fraction.optional(), memPercentile: fraction.optional(), margin: nonNegative.optional(), minSamples: count.optional() })
  .strict();

export const create = (raw: Readonly<Record<string, unknown>> = {}) => {
  const o = raw as z.infer<typeof options>;
  return new RightsizingStrategy({
    name: 'vpa',
    predictor: () => new DecayingHistogram(o.halfLife ?? 86400, 0.01, 1.05, 200),
    quantile: { cpu: o.cpuPercentile ?? 0.9, mem: o.memPercentile ?? 0.95 },
    margin: o.margin ?? 0.15,
    minSamples: o.minSamples ?? 20,
    retryDelay: 30,
    maxRetries: 3,
  });
};
