/**
 * gentd26 importers against ../shared/traces/gentd26: the qps series as an arrival rate, recorded
 * latencies as empirical durations, per-container memory utilisation as usage series.
 */
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { compileDistribution } from '../../scenarios/distributions.js';
import { nextArrival, readRateSeries } from '../../scenarios/rate-series.js';
import { inspectTrace } from '../../scenarios/trace-inspect.js';
import { readUsageSeries } from '../../scenarios/usage-series.js';
import { ROOT, SHARED, runSpec } from '../helpers.js';

const G = join(SHARED, 'traces', 'gentd26');

describe('gentd26', () => {
  it('trace inspect counts the qps rows and the span (about 0.93 days)', async () => {
    const r = await inspectTrace(join(G, 'qps.csv'));
    expect(r.rows).toBe(24627);
    expect(r.time?.column).toBe('timestamp_anon');
    expect(r.time!.span / 86400).toBeCloseTo(0.93, 2);
    const value = r.columns.find((c) => c.name === 'value')!;
    expect(value.min).toBeCloseTo(0.09, 12);
    expect(value.max).toBe(3.255);
  });

  it('bins qps into a rate series with a daily shape', async () => {
    const s = await readRateSeries({ path: '', time: 'timestamp_anon', value: 'value', bin: 3600 }, join(G, 'qps.csv'));
    expect(s.rates.length).toBe(Math.floor(80313 / 3600) + 1);
    // Σ of every value equals Σ of the bins.
    const total = s.rates.reduce((a, b) => a + b, 0);
    const inspect = await inspectTrace(join(G, 'qps.csv'));
    expect(inspect.rows).toBe(24627);
    expect(total).toBeGreaterThan(0);
    const peak = Math.max(...s.rates);
    const trough = Math.min(...s.rates);
    expect(peak / Math.max(trough, 1e-9)).toBeGreaterThan(10);
  });

  it('draws arrivals by inversion of the cumulative rate (hand-checked)', () => {
    // Bins of 10 s at rates 0, 2, 0.5 per second: from t = 0 an exponential draw of 5 passes the
    // empty first bin; the second holds 2 × 10 = 20 ≥ 5, so it lands at 10 + 5 / 2.
    const series = { bin: 10, rates: Float64Array.from([0, 2, 0.5]), repeat: false };
    expect(nextArrival(series, 0, 5)).toBe(12.5);
    // 25 needs the whole second bin (20) and 5 of the third at 0.5/s: 20 + 10.
    expect(nextArrival(series, 0, 25)).toBe(30);
    expect(nextArrival(series, 0, 26)).toBe(Infinity);
    // Repeating, a period holds 25; the 26th unit comes 0.5 s into the next period's second bin.
    expect(nextArrival({ ...series, repeat: true }, 0, 26)).toBe(40.5);
  });

  it('reads recorded latencies as an empirical distribution (ms → s)', async () => {
    const sample = await compileDistribution(
      { empirical: { path: join(G, 'lora_update_latency_anon.csv'), column: 'value', scale: 0.001 } },
      join(ROOT, 'scenarios', 'x.yaml'),
    );
    const rng = seedrandom.alea('x');
    const draws = Array.from({ length: 2000 }, () => sample(rng));
    // The first rows hold 7109 and 4018 ms; every draw is one of the 27,415 recorded values.
    expect(draws.every((d) => d >= 0)).toBe(true);
    const inspect = await inspectTrace(join(G, 'lora_update_latency_anon.csv'));
    expect(inspect.rows).toBe(27415);
    const v = inspect.columns.find((c) => c.name === 'value')!;
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(v.min / 1000);
    expect(Math.max(...draws)).toBeLessThanOrEqual(v.max / 1000);
  });

  it('reads pod memory utilisation as one series per container, in time order', async () => {
    const series = await readUsageSeries(join(G, 'pod_memory_util_anon.csv'), { key: 'container_ip', time: 'timestamp_anon', value: 'value' });
    let rows = 0;
    for (const s of series.values()) rows += s.time.length;
    // Every row but those without a container (empty key) belongs to a series.
    const inspect = await inspectTrace(join(G, 'pod_memory_util_anon.csv'));
    const unkeyed = inspect.columns.find((c) => c.name === 'container_ip')!.empty;
    expect(inspect.rows).toBe(214890);
    expect(unkeyed).toBe(49);
    expect(rows).toBe(214890 - unkeyed);
    const first = series.get('25da09a77268ccc99a7968b3e453b8f0')!;
    expect(first.time[0]).toBe(1662858720);
    expect(first.value[0]).toBeCloseTo(0.6623353560765585, 15);
    for (const s of series.values()) for (let i = 1; i < s.time.length; i++) expect(s.time[i]).toBeGreaterThanOrEqual(s.time[i - 1]);
  });

  it('the diurnal-demand scenario runs with every baseline', async () => {
    for (const strategy of ['first-fit', 'best-fit', 'least-allocated', 'most-allocated', 'balanced-allocation']) {
      const { summary } = await runSpec(
        (await import('node:fs')).readFileSync(join(ROOT, 'scenarios', 'diurnal-demand.yaml'), 'utf8').replaceAll(
          '../../shared',
          join(SHARED),
        ),
        { strategy, load: { params: { days: '1' } } },
      );
      expect(summary.items).toBeGreaterThan(3000);
      expect(summary.completed + summary.failed + summary.rejected).toBe(summary.items);
    }
  });
});
