/**
 * `fleetlab trace inspect <file>`: what a CSV trace holds before a scenario maps it — columns, row
 * count, time span, and per numeric column min / median / max. Streamed with bounded memory: the
 * median is exact up to SAMPLE rows and taken from a uniform reservoir sample beyond.
 */
import { quantileSorted } from 'd3';
import seedrandom from 'seedrandom';
import { csvRows } from './csv.js';
import { InputError } from './input-error.js';
import { F, SWF_FIELDS, processorsPerNode, readSwfHeader, swfJobs } from './swf.js';

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
  /** For SWF logs: the header fields, and whether the size field counts processors. */
  swf?: { header: Record<string, string>; processorsPerNode: number };
}

/** Streaming per-column statistics with a reservoir sample for the median. */
class ColumnAccumulator {
  readonly stats: ColumnStats;
  private sample = new Float64Array(SAMPLE);
  private seen = 0;
  constructor(name: string, private readonly rng: () => number) {
    this.stats = { name, numeric: 0, empty: 0, text: 0, min: Infinity, median: NaN, max: -Infinity };
  }
  add(v: number): void {
    const s = this.stats;
    s.numeric++;
    if (v < s.min) s.min = v;
    if (v > s.max) s.max = v;
    // Reservoir sampling keeps a uniform sample of the column's values in fixed memory.
    const k = this.seen++;
    if (k < SAMPLE) this.sample[k] = v;
    else {
      const j = Math.floor(this.rng() * (k + 1));
      if (j < SAMPLE) this.sample[j] = v;
    }
  }
  finish(): ColumnStats {
    const n = Math.min(this.seen, SAMPLE);
    if (n > 0) this.stats.median = quantileSorted(this.sample.subarray(0, n).sort() as unknown as number[], 0.5) ?? NaN;
    return this.stats;
  }
}

/** An SWF log: header fields and the 18 fields' statistics (-1 counted as empty). */
async function inspectSwf(path: string): Promise<TraceInspection> {
  const header = await readSwfHeader(path);
  const rng = seedrandom.alea('inspect');
  const columns = SWF_FIELDS.map((name) => new ColumnAccumulator(name, rng));
  let rows = 0;
  for await (const job of swfJobs(path)) {
    rows++;
    for (let i = 0; i < 18; i++) {
      const v = job.values[i];
      if (v === -1) columns[i].stats.empty++;
      else columns[i].add(v);
    }
  }
  const submit = columns[F.submit].finish();
  const stats = columns.map((c, i) => (i === F.submit ? submit : c.finish()));
  return {
    path,
    rows,
    columns: stats,
    sampled: rows > SAMPLE,
    time: submit.numeric > 0 ? { column: 'submit', first: submit.min, last: submit.max, span: submit.max - submit.min } : undefined,
    swf: { header: header.fields, processorsPerNode: processorsPerNode(header) },
  };
}

const TIME_COLUMN = /^(at|time|timestamp.*|.*_time|submit.*|creation.*|arrival.*)$/i;

export async function inspectTrace(path: string, delimiter?: string): Promise<TraceInspection> {
  if (/\.swf(\.gz)?$/i.test(path)) return inspectSwf(path);
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
