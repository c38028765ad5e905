/**
 * The Standard Workload Format of the Parallel Workloads Archive: one job per line, 18
 * whitespace-separated numeric fields, -1 for "not recorded", and a header of `; Key: value`
 * comment lines (UnixStartTime, MaxNodes, MaxProcs, Note, ...). Read line by line, gzip
 * transparently.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { InputError } from './input-error.js';

export const SWF_FIELDS = [
  'job',
  'submit',
  'wait',
  'runTime',
  'allocatedProcessors',
  'averageCpuTime',
  'usedMemory',
  'requestedProcessors',
  'requestedTime',
  'requestedMemory',
  'status',
  'user',
  'group',
  'application',
  'queue',
  'partition',
  'precedingJob',
  'thinkTime',
] as const;

/** Field indices (0-based) of the 18 SWF fields. */
export const F = Object.fromEntries(SWF_FIELDS.map((name, i) => [name, i])) as Record<(typeof SWF_FIELDS)[number], number>;

export interface SwfHeader {
  /** Every `; Key: value` line; a repeated key's values joined with " | ", continuation lines appended. */
  fields: Record<string, string>;
  unixStartTime: number;
  maxNodes?: number;
  maxProcs?: number;
}

/** Processors per node: the size field counts processors when MaxProcs exceeds MaxNodes. */
export function processorsPerNode(h: SwfHeader): number {
  return h.maxNodes && h.maxProcs && h.maxProcs > h.maxNodes ? h.maxProcs / h.maxNodes : 1;
}

export interface SwfJob {
  line: number;
  values: Float64Array;
}

function open(path: string) {
  if (!existsSync(path)) throw new InputError(`${path}: file not found`);
  const file = createReadStream(path);
  const input = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  return createInterface({ input, crlfDelay: Infinity });
}

/** Reads the header (the comment lines before the first job). */
export async function readSwfHeader(path: string): Promise<SwfHeader> {
  const fields: Record<string, string> = {};
  const lines = open(path);
  let last: string | undefined;
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (line === '') continue;
      if (!line.startsWith(';')) break;
      // "; Key: value" — but not "; http://..." — opens a field; other comment lines continue it.
      const m = /^;\s*([A-Za-z][A-Za-z ]*?):(?!\/\/)\s*(.*)$/.exec(line);
      const text = m ? m[2].trim() : line.slice(1).trim();
      if (m) {
        last = m[1];
        // Repeated keys (Note, Queue) accumulate.
        fields[last] = fields[last] !== undefined ? `${fields[last]} | ${text}` : text;
      } else if (last !== undefined && text !== '') fields[last] = `${fields[last]} ${text}`;
      else last = undefined;
    }
  } finally {
    lines.close();
  }
  const num = (k: string) => (fields[k] !== undefined && Number.isFinite(Number(fields[k])) ? Number(fields[k]) : undefined);
  return { fields, unixStartTime: num('UnixStartTime') ?? 0, maxNodes: num('MaxNodes'), maxProcs: num('MaxProcs') };
}

/** The job lines, parsed: 18 numbers each (a malformed line is an InputError naming file and line). */
export async function* swfJobs(path: string): AsyncGenerator<SwfJob> {
  const lines = open(path);
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      const line = raw.trim();
      if (line === '' || line.startsWith(';')) continue;
      const parts = line.split(/\s+/);
      if (parts.length !== 18) {
        throw new InputError(`${path}: line ${n}: expected 18 fields (Standard Workload Format), found ${parts.length}`);
      }
      const values = new Float64Array(18);
      for (let i = 0; i < 18; i++) {
        const v = Number(parts[i]);
        if (!Number.isFinite(v)) throw new InputError(`${path}: line ${n}, field ${i + 1} (${SWF_FIELDS[i]}): expected a number, found "${parts[i]}"`);
        values[i] = v;
      }
      yield { line: n, values };
    }
  } finally {
    lines.close();
  }
}
