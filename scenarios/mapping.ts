/**
 * Column mappings of the generic trace importer: how a number is read from a CSV row, written in
 * the scenario file.
 *
 *     duration: 600                                    the same number for every row
 *     cpu: cpu_milli                                   a column as it is
 *     cpu: {column: cpu_milli, scale: 0.001}           a column times a factor (units)
 *     duration: {expr: "deletion_time - scheduled_time", default: 86400}
 *     at: {datetime: TIMESTAMP}                        "2023-11-16 18:17:04.1234567" (UTC) → seconds
 *                                                      arithmetic over columns; `default` when a
 *                                                      column it reads is empty
 */
import { z } from 'zod';
import { compileExpression } from './expression.js';
import { InputError } from './input-error.js';

export const mappedValue = z.union([
  z.number(),
  z.string(),
  z.object({ datetime: z.string() }).strict(),
  z.object({ column: z.string(), scale: z.number().optional(), default: z.number().optional() }).strict(),
  z.object({ expr: z.string(), default: z.number().optional() }).strict(),
]);
export type MappedValue = z.infer<typeof mappedValue>;

export interface CompiledMapping {
  /** Columns the mapping reads: all must exist in the file's header. */
  columns: string[];
  /** The value for a row; throws an InputError naming file, line and column. */
  read(row: Readonly<Record<string, string>>, line: number): number;
}

/**
 * Seconds since 1970 of "YYYY-MM-DD[ T]HH:MM:SS[.fraction]" (UTC unless it ends in Z or an
 * offset), keeping fractions finer than Date's milliseconds. NaN when it is not a date-time.
 */
export function parseDatetime(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return NaN;
  const ms = Date.parse(`${m[1]}T${m[2]}${m[4] ?? 'Z'}`);
  return ms / 1000 + (m[3] ? Number(`0${m[3]}`) : 0);
}

export function compileMapping(m: MappedValue, path: string, field: string): CompiledMapping {
  if (typeof m === 'number') return { columns: [], read: () => m };
  if (typeof m === 'object' && 'datetime' in m) {
    const column = m.datetime;
    return {
      columns: [column],
      read(row, line) {
        const text = row[column] ?? '';
        const t = parseDatetime(text);
        if (!Number.isFinite(t)) {
          throw new InputError(`${path}: line ${line}, column ${column}: expected a date-time like 2023-11-16 18:17:04.1234567, found "${text}"`);
        }
        return t;
      },
    };
  }
  const spec = typeof m === 'string' ? { column: m } : m;
  const fallback = spec.default;
  const cell = (row: Readonly<Record<string, string>>, line: number, column: string): number | undefined => {
    const text = row[column];
    if (text === undefined || text.trim() === '') {
      if (fallback !== undefined) return undefined;
      throw new InputError(`${path}: line ${line}, column ${column}: empty, and ${field} has no default`);
    }
    const v = Number(text);
    if (!Number.isFinite(v)) throw new InputError(`${path}: line ${line}, column ${column}: expected a number, found "${text}"`);
    return v;
  };
  if ('column' in spec) {
    const scale = 'scale' in spec && spec.scale !== undefined ? spec.scale : 1;
    const column = spec.column;
    return {
      columns: [column],
      read(row, line) {
        const v = cell(row, line, column);
        return v === undefined ? (fallback as number) : v * scale;
      },
    };
  }
  let compiled;
  try {
    compiled = compileExpression(spec.expr);
  } catch (e) {
    throw new InputError(`${field}: ${(e as Error).message}`);
  }
  const { names, evaluate } = compiled;
  const vars: Record<string, number> = {};
  return {
    columns: names,
    read(row, line) {
      for (const name of names) {
        const v = cell(row, line, name);
        if (v === undefined) return fallback as number;
        vars[name] = v;
      }
      return evaluate(vars);
    },
  };
}

/** Throws an InputError listing the columns found when a mapped column is missing from the header. */
export function requireColumns(path: string, header: readonly string[], needed: Iterable<string>): void {
  const have = new Set(header);
  for (const c of needed) {
    if (!have.has(c)) throw new InputError(`${path}: missing column "${c}"; columns found: ${header.join(', ')}`);
  }
}
