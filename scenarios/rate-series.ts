/**
 * Arrival rates read from a recorded series (e.g. gentd26's qps.csv): rows binned in time, the
 * rate of a bin being `scale × aggregate(values in the bin)` arrivals per second. A generator with
 * such a rate is a non-homogeneous Poisson process, drawn by inversion of the cumulative rate, so
 * one exponential draw per arrival keeps the streams aligned across strategies.
 *
 *     rate:
 *       series: {path: qps.csv, time: timestamp_anon, value: value, bin: 600,
 *                aggregate: sum, scale: 0.01, repeat: true}
 */
import { z } from 'zod';
import { csvRows, numberAt } from './csv.js';
import { InputError } from './input-error.js';

export const rateSeriesSpec = z
  .object({
    path: z.string(),
    time: z.string(),
    value: z.string(),
    /** Bin width, seconds. */
    bin: z.number().positive(),
    aggregate: z.enum(['sum', 'mean', 'max']).optional(),
    scale: z.number().positive().optional(),
    /** Start the series over when it ends (a one-day series for a week-long run). */
    repeat: z.boolean().optional(),
    delimiter: z.string().optional(),
  })
  .strict();
export type RateSeriesSpec = z.infer<typeof rateSeriesSpec>;

export interface RateSeries {
  bin: number;
  /** Arrivals per second in each bin. */
  rates: Float64Array;
  repeat: boolean;
}

export async function readRateSeries(spec: RateSeriesSpec, path: string): Promise<RateSeries> {
  const sums: number[] = [];
  const counts: number[] = [];
  const maxes: number[] = [];
  let origin: number | undefined;
  for await (const [row, line] of csvRows(path, { delimiter: spec.delimiter })) {
    const t = numberAt(row, spec.time, path, line);
    const v = numberAt(row, spec.value, path, line);
    origin ??= t;
    if (t < origin) throw new InputError(`${path}: line ${line}, column ${spec.time}: ${t} is before the first row's ${origin}; expected rows in time order`);
    const b = Math.floor((t - origin) / spec.bin);
    while (sums.length <= b) {
      sums.push(0);
      counts.push(0);
      maxes.push(0);
    }
    sums[b] += v;
    counts[b]++;
    if (v > maxes[b]) maxes[b] = v;
  }
  if (sums.length === 0) throw new InputError(`${path}: the rate series has no rows`);
  const scale = spec.scale ?? 1;
  const how = spec.aggregate ?? 'sum';
  const rates = Float64Array.from(sums, (s, b) => scale * (how === 'sum' ? s : how === 'max' ? maxes[b] : counts[b] ? s / counts[b] : 0));
  return { bin: spec.bin, rates, repeat: spec.repeat ?? false };
}

/**
 * The next arrival after `t` for a unit-exponential draw `e`: the time at which the integrated
 * rate from t grows by e. Infinity when the series ends first (and does not repeat).
 */
export function nextArrival(series: RateSeries, t: number, e: number): number {
  const { bin, rates } = series;
  const period = rates.length * bin;
  let left = e;
  let now = t;
  // A series of zeros that repeats would loop for ever: give up after one empty period.
  let emptyFor = 0;
  for (;;) {
    let b = Math.floor(now / bin);
    if (b >= rates.length) {
      if (!series.repeat) return Infinity;
      b %= rates.length;
    }
    const binEnd = (Math.floor(now / bin) + 1) * bin;
    const rate = rates[b];
    const capacity = rate * (binEnd - now);
    if (rate > 0 && capacity >= left) return now + left / rate;
    left -= capacity;
    emptyFor = rate > 0 ? 0 : emptyFor + (binEnd - now);
    if (emptyFor > period) return Infinity;
    now = binEnd;
  }
}
