/**
 * Output files are written whole or not at all (DESIGN §5): each goes to a temporary name in the
 * same folder and is renamed into place once every file of the set has been written.
 */
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'fast-csv';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';

export type Cell = string | number;

/** Formats a number for CSV: integers as they are, others to 6 decimals without trailing zeros. */
export function cell(x: number | string | undefined): string {
  if (x === undefined) return '';
  if (typeof x === 'string') return x;
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '' : String(x);
  // Float noise around zero (an integral's last step) prints as 0, never as -0.
  if (Math.abs(x) < 5e-7) return '0';
  if (Number.isInteger(x)) return String(x);
  // Not an integer, so below 2^53: fixed notation, with a point.
  const s = x.toFixed(6);
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--; // trailing '0'
  if (s.charCodeAt(end - 1) === 46) end--; // a '.' left bare
  return s.slice(0, end);
}

export class OutputSet {
  private readonly pending: [string, string][] = [];
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  private temp(name: string): string {
    const final = join(this.dir, name);
    mkdirSync(dirname(final), { recursive: true });
    const tmp = `${final}.tmp-${process.pid}`;
    this.pending.push([tmp, final]);
    return tmp;
  }

  text(name: string, content: string): void {
    writeFileSync(this.temp(name), content);
  }

  json(name: string, value: unknown): void {
    this.text(name, `${JSON.stringify(value, null, 2)}\n`);
  }

  /** Streams rows (arrays of cells, header first) through fast-csv into the file. */
  async csv(name: string, header: readonly string[], rows: Iterable<readonly Cell[]>): Promise<void> {
    const tmp = this.temp(name);
    const csv = format({ headers: [...header], writeHeaders: true });
    // A large buffer before the file: a million-row items.csv otherwise waits on a write to the
    // disk every few hundred rows.
    const written = pipeline(csv, createWriteStream(tmp, { highWaterMark: 1 << 20 }));
    // Awaited below; a failure while rows are still being written must not count as unhandled.
    written.catch(() => {});
    // Rows go straight into the formatter, pausing while its buffer is full.
    try {
      for (const r of rows) {
        if (!csv.write(r.map(cell))) await Promise.race([once(csv, 'drain'), written]);
      }
      csv.end();
    } catch (e) {
      // A row that could not be made, or the file failing: either way the pipeline ends with it.
      csv.destroy(e as Error);
    }
    await written;
  }

  /** Moves every file into place. */
  commit(): string[] {
    const done: string[] = [];
    for (const [tmp, final] of this.pending) {
      renameSync(tmp, final);
      done.push(final);
    }
    this.pending.length = 0;
    return done;
  }

  /** Removes the temporary files of a set that failed. */
  abandon(): void {
    for (const [tmp] of this.pending) rmSync(tmp, { force: true });
    this.pending.length = 0;
  }
}
