/**
 * Per-container usage series from a recorded trace (gentd26's pod_memory_util, Bitbrains VM
 * files): for each key (container, VM), its samples in time order. The input of usage
 * recommenders — they learn from the early part and are scored on the rest. Streamed; the series
 * themselves are kept, as typed arrays.
 */
import { csvRows, numberAt } from './csv.js';
import { InputError } from './input-error.js';

export interface UsageSeries {
  key: string;
  time: Float64Array;
  value: Float64Array;
}

export interface UsageSeriesSpec {
  key: string;
  time: string;
  value: string;
  delimiter?: string;
}

export async function readUsageSeries(path: string, spec: UsageSeriesSpec): Promise<Map<string, UsageSeries>> {
  const grow = new Map<string, { t: number[]; v: number[] }>();
  for await (const [row, line] of csvRows(path, { delimiter: spec.delimiter })) {
    const key = row[spec.key];
    if (key === undefined) throw new InputError(`${path}: missing column "${spec.key}"; columns found: ${Object.keys(row).join(', ')}`);
    if (key === '') continue;
    let s = grow.get(key);
    if (s === undefined) grow.set(key, (s = { t: [], v: [] }));
    s.t.push(numberAt(row, spec.time, path, line));
    s.v.push(numberAt(row, spec.value, path, line));
  }
  const out = new Map<string, UsageSeries>();
  for (const [key, s] of grow) {
    // Sort by time (stable): recorded files are not always in order per key.
    const order = s.t.map((_, i) => i).sort((a, b) => s.t[a] - s.t[b] || a - b);
    out.set(key, { key, time: Float64Array.from(order, (i) => s.t[i]), value: Float64Array.from(order, (i) => s.v[i]) });
  }
  return out;
}
