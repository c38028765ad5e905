/**
 * The Grid Workloads Archive VM-usage layout (GWA-T-12 Bitbrains, Materna): one file per VM,
 * fields separated by ";" and a tab, a sample every 5 minutes of provisioned and used cpu, memory,
 * disk and network. A file, or a folder of them (gzip read transparently).
 *
 * Units: cpu MHz (cores × clock) → cores; memory KB → GiB; disk and network KB/s → MB/s (read +
 * write, received + transmitted). Rows of zeros (the VM not running or not reporting) are absent,
 * not idle; a row repeating the previous timestamp is dropped.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { csvRows } from './csv.js';
import { InputError } from './input-error.js';

export const GWA_COLUMNS = {
  time: 'Timestamp [ms]',
  cores: 'CPU cores',
  cpuCapacity: 'CPU capacity provisioned [MHZ]',
  cpuUsage: 'CPU usage [MHZ]',
  memCapacity: 'Memory capacity provisioned [KB]',
  memUsage: 'Memory usage [KB]',
  diskRead: 'Disk read throughput [KB/s]',
  diskWrite: 'Disk write throughput [KB/s]',
  netIn: 'Network received throughput [KB/s]',
  netOut: 'Network transmitted throughput [KB/s]',
} as const;

export interface GwaSample {
  /** Seconds (the header says ms; the values are seconds, as the archive documents). */
  time: number;
  cores: number;
  /** Provisioned: cores, GiB. */
  cpuProvisioned: number;
  memProvisioned: number;
  /** Used: cores, GiB, MB/s, MB/s. */
  cpu: number;
  mem: number;
  io: number;
  net: number;
}

/** The VM files of a path: the file itself, or the folder's .csv / .csv.gz files in numeric order. */
export function gwaFiles(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError(`${path}: no such file or folder`);
  }
  if (!st.isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((f) => /\.csv(\.gz)?$/.test(f))
    .sort((a, b) => parseFloat(a) - parseFloat(b) || a.localeCompare(b))
    .map((f) => join(path, f));
  if (files.length === 0) throw new InputError(`${path}: no .csv or .csv.gz files in the folder`);
  return files;
}

/** The VM's name: its file name without extensions ("1" for 1.csv.gz). */
export function vmName(file: string): string {
  return basename(file).replace(/\.csv(\.gz)?$/, '');
}

/** The samples of one VM file, zero rows and repeated timestamps left out. */
export async function* gwaSamples(file: string): AsyncGenerator<GwaSample> {
  const C = GWA_COLUMNS;
  let last = -Infinity;
  for await (const [row, line] of csvRows(file, { delimiter: ';', trim: true })) {
    const get = (column: string) => {
      const text = row[column];
      if (text === undefined) throw new InputError(`${file}: missing column "${column}"; columns found: ${Object.keys(row).join(', ')}`);
      const v = Number(text);
      if (text === '' || !Number.isFinite(v)) throw new InputError(`${file}: line ${line}, column ${column}: expected a number, found "${text}"`);
      return v;
    };
    const time = get(C.time);
    const cores = get(C.cores);
    const capacity = get(C.cpuCapacity);
    const memCapacity = get(C.memCapacity);
    if (cores === 0 && capacity === 0 && memCapacity === 0) continue;
    if (time <= last) continue;
    last = time;
    const mhzPerCore = cores > 0 ? capacity / cores : capacity;
    yield {
      time,
      cores,
      cpuProvisioned: cores,
      memProvisioned: memCapacity / 1048576,
      cpu: mhzPerCore > 0 ? get(C.cpuUsage) / mhzPerCore : 0,
      mem: get(C.memUsage) / 1048576,
      io: (get(C.diskRead) + get(C.diskWrite)) / 1024,
      net: (get(C.netIn) + get(C.netOut)) / 1024,
    };
  }
}

export interface VmSeries {
  vm: string;
  time: Float64Array;
  cpu: Float64Array;
  mem: Float64Array;
  io: Float64Array;
  net: Float64Array;
  /** Provisioned cores and GiB (the first sample's). */
  cores: number;
  memProvisioned: number;
}

/** Per-VM usage series (what recommenders learn from and are scored against). */
export async function readGwaSeries(path: string): Promise<VmSeries[]> {
  const out: VmSeries[] = [];
  for (const file of gwaFiles(path)) {
    const cols: Record<'time' | 'cpu' | 'mem' | 'io' | 'net', number[]> = { time: [], cpu: [], mem: [], io: [], net: [] };
    let cores = 0;
    let memProvisioned = 0;
    for await (const s of gwaSamples(file)) {
      if (cols.time.length === 0) [cores, memProvisioned] = [s.cpuProvisioned, s.memProvisioned];
      for (const k of ['time', 'cpu', 'mem', 'io', 'net'] as const) cols[k].push(s[k]);
    }
    out.push({
      vm: vmName(file),
      time: Float64Array.from(cols.time),
      cpu: Float64Array.from(cols.cpu),
      mem: Float64Array.from(cols.mem),
      io: Float64Array.from(cols.io),
      net: Float64Array.from(cols.net),
      cores,
      memProvisioned,
    });
  }
  return out;
}
