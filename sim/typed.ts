/** Growable typed-array helpers: records live in typed arrays that double when full (the hot tables in line-aligned memory). */
type Typed = Float64Array | Int32Array | Uint8Array | Uint16Array | Int8Array;

/** A copy of `a` with room for `length` elements (new elements filled with `fill`). */
export function resized<T extends Typed>(a: T, length: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a as never);
  if (fill !== 0) b.fill(fill as never, a.length);
  return b;
}

/** Whether WebAssembly memories can still be had (see alignedBuffer). */
let wasmMemory = typeof WebAssembly !== 'undefined';

/**
 * Zeroed memory for `bytes` bytes of records, starting on a cache-line boundary where it can. Records
 * of 64 bytes (and the 128-byte head of an item's) then each sit in exactly their lines: in an
 * ordinary ArrayBuffer, which malloc places 16 bytes into a page (or anywhere, when small), every
 * such record straddles one more line, and a cold record costs a miss per line. A WebAssembly
 * memory is page-aligned and zeroed, and serves here only as aligned memory. V8 reserves gigabytes
 * of address space for each, which a process under an address-space limit (`ulimit -v`) refuses:
 * then, and from then on, this falls back to an ordinary buffer — same results, unaligned.
 */
export function alignedBuffer(bytes: number): ArrayBuffer {
  if (wasmMemory && bytes > 0) {
    try {
      return new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) }).buffer;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      wasmMemory = false;
    }
  }
  return new ArrayBuffer(bytes);
}

/** A stack of free slot ids, for recycling records without allocating. */
export class FreeList {
  private ids = new Int32Array(64);
  private top = 0;

  get size(): number {
    return this.top;
  }

  push(id: number): void {
    if (this.top === this.ids.length) this.ids = resized(this.ids, this.ids.length * 2);
    this.ids[this.top++] = id;
  }

  /** The most recently freed id, or -1 when none is free. */
  pop(): number {
    return this.top > 0 ? this.ids[--this.top] : -1;
  }
}
