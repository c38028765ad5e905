/**
 * The report's charts as vega-lite specifications, compiled and rendered to SVG in Node with vega
 * (no browser, no network: the SVG is inlined in report.html).
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { COMPARED_METRICS, type MetricRow } from './comparison.js';
import { CDF_POINTS, type RunRecord } from './run-record.js';

type Spec = TopLevelSpec;

export async function renderSvg(spec: Spec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const label = (key: string) => COMPARED_METRICS.find((m) => m.key === key)?.label ?? key;

/** One colour per strategy, the same in every chart (the domain fixes the order). */
const colour = (strategies: readonly string[], legend = true) => ({
  field: 'strategy',
  type: 'nominal',
  scale: { domain: [...strategies], scheme: 'tableau10' },
  ...(legend ? {} : { legend: null }),
});

/** Mean and 95 % interval of a few key metrics, one small panel each. */
export function keyMetricsSpec(rows: readonly MetricRow[], metrics: readonly string[], strategies: readonly string[]): Spec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Key metrics per strategy (mean and 95 % interval over seeds)',
    hconcat: metrics.map((metric) => ({
      width: 170,
      height: { step: 22 },
      data: { values: rows.filter((r) => r.metric === metric) },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            y: { field: 'strategy', type: 'nominal', sort: null, title: null },
            x: { field: 'low', type: 'quantitative', title: label(metric), scale: { zero: false } },
            x2: { field: 'high' },
            color: colour(strategies, false),
          },
        },
        {
          mark: { type: 'point', filled: true, size: 60 },
          encoding: {
            y: { field: 'strategy', type: 'nominal', sort: null },
            x: { field: 'mean', type: 'quantitative' },
            color: colour(strategies, false),
          },
        },
      ],
    })),
  } as Spec;
}

/** Empirical CDF of wait or time-to-ready per strategy (quantiles averaged over seeds). */
export function cdfSpec(
  records: readonly RunRecord[],
  which: 'waitQuantiles' | 'readyQuantiles',
  title: string,
  strategies: readonly string[],
): Spec {
  const values: { strategy: string; seconds: number; probability: number }[] = [];
  for (const strategy of strategies) {
    const runs = records.filter((r) => r.summary.strategy === strategy && r[which].length === CDF_POINTS);
    if (runs.length === 0) continue;
    for (let k = 0; k < CDF_POINTS; k++) {
      const seconds = runs.reduce((a, r) => a + r[which][k], 0) / runs.length;
      values.push({ strategy, seconds, probability: k / (CDF_POINTS - 1) });
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 340,
    height: 240,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'seconds', type: 'quantitative', scale: { type: 'symlog' }, title: 'seconds (symlog)' },
      y: { field: 'probability', type: 'quantitative', title: 'fraction of items' },
      color: colour(strategies),
    },
  } as Spec;
}

/** One time-series column over time per strategy, for one seed. */
export function seriesSpec(
  records: readonly RunRecord[],
  column: string,
  seed: number,
  title: string,
  strategies: readonly string[],
): Spec {
  const values: { strategy: string; time: number; value: number }[] = [];
  for (const r of records) {
    if (r.summary.seed !== seed) continue;
    const c = r.series.columns.indexOf(column);
    if (c < 0) continue;
    for (const row of r.series.rows) values.push({ strategy: r.summary.strategy, time: row[0] / 3600, value: row[c] });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${title} (seed ${seed})`,
    width: 340,
    height: 200,
    data: { values },
    mark: { type: 'line', strokeWidth: 1.2 },
    encoding: {
      x: { field: 'time', type: 'quantitative', title: 'hours' },
      y: { field: 'value', type: 'quantitative', title: column },
      color: colour(strategies),
    },
  } as Spec;
}

/** Slack against failures, one point per strategy: the trade-off that prediction moves. */
export function paretoSpec(rows: readonly MetricRow[], strategies: readonly string[]): Spec {
  const values = strategies.map((strategy) => {
    const get = (m: string) => rows.find((r) => r.strategy === strategy && r.metric === m)?.mean ?? NaN;
    return { strategy, slack: get('slack.cpu'), failure: 1 - get('successRate') };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Slack vs failures (means over seeds; lower-left is better)',
    width: 340,
    height: 240,
    data: { values },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 90 },
        encoding: {
          x: { field: 'slack', type: 'quantitative', title: 'cpu slack (reserved − used) / reserved', scale: { zero: false } },
          y: { field: 'failure', type: 'quantitative', title: 'failure rate (1 − success)', scale: { zero: false } },
          color: colour(strategies),
        },
      },
      {
        mark: { type: 'text', dx: 8, align: 'left', fontSize: 10 },
        encoding: {
          x: { field: 'slack', type: 'quantitative' },
          y: { field: 'failure', type: 'quantitative' },
          text: { field: 'strategy' },
        },
      },
    ],
  } as Spec;
}
