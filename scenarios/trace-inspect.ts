/**
 * `fleetlab trace inspect <file>`: what a CSV trace holds before a scenario maps it — columns, row
 * count, time span, and per numeric column min / median / max. Streamed with bounded memory: the
 * median is exact up to SAMPLE rows and taken from a uniform reservoir sample beyond.
 */
import { quantileSorted } from 'd3';
import seedrandom from 'seedrandom';
import { csvRows } from './csv.js';
import { InputError } from './input-error.js';

const SAMPLE = 100_000;

export interface ColumnStats {
  name: string;
  numeric: number;
  empty: number;
  text: number;
  min: number;
  median: number;
  max: number;
}

export interface TraceInspection {
  path: string;
  rows: number;
  columns: ColumnStats[];
  /** The column taken as time, and its span. */
  time?: { column: string; first: number; last: number; span: number };
  /** Whether medians come from a sample (rows > SAMPLE). */
  sampled: boolean;
}

const TIME_COLUMN = /^(at|time|timestamp.*|.*_time|submit.*|creation.*|arrival.*)$/i;

export async function inspectTrace(path: string, delimiter?: string): Promise<TraceInspection> {
  let names: string[] | undefined;
  let stats: ColumnStats[] = [];
  let samples: Float64Array[] = [];
  let counts: number[] = [];
  let rows = 0;
  const rng = seedrandom.alea('inspect');
  for await (const [row] of csvRows(path, { delimiter })) {
    if (names === undefined) {
      names = Object.keys(row);
      stats = names.map((name) => ({ name, numeric: 0, empty: 0, text: 0, min: Infinity, median: NaN, max: -Infinity }));
      samples = names.map(() => new Float64Array(SAMPLE));
      counts = names.map(() => 0);
    }
    rows++;
    for (let c = 0; c < names.length; c++) {
      const text = row[names[c]];
      const s = stats[c];
      if (text === undefined || text === '') {
        s.empty++;
        continue;
      }
      const v = Number(text);
      if (!Number.isFinite(v)) {
        s.text++;
        continue;
      }
      s.numeric++;
      if (v < s.min) s.min = v;
      if (v > s.max) s.max = v;
      // Reservoir sampling keeps a uniform sample of the column's values in fixed memory.
      const k = counts[c]++;
      if (k < SAMPLE) samples[c][k] = v;
      else {
        const j = Math.floor(rng() * (k + 1));
        if (j < SAMPLE) samples[c][j] = v;
      }
    }
  }
  if (names === undefined) throw new InputError(`${path}: no rows (or no header)`);
  for (let c = 0; c < stats.length; c++) {
    const n = Math.min(counts[c], SAMPLE);
    if (n > 0) stats[c].median = quantileSorted(samples[c].subarray(0, n).sort() as unknown as number[], 0.5) ?? NaN;
  }
  const timeCol = stats.find((s) => TIME_COLUMN.test(s.name) && s.numeric > 0);
  return {
    path,
    rows,
    columns: stats,
    sampled: rows > SAMPLE,
    time: timeCol ? { column: timeCol.name, first: timeCol.min, last: timeCol.max, span: timeCol.max - timeCol.min } : undefined,
  };
}
