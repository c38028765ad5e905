/**
 * Writes a comparison's outputs (DESIGN §5): summary.csv (one row per strategy and metric: mean,
 * interval, paired difference to the baseline), runs.csv (one row per strategy × seed),
 * timeseries.csv, report.json and report.html — all or none.
 */
import { OutputSet } from './files.js';
import { renderReport, type ReportInput } from './html.js';
import { summaryCsv } from './run-outputs.js';

export const SUMMARY_COLUMNS = ['strategy', 'metric', 'n', 'mean', 'low', 'high', 'diff', 'diffLow', 'diffHigh'] as const;

export async function writeComparison(dir: string, input: ReportInput): Promise<string[]> {
  const out = new OutputSet(dir);
  try {
    // Only simulated quantities here (no wall time), so this file is the same whatever the machine.
    await out.csv(
      'summary.csv',
      SUMMARY_COLUMNS,
      input.rows.map((r) => SUMMARY_COLUMNS.map((c) => (r[c] === undefined ? '' : r[c]))),
    );
    const runs = summaryCsv(input.records.map((r) => r.summary));
    await out.csv('runs.csv', runs.header, runs.rows);
    const first = input.records[0]?.series.columns ?? [];
    await out.csv(
      'timeseries.csv',
      ['strategy', 'seed', ...first],
      (function* () {
        for (const r of input.records) for (const row of r.series.rows) yield [r.summary.strategy, r.summary.seed, ...row];
      })(),
    );
    out.json('report.json', {
      scenario: input.scenario,
      baseline: input.baseline,
      strategies: input.strategies,
      provenance: input.provenance,
      metrics: input.rows,
      runs: input.records.map((r) => ({ ...r.summary, waitQuantiles: r.waitQuantiles, readyQuantiles: r.readyQuantiles })),
    });
    out.text('report.html', await renderReport(input));
    return out.commit();
  } catch (e) {
    out.abandon();
    throw e;
  }
}
