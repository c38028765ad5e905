/**
 * `fleetlab compare` end to end: results do not depend on the number of worker threads, the report
 * is one self-contained file, and the outputs have the shape DESIGN §5 gives.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPARED_METRICS } from '../../reports/comparison.js';
import { cli, readCsv, tempDir } from '../helpers.js';

const ARGS = ['compare', 'scenarios/default.yaml', '--seeds', '3', '--param', 'jobs=800'];

describe('fleetlab compare', () => {
  const one = tempDir();
  const two = tempDir();
  const r1 = cli([...ARGS, '--jobs', '1', '--out', one]);
  const r2 = cli([...ARGS, '--jobs', '2', '--out', two]);

  it('succeeds and prints the table and the report path', () => {
    expect(r1.code, r1.stderr).toBe(0);
    expect(r2.code, r2.stderr).toBe(0);
    expect(r1.stdout).toMatch(/^first-fit\s/m);
    expect(r1.stdout).toContain(`report: ${join(one, 'report.html')}`);
    // Not a terminal: no progress bar.
    expect(r1.stderr).toBe('');
  });

  it('--jobs 1 and --jobs 2 give byte-identical summary.csv and timeseries.csv', () => {
    for (const f of ['summary.csv', 'timeseries.csv']) {
      expect(readFileSync(join(one, f), 'utf8')).toBe(readFileSync(join(two, f), 'utf8'));
    }
  });

  it('summary.csv has every strategy × metric, the baseline without a difference', () => {
    const rows = readCsv(join(one, 'summary.csv'));
    expect(rows).toHaveLength(5 * COMPARED_METRICS.length);
    const base = rows.filter((r) => r.strategy === 'first-fit');
    expect(base.every((r) => r.diff === '' && r.n === '3')).toBe(true);
    const other = rows.find((r) => r.strategy === 'least-allocated' && r.metric === 'wait.mean')!;
    expect(Number(other.diffLow)).toBeLessThanOrEqual(Number(other.diff));
    expect(Number(other.diff)).toBeLessThanOrEqual(Number(other.diffHigh));
  });

  it('runs.csv has one row per strategy × seed', () => {
    const runs = readCsv(join(one, 'runs.csv'));
    expect(runs.map((r) => `${r.strategy}/${r.seed}`)).toEqual(
      ['first-fit', 'best-fit', 'least-allocated', 'most-allocated', 'balanced-allocation'].flatMap((s) => [1, 2, 3].map((k) => `${s}/${k}`)),
    );
  });

  it('report.html is self-contained: inline SVG charts, nothing fetched', () => {
    const html = readFileSync(join(one, 'report.html'), 'utf8');
    expect(html.match(/<figure class="chart"/g)).toHaveLength(6);
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(6);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(http/);
    const urls = [...html.matchAll(/https?:\/\/[^\s"')<]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
    expect(html).toContain('fleetlab compare scenarios/default.yaml --seeds 3');
  });

  it('report.json holds the metrics and every run', () => {
    const report = JSON.parse(readFileSync(join(one, 'report.json'), 'utf8'));
    expect(report.baseline).toBe('first-fit');
    expect(report.runs).toHaveLength(15);
    expect(report.runs[0].waitQuantiles).toHaveLength(101);
  });

  it('exits 1 for a baseline that is not compared', () => {
    const r = cli(['compare', 'scenarios/default.yaml', '--strategies', 'best-fit', '--baseline', 'first-fit', '--out', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/baseline "first-fit" is not among the compared strategies \(best-fit\)/);
  });
});
