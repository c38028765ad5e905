/**
 * Resource dimensions. The first four are always present and always in this order; a scenario may
 * add more (for example `disk` in GiB, or `gpu` and `gpuShare` for accelerators).
 *
 * - `shared` dimensions (cpu, io, net) are compressible: running stages share them by weighted
 *   max-min fairness and slow down under contention.
 * - `memory` dimensions are incompressible: true usage above capacity OOM-kills a stage.
 * - `count` dimensions are only allocated (disk space, whole GPUs): never shared, never over-used.
 */
export type DimensionKind = 'shared' | 'memory' | 'count';

export const CPU = 0;
export const MEM = 1;
export const IO = 2;
export const NET = 3;

export const SHARED = 0;
export const MEMORY = 1;
export const COUNT = 2;

export const CORE_DIMENSIONS: readonly string[] = ['cpu', 'mem', 'io', 'net'];
const CORE_KINDS: readonly DimensionKind[] = ['shared', 'memory', 'shared', 'shared'];

/** Units shown in reports, by dimension name. */
export const UNITS: Readonly<Record<string, string>> = {
  cpu: 'cores',
  mem: 'GiB',
  io: 'MB/s',
  net: 'MB/s',
  disk: 'GiB',
  gpu: 'GPUs',
  gpuShare: 'GPU',
};

export class Dimensions {
  readonly names: readonly string[];
  readonly kinds: readonly DimensionKind[];
  /** Indices of the shared (compressible) dimensions, in order. */
  readonly shared: Int32Array;
  /** Indices of the memory (OOM) dimensions. */
  readonly memory: Int32Array;
  /** Kind of each dimension as a number (SHARED, MEMORY, COUNT), for hot loops. */
  readonly kindCode: Uint8Array;
  readonly count: number;

  constructor(extra: readonly { name: string; kind: DimensionKind }[] = []) {
    const names = [...CORE_DIMENSIONS];
    const kinds = [...CORE_KINDS];
    for (const e of extra) {
      if (names.includes(e.name)) continue;
      names.push(e.name);
      kinds.push(e.kind);
    }
    this.names = names;
    this.kinds = kinds;
    this.count = names.length;
    this.shared = Int32Array.from(kinds.flatMap((k, i) => (k === 'shared' ? [i] : [])));
    this.memory = Int32Array.from(kinds.flatMap((k, i) => (k === 'memory' ? [i] : [])));
    this.kindCode = Uint8Array.from(kinds.map((k) => (k === 'shared' ? SHARED : k === 'memory' ? MEMORY : COUNT)));
  }

  /** Index of a dimension by name, or -1. */
  index(name: string): number {
    return this.names.indexOf(name);
  }
}
