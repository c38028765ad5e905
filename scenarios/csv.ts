/**
 * Streaming CSV reading with fast-csv: rows are handed over in batches as they are parsed, or one
 * at a time (gzip read transparently), so a trace is never held in memory whole. Errors name the
 * file and line.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse, type ParserOptionsArgs } from 'fast-csv';
import { InputError } from './input-error.js';

export interface CsvReadOptions {
  delimiter?: string;
  /** Trim spaces and tabs around values (the GWA layout separates with ";\t"). */
  trim?: boolean;
}

/** Rows of a CSV file in the order read, and the line number of the first (the header is line 1). */
export interface CsvBatch {
  rows: Record<string, string>[];
  firstLine: number;
}

/**
 * Opens a file as a stream of header-keyed rows, handed over in batches of what the parser has
 * ready (at most `size`): a consumer that takes a row at a time from an async iterator pays a
 * promise per row, about half again the parsing itself.
 */
export async function* csvBatches(path: string, options: CsvReadOptions = {}, size = 1024): AsyncGenerator<CsvBatch> {
  if (!existsSync(path)) throw new InputError(`${path}: file not found`);
  if (statSync(path).isDirectory()) throw new InputError(`${path}: is a folder, expected a CSV file`);
  const file = createReadStream(path);
  let input: NodeJS.ReadableStream = file;
  if (path.endsWith('.gz')) input = input.pipe(createGunzip());
  const parserOptions: ParserOptionsArgs = {
    headers: (h) => h.map((x) => x?.trim()),
    delimiter: options.delimiter ?? ',',
    trim: options.trim ?? true,
    ignoreEmpty: true,
    strictColumnHandling: false,
    discardUnmappedColumns: true,
  };
  const parser = input.pipe(parse(parserOptions));
  // pipe() does not forward errors: a read or gunzip failure must end the parse, not the process.
  let failure: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const fail = (e: Error) => {
    failure ??= e;
    notify();
  };
  file.on('error', fail);
  if (input !== file) input.on('error', fail);
  parser.on('error', fail);
  parser.on('readable', notify);
  parser.on('end', () => {
    ended = true;
    notify();
  });
  let line = 1;
  try {
    for (;;) {
      const rows: Record<string, string>[] = [];
      let row: Record<string, string> | null;
      while (rows.length < size && (row = parser.read()) !== null) rows.push(row);
      if (rows.length > 0) {
        yield { rows, firstLine: line + 1 };
        line += rows.length;
        continue;
      }
      if (failure !== undefined) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new InputError(`${path}: file not found`);
    throw new InputError(`${path}: line ${line + 1}: ${err.message}`);
  } finally {
    // A consumer that stops early (a trace with a limit) must not leave the file open.
    parser.destroy();
    file.destroy();
  }
}

/** Opens a file as a stream of header-keyed rows; yields [row, line number]. */
export async function* csvRows(path: string, options: CsvReadOptions = {}): AsyncGenerator<[Record<string, string>, number]> {
  for await (const { rows, firstLine } of csvBatches(path, options)) {
    for (let k = 0; k < rows.length; k++) yield [rows[k], firstLine + k];
  }
}

/** Reads a number from a row, or throws an InputError naming file, line and column. */
export function numberAt(row: Record<string, string>, column: string, path: string, line: number): number {
  const text = row[column];
  if (text === undefined) {
    throw new InputError(`${path}: missing column "${column}"; columns found: ${Object.keys(row).join(', ')}`);
  }
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) {
    throw new InputError(`${path}: line ${line}, column ${column}: expected a number, found "${text}"`);
  }
  return v;
}
