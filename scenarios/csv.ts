/**
 * Streaming CSV reading with fast-csv: rows are handed over one at a time (gzip read
 * transparently), so a trace is never held in memory whole. Errors name the file and line.
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

/** Opens a file as a stream of header-keyed rows; yields [row, line number]. */
export async function* csvRows(
  path: string,
  options: CsvReadOptions = {},
): AsyncGenerator<[Record<string, string>, number]> {
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
  const fail = (e: Error) => parser.destroy(e);
  file.on('error', fail);
  if (input !== file) input.on('error', fail);
  let line = 1;
  try {
    for await (const row of parser as AsyncIterable<Record<string, string>>) {
      line++;
      yield [row, line];
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new InputError(`${path}: file not found`);
    throw new InputError(`${path}: line ${line + 1}: ${err.message}`);
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
